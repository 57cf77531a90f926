"""The demonstration agenda: every event the seed documents name, with real dates; idempotent."""

import pytest
from django.utils import timezone

from essaim.accounts import demo as accounts_demo
from essaim.agenda import demo
from essaim.agenda.models import Event, Programme
from essaim.agenda.queries import programme_events

pytestmark = pytest.mark.django_db

SEED_NAMES = [
    "Simplificathon",
    "inclusion numérique",
    "données publiques",
    "Pôle emploi",
    "services publics numériques",  # ANCT's Incubateur des territoires
    "#TesterDemain",
    "Ateliers du Lab’ Occitanie",
    "design en santé",
    "innover avec les citoyens",
    "retex des retex",
    "Gouvernement ouvert",
    "transition écologique",
    "Renouveler l’innovation publique",
    "documents administratifs clairs",
    "À la rencontre des sciences comportementales",
    "DGFiP",
    "Citoyens en communs",
    "Crédit-Loisirs",
]


def test_demo_loads_the_2020_and_2017_editions_once():
    accounts_demo.load()
    summary = demo.load()
    assert "événements" in summary
    count = Event.objects.count()
    assert count >= 40
    mois = Programme.objects.get(slug="mois-de-l-innovation-publique-2020")
    titles = " | ".join(programme_events(mois).values_list("title", flat=True))
    for name in SEED_NAMES:
        assert name in titles, name
    mardis = programme_events(mois).filter(title__startswith="Les Mardis de l’innovation")
    assert mardis.count() == 4
    dgfip = Event.objects.get(slug="dgfip-nord-webconferences")
    assert dgfip.sessions.count() == 3
    assert dgfip.starts_at.date().isoformat() == "2020-11-27"
    # Aggregated from the SIILAB's own agenda, showing its origin.
    credit_loisirs = Event.objects.get(slug="refonte-du-credit-loisirs")
    assert credit_loisirs.programme is None
    assert credit_loisirs.organiser.slug == "siilab"
    semaine = Programme.objects.get(slug="semaine-de-l-innovation-publique-2017")
    assert (
        programme_events(semaine).filter(organiser__slug="departement-de-loire-atlantique").count()
        >= 10
    )
    full = Event.objects.get(slug="mardi-de-l-innovation-demo")
    assert (full.confirmed_count, full.waitlist_count) == (3, 1)
    demo.load()
    assert Event.objects.count() == count


# What the seed documents say of each named event (/work/shared/seeds: 003 the DITP's press
# kit of the Mois 2020, 002 the ADF article on the Semaine 2017): slug → (organiser,
# partners it must include, Paris days of the sessions, "HH:MM-HH:MM" when the source gives
# the hours).
SEED_FACTS = {
    # « Du 17 octobre au 4 décembre »
    "simplificathon-faisons-simple": ("departement-du-nord", [], ["2020-10-17", "2020-12-04"], ""),
    # SIILAB with « Les Assembleurs », « Le 10 novembre 2020 »
    "webinaire-relance-inclusion-numerique-hauts-de-france": (
        "siilab",
        ["les-assembleurs"],
        ["2020-11-10"],
        "",
    ),
    "appel-a-idees-donnees-publiques": ("dinum", [], ["2020-11-01"], ""),  # du 1 au 30 novembre
    "innovation-au-coeur-de-pole-emploi": ("pole-emploi", [], ["2020-11-06"], ""),
    "incubateur-des-territoires-anct": ("anct", [], ["2020-11-24"], ""),  # après-midi
    "tester-demain-bordeaux-metropole": (
        "bordeaux-metropole",
        [],
        ["2020-11-17", "2020-11-19", "2020-11-24", "2020-11-27"],  # du 17 au 27 novembre
        "",
    ),
    # « organisés par le conseil régional d’Occitanie », « Du 2 au 27 novembre »
    "ateliers-du-lab-occitanie": (
        "region-occitanie",
        ["le-lab-region-occitanie"],
        ["2020-11-02", "2020-11-16", "2020-11-27"],
        "",
    ),
    "table-ronde-design-en-sante": ("ecole-de-design-nantes-atlantique", [], ["2020-11-10"], ""),
    "table-ronde-design-innovation-publique-citoyens": (
        "ecole-de-design-nantes-atlantique",
        [],
        ["2020-11-17"],
        "",
    ),
    # « Chaque mardi matin », « de 9h30 à 11h30 »
    "mardi-innovation-retex-des-retex": ("ditp", [], ["2020-11-03"], "09:30-11:30"),
    "mardi-innovation-gouvernement-ouvert": ("ditp", [], ["2020-11-10"], "09:30-11:30"),
    "mardi-innovation-transition-ecologique": ("ditp", [], ["2020-11-17"], "09:30-11:30"),
    "mardi-innovation-renouveler-l-innovation-publique": (
        "ditp",
        [],
        ["2020-11-24"],
        "09:30-11:30",
    ),
    # « Mardi 10 novembre de 14h à 16h »; « un évènement MENJS-MESRI », mardi 17, 14h-16h
    "sciences-comportementales-documents-clairs": ("ditp", [], ["2020-11-10"], "14:00-16:00"),
    "a-la-rencontre-des-sciences-comportementales": (
        "menjs-mesri",
        ["ditp"],
        ["2020-11-17"],
        "14:00-16:00",
    ),
    # « DGFIP, délégation Nord – 27 novembre au 22 janvier »
    "dgfip-nord-webconferences": (
        "dgfip-delegation-nord",
        [],
        ["2020-11-27", "2020-12-18", "2021-01-22"],
        "",
    ),
    "citoyens-en-communs-seminaire-de-lancement": ("siilab", [], ["2020-11-18"], ""),
    "refonte-du-credit-loisirs": ("siilab", ["mission-locale-de-lille"], ["2020-11-28"], ""),
    # « ce vendredi 20 novembre », with the SIILAB and the SGAR
    "la-ditp-a-la-rencontre-du-siilab": (
        "siilab",
        ["ditp", "sgar-hauts-de-france"],
        ["2020-11-20"],
        "",
    ),
    # Seed 002, the Semaine « du 20 au 26 novembre 2017 »
    "mooc-innovation-publique-et-pensee-design-2017": (
        "departement-du-val-d-oise",
        [],
        ["2017-11-06"],  # « depuis le 6 novembre et ce jusqu’au 1er décembre »
        "",
    ),
    "labase-gironde-ateliers-2017": (
        "departement-de-la-gironde",
        ["bordeaux-metropole"],
        [f"2017-11-{day}" for day in range(20, 26)],  # « pendant 6 jours »
        "",
    ),
}


