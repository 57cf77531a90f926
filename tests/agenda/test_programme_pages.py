"""Coordinators create and edit programmes: who may, the rules between dates (French messages
that say how to fix them, nothing typed lost), territories, themes, and the links to the pages."""

import datetime

import pytest
from django.urls import reverse

from essaim.agenda.models import Programme
from tests.accounts.factories import MembershipFactory, OrganisationFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, paris
from tests.catalogue.factories import DepartmentFactory, RegionFactory, ThemeFactory

pytestmark = pytest.mark.django_db
CREATE = reverse("agenda:coordination_create")


def _plain(html: str) -> str:
    return html.replace("\xa0", " ").replace("&#x27;", "'")


@pytest.fixture
def territories(db):
    occitanie = RegionFactory(code="76", name="Occitanie")
    pays_de_la_loire = RegionFactory(code="52", name="Pays de la Loire")
    return {
        "occitanie": occitanie,
        "loire-atlantique": DepartmentFactory(
            code="44", name="Loire-Atlantique", parent=pays_de_la_loire, region=pays_de_la_loire
        ),
        "vendee": DepartmentFactory(
            code="85", name="Vendée", parent=pays_de_la_loire, region=pays_de_la_loire
        ),
    }


def _data(organisation, **overrides):
    data = {
        "name": "Mois de l’innovation publique 2021",
        "summary": "Un mois d’événements pour les agents publics.",
        "description": "Ateliers, webinaires et tables rondes partout en France.",
        "website": "",
        "starts_on": "2021-11-02",
        "ends_on": "2021-11-30",
        "coordinator": organisation.pk,
        "departments": "",
        "call_opens_on": "2021-09-01",
        "call_closes_on": "2021-10-31",
        "is_published": "on",
        "submission_token": "jeton-1",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- Who may -------------------------------------------------------------------------------


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (CREATE, reverse("agenda:coordination_edit", args=[ProgrammeFactory().slug])):
        response = client.get(url)
        assert response.status_code == 302 and "connexion" in response.url


@pytest.mark.parametrize("who", ["applicant", "agent"])
def test_creation_is_refused_to_people_who_edit_for_no_organisation(client, request, who):
    client.force_login(request.getfixturevalue(who))

    response = client.get(CREATE)

    assert response.status_code == 403
    assert "éditeur ou administrateur" in _plain(response.content.decode())
    assert client.post(CREATE, _data(OrganisationFactory())).status_code == 403
    assert not Programme.objects.exists()


@pytest.mark.parametrize("role", ["member", "other organisation"])
def test_editing_is_refused_to_everyone_but_coordinators(client, role):
    programme = ProgrammeFactory()
    user = (
        MembershipFactory(organisation=programme.coordinator, role="member").user
        if role == "member"
        else MembershipFactory(organisation=OrganisationFactory(), role="admin").user
    )
    client.force_login(user)
    url = reverse("agenda:coordination_edit", args=[programme.slug])

    assert client.get(url).status_code == 403
    response = client.post(url, _data(programme.coordinator, name="Détourné"))
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.name != "Détourné"


def test_coordinator_choices_are_the_organisations_one_edits_for(client, editor, organisation):
    MembershipFactory(user=editor, organisation=OrganisationFactory(name="Où je suis membre"))
    client.force_login(editor)

    response = client.post(
        CREATE, _data(organisation, coordinator=OrganisationFactory(name="Étrangère").pk)
    )

    assert response.status_code == 400
    assert not Programme.objects.exists()
    page = response.content.decode()
    assert organisation.name in page
    assert "Où je suis membre" not in page and "Étrangère" not in page


# --- Create and edit -----------------------------------------------------------------------


def test_editor_creates_a_programme_with_territories_themes_and_call(
    client, editor, organisation, territories
):
    themes = [ThemeFactory(slug="numerique", name="Numérique"), ThemeFactory(slug="sante")]
    client.force_login(editor)
    assert client.get(CREATE).status_code == 200

    response = client.post(
        CREATE,
        _data(
            organisation,
            regions=[territories["occitanie"].pk],
            departments="44\nVendée, loire-atlantique",
            themes=[themes[0].pk],
        ),
    )

    programme = Programme.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("agenda:coordination_programme", args=[programme.slug])
    assert programme.slug == "mois-de-linnovation-publique-2021"
    assert programme.coordinator == organisation
    assert (programme.starts_on, programme.ends_on) == (
        datetime.date(2021, 11, 2),
        datetime.date(2021, 11, 30),
    )
    assert (programme.call_opens_on, programme.call_closes_on) == (
        datetime.date(2021, 9, 1),
        datetime.date(2021, 10, 31),
    )
    assert set(programme.territories.all()) == {
        territories["occitanie"],
        territories["loire-atlantique"],
        territories["vendee"],
    }
    assert list(programme.themes.all()) == [themes[0]]
    assert programme.is_published
    # The editor now coordinates it, and a double click does not create it twice.
    again = client.post(CREATE, _data(organisation))
    assert again.status_code == 302 and Programme.objects.count() == 1
    page = client.get(response.url).content.decode()
    assert reverse("agenda:coordination_edit", args=[programme.slug]) in page


def test_same_name_gets_its_own_address(client, editor, organisation):
    ProgrammeFactory(slug="mois-de-linnovation-publique-2021")
    client.force_login(editor)

    client.post(CREATE, _data(organisation))

    assert Programme.objects.filter(slug="mois-de-linnovation-publique-2021-2").exists()


def test_new_programme_is_unpublished_unless_ticked(client, editor, organisation):
    client.force_login(editor)
    assert 'name="is_published"' in client.get(CREATE).content.decode()

    client.post(CREATE, _data(organisation, is_published=None))

    programme = Programme.objects.get()
    assert not programme.is_published
    assert client.get(programme.get_absolute_url()).status_code == 404


def test_coordinator_edits_the_programme_and_keeps_its_address(client, territories):
    programme = ProgrammeFactory(name="Semaine de l’innovation", slug="semaine")
    programme.territories.add(territories["loire-atlantique"])
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    client.force_login(coordinator)
    url = reverse("agenda:coordination_edit", args=[programme.slug])

    form = client.get(url).content.decode()

    assert "Semaine de l’innovation" in form
    assert "Loire-Atlantique (44)" in form  # the départements as they are typed back
    response = client.post(
        url,
        _data(
            programme.coordinator,
            name="Semaine de l’innovation publique",
            departments="Loire-Atlantique (44)\n85",
            call_opens_on="",
            call_closes_on="",
        ),
    )
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.name == "Semaine de l’innovation publique"
    assert programme.slug == "semaine"
    assert programme.call_opens_on is None and programme.call_closes_on is None
    assert set(programme.territories.values_list("code", flat=True)) == {"44", "85"}


# --- Rules between dates: French messages, nothing lost ------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"starts_on": "2021-11-30", "ends_on": "2021-11-02"},
            "Le dernier jour (02/11/2021) précède le premier (30/11/2021) : corrigez l’une "
            "des deux dates.",
        ),
        (
            {"call_opens_on": "2021-10-15", "call_closes_on": "2021-10-01"},
            "L’appel ferme (01/10/2021) avant d’ouvrir (15/10/2021) : la clôture doit suivre "
            "l’ouverture.",
        ),
        (
            {"call_closes_on": "2021-12-15"},
            "L’appel ne peut pas fermer après le dernier jour du programme (30/11/2021) : "
            "avancez sa clôture à cette date au plus tard.",
        ),
        (
            {"call_closes_on": ""},
            "Indiquez aussi la clôture de l’appel, ou videz son ouverture s’il n’y a pas "
            "d’appel à événements.",
        ),
        (
            {"ends_on": ""},
            "Ce champ est obligatoire : remplissez-le.",
        ),
        (
            {"departments": "44\nAtlantide"},
            "Aucun département ne correspond à « Atlantide » : écrivez son numéro (« 44 ») ou "
            "son nom exact (« Loire-Atlantique »), ou retirez la ligne.",
        ),
    ],
)
def test_wrong_dates_are_explained_and_nothing_typed_is_lost(
    client, editor, organisation, territories, overrides, message
):
    client.force_login(editor)

    response = client.post(CREATE, _data(organisation, **overrides))

    page = _plain(response.content.decode())
    assert response.status_code == 400
    assert message in page
    assert "Mois de l’innovation publique 2021" in page
    assert "Ateliers, webinaires et tables rondes partout en France." in page
    for value in overrides.values():
        assert value.split("\n")[-1] in page
    assert not Programme.objects.exists()


