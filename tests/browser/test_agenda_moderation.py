"""An organiser submits an event to a programme through the guided form and its preview; a
coordinator publishes it; the organiser then postpones it. Every page audited with axe-core."""

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from essaim.agenda.models import Event
from essaim.catalogue.models import Theme
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.agenda.factories import ProgrammeFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def cast(transactional_db):
    Theme.objects.get_or_create(name="Inclusion numérique", defaults={"slug": "inclusion"})
    programme = ProgrammeFactory(name="Mois de l’innovation publique")
    organiser = MembershipFactory(role="member").user
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    return {"programme": programme, "organiser": organiser, "coordinator": coordinator}


def _sign_in(page, visit, axe, user):
    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)


def test_organiser_submits_and_coordinator_publishes(page, new_page, visit, axe, cast):
    programme = cast["programme"]
    _sign_in(page, visit, axe, cast["organiser"])
    visit(programme.get_absolute_url())
    axe()
    page.get_by_role("link", name="Proposer un événement").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Proposer un événement")
    axe()

    # A first try without a title: the page says what to fix and keeps what was typed.
    page.locator('[name="summary"]').fill("Une heure pour découvrir la donnée publique.")
    page.locator('[name="format"]').select_option("webinar")
    online = page.locator('input[name="mode"][value="online"]')
    page.locator(f'label[for="{online.get_attribute("id")}"]').click()
    expect(online).to_be_checked()
    page.locator('[name="online_url"]').fill("https://visio.exemple.fr/mardis")
    day = (datetime.date.today() + datetime.timedelta(days=10)).isoformat()
    page.locator('[name="seances-0-day"]').fill(day)
    page.locator('[name="seances-0-starts"]').fill("11:00")
    page.locator('[name="seances-0-ends"]').fill("12:00")
    page.get_by_role("button", name="Enregistrer et voir l’aperçu").click()
    expect(page.get_by_text("Certains champs sont à corriger")).to_be_visible()
    expect(page.locator('[name="summary"]')).to_have_value(
        "Une heure pour découvrir la donnée publique."
    )
    expect(page.locator('[name="seances-0-day"]')).to_have_value(day)
    axe()

    page.locator('[name="title"]').fill("Les Mardis de l’innovation")
    page.get_by_role("button", name="Enregistrer et voir l’aperçu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Aperçu de votre événement")
    expect(page.get_by_role("heading", name="Les Mardis de l’innovation")).to_be_visible()
    axe()

    page.get_by_role("button", name=f"Soumettre à « {programme.name} »").click()
    expect(page.get_by_text("Événement soumis aux coordinateurs")).to_be_visible()
    axe()
    event = Event.objects.get(title="Les Mardis de l’innovation")
    assert event.moderation_state == "submitted"

    coordinator_page = new_page()
    _sign_in(coordinator_page, visit, axe, cast["coordinator"])
    visit(programme.get_absolute_url(), page=coordinator_page)
    axe(coordinator_page)
    coordinator_page.get_by_role("link", name="Coordonner ce programme").click()
    expect(coordinator_page.get_by_role("heading", level=2).first).to_have_text(
        "1 événement à modérer"
    )
    axe(coordinator_page)
    coordinator_page.get_by_role("link", name="Les Mardis de l’innovation").click()
    expect(coordinator_page.get_by_role("heading", level=1)).to_contain_text("Modérer")
    axe(coordinator_page)
    coordinator_page.get_by_label("Message à l’organisateur (facultatif)").fill("Merci !")
    coordinator_page.get_by_role("button", name="Publier l’événement").click()
    expect(
        coordinator_page.get_by_text("est publié ; son organisateur est prévenu")
    ).to_be_visible()
    axe(coordinator_page)
    event.refresh_from_db()
    assert event.moderation_state == "published"

    # Later the organiser postpones it: the status page says who will be told.
    visit(reverse("agenda:organiser_status", args=[event.slug]))
    postponed = page.locator('input[name="status"][value="postponed"]')
    page.locator(f'label[for="{postponed.get_attribute("id")}"]').click()
    page.get_by_label("Précision pour les inscrits (facultatif)").fill("Nouvelle date en janvier.")
    page.get_by_role("button", name="Changer le statut et prévenir les inscrits").click()
    expect(page.get_by_text("les inscrits sont prévenus")).to_be_visible()
    axe()
    event.refresh_from_db()
    assert event.status == "postponed"


def test_coordinator_creates_then_edits_a_programme(page, visit, axe, cast):
    """Without JavaScript-only widgets: dates, région checkboxes, départements typed."""
    from essaim.agenda.models import Programme
    from tests.catalogue.factories import DepartmentFactory, RegionFactory

    region = RegionFactory(code="52", name="Pays de la Loire")
    DepartmentFactory(code="44", name="Loire-Atlantique", parent=region, region=region)
    _sign_in(page, visit, axe, cast["coordinator"])
    visit(reverse("agenda:coordination_home"))
    axe()
    page.get_by_role("link", name="Créer un programme").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Créer un programme")
    axe()

    page.locator('[name="name"]').fill("Semaine de l’innovation 2031")
    page.locator('[name="starts_on"]').fill("2031-11-30")
    page.locator('[name="ends_on"]').fill("2031-11-20")
    page.locator('[name="departments"]').fill("44")
    page.get_by_role("button", name="Créer le programme").click()
    expect(page.get_by_text("précède le premier")).to_be_visible()
    expect(page.locator('[name="name"]')).to_have_value("Semaine de l’innovation 2031")
    expect(page.locator('[name="departments"]')).to_have_value("44")
    axe()

    page.locator('[name="starts_on"]').fill("2031-11-17")
    page.locator('[name="ends_on"]').fill("2031-11-23")
    page.get_by_role("button", name="Créer le programme").click()
    expect(page.get_by_text("Programme « Semaine de l’innovation 2031 » créé.")).to_be_visible()
    axe()
    programme = Programme.objects.get(name="Semaine de l’innovation 2031")
    assert [t.code for t in programme.territories.all()] == ["44"]

    page.get_by_role("link", name="Modifier le programme").click()
    axe()
    page.locator('[name="call_opens_on"]').fill("2031-10-01")
    page.locator('[name="call_closes_on"]').fill("2031-11-10")
    page.get_by_role("button", name="Enregistrer les modifications").click()
    expect(
        page.get_by_text("Appel à événements du 1 octobre 2031 au 10 novembre 2031")
    ).to_be_visible()
    axe()