def _days(event) -> list[str]:
    return [timezone.localtime(s.starts_at).date().isoformat() for s in event.sessions.all()]


def test_named_events_have_the_dates_and_organisers_of_the_seeds():
    accounts_demo.load()
    demo.load()

    for slug, (organiser, partners, days, hours) in SEED_FACTS.items():
        event = Event.objects.get(slug=slug)
        assert event.organiser.slug == organiser, slug
        assert set(partners) <= set(event.partners.values_list("slug", flat=True)), slug
        assert _days(event) == days, slug
        if hours:
            session = event.sessions.get()
            start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
            assert f"{start:%H:%M}-{end:%H:%M}" == hours, slug

    occitanie = Event.objects.get(slug="ateliers-du-lab-occitanie")
    first, last = timezone.localtime(occitanie.starts_at), timezone.localtime(occitanie.ends_at)
    assert (first.date().isoformat(), last.date().isoformat()) == ("2020-11-02", "2020-11-27")
    mooc = Event.objects.get(slug="mooc-innovation-publique-et-pensee-design-2017")
    assert timezone.localtime(mooc.ends_at).date().isoformat() == "2017-12-01"
    dinum = Event.objects.get(slug="appel-a-idees-donnees-publiques")
    assert timezone.localtime(dinum.ends_at).date().isoformat() == "2020-11-30"

    # The speakers the press kit names, in its order.
    behaviour = Event.objects.get(slug="a-la-rencontre-des-sciences-comportementales")
    assert list(behaviour.speakers.values_list("name", flat=True)) == [
        "Chrystelle Prieur",
        "Laurianne Vagharchakian",
        "Camille Rozier",
        "Elise Potier",
        "Laure Dusart",
    ]
    open_government = Event.objects.get(slug="mardi-innovation-gouvernement-ouvert")
    assert list(open_government.speakers.values_list("name", flat=True)) == [
        "Didier Migaud",
        "Henri Verdier",
        "Armel Le Coz",
        "Mathilde Imer",
    ]

    # The Semaine 2017: the Calvados' round table and hackathon, Loire-Atlantique's moments
    # over six days, all within the week of 20 to 26 November 2017.
    semaine = Programme.objects.get(slug="semaine-de-l-innovation-publique-2017")
    calvados = programme_events(semaine).filter(organiser__slug="departement-du-calvados")
    assert sorted(calvados.values_list("format", flat=True)) == ["hackathon", "round_table"]
    loire = programme_events(semaine).filter(organiser__slug="departement-de-loire-atlantique")
    loire_days = {day for event in loire for day in _days(event)}
    assert loire_days == {f"2017-11-{day}" for day in range(20, 26)}
    for event in calvados:
        assert all("2017-11-20" <= day <= "2017-11-26" for day in _days(event)), event.slug