def test_call_may_open_after_the_programme_starts(client, editor, organisation):
    client.force_login(editor)

    response = client.post(
        CREATE, _data(organisation, call_opens_on="2021-11-05", call_closes_on="2021-11-30")
    )

    assert response.status_code == 302


def test_new_dates_may_not_leave_submitted_or_published_events_out(client):
    programme = ProgrammeFactory(
        starts_on=datetime.date(2021, 11, 1), ends_on=datetime.date(2021, 11, 30)
    )
    EventFactory(
        programme=programme,
        title="Hackathon du 25",
        sessions=[(paris(2021, 11, 25, 9), paris(2021, 11, 25, 18))],
    )
    EventFactory(
        programme=programme,
        title="Brouillon du 26",
        draft=True,
        sessions=[(paris(2021, 11, 26, 9), paris(2021, 11, 26, 18))],
    )
    coordinator = MembershipFactory(organisation=programme.coordinator, role="admin").user
    client.force_login(coordinator)
    url = reverse("agenda:coordination_edit", args=[programme.slug])

    response = client.post(
        url,
        _data(
            programme.coordinator,
            starts_on="2021-11-01",
            ends_on="2021-11-20",
            call_closes_on="2021-11-15",
        ),
    )

    page = _plain(response.content.decode())
    assert response.status_code == 400
    assert (
        "Ces dates laissent hors du programme un événement déjà soumis ou publié, qui n’a lieu "
        "à aucun moment entre le 01/11/2021 et le 20/11/2021 : « Hackathon du 25 »." in page
    )
    assert "Brouillon du 26" not in page
    programme.refresh_from_db()
    assert programme.ends_on == datetime.date(2021, 11, 30)


# --- Links ---------------------------------------------------------------------------------


def test_links_lead_to_creation_and_edition(client, editor, organisation, agent):
    client.force_login(editor)
    home = client.get(reverse("agenda:coordination_home"))
    assert home.status_code == 200  # an editor who coordinates nothing yet may create one
    assert CREATE in home.content.decode()
    dashboard = client.get(reverse("agenda:organiser_dashboard")).content.decode()
    assert reverse("agenda:coordination_home") in dashboard

    client.force_login(agent)
    dashboard = client.get(reverse("agenda:organiser_dashboard")).content.decode()
    assert reverse("agenda:coordination_home") not in dashboard
    assert client.get(reverse("agenda:coordination_home")).status_code == 403


def test_operator_chooses_any_coordinator(client):
    operator = UserFactory(is_superuser=True)
    organisation = OrganisationFactory()
    client.force_login(operator)

    response = client.post(CREATE, _data(organisation))

    assert response.status_code == 302
    assert Programme.objects.get().coordinator == organisation
