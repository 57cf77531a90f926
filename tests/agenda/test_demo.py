"""The demonstration agenda: every event the seed documents name, with real dates; idempotent."""

import pytest

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
