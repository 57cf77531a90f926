"""The agenda in a real browser: filter a programme, open an event, register without an
account, confirm from the e-mail, cancel — every page audited by axe-core."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from playwright.sync_api import expect

from essaim.agenda.models import Registration
from tests.agenda.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.browser


@pytest.fixture(autouse=True)
def _empty_cache():
    """The flushed database starts its change counters again: so do the caches they key."""
    cache.clear()


def test_visitor_filters_registers_confirms_and_cancels(
    page, visit, axe, transactional_db, live_server
):
    programme = ProgrammeFactory(name="Mois de l’innovation publique")
    EventFactory(
        title="Webinaire des sciences comportementales", format="webinar", programme=programme
    )
    event = EventFactory(
        title="Atelier Crédit-Loisirs",
        format="workshop",
        capacity=10,
        online_url_registrants_only=True,
        programme=programme,
        sessions=None,
    )
    visit(programme.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(programme.name)
    page.locator("summary", has_text="Format").click()
    page.locator("label", has_text="Atelier participatif").click()
    expect(page.get_by_label("Atelier participatif")).to_be_checked()
    page.get_by_role("button", name="Appliquer les filtres").click()
    expect(page.get_by_role("status")).to_have_text(re.compile(r"1\s+événement"))
    axe()

    page.get_by_role("link", name="Atelier Crédit-Loisirs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Atelier Crédit-Loisirs")
    axe()
    page.get_by_label("Prénom et nom").fill("Camille Martin")
    page.get_by_label("Adresse électronique").fill("camille.martin@exemple.fr")
    page.get_by_role("button", name="M’inscrire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mon inscription")
    axe()

    [message] = mail.outbox
    link = re.search(r"http\S+/agenda/inscriptions/\S+/", message.body).group(0)
    path = link.split("/agenda/", 1)[1]
    visit(f"/agenda/{path}")
    page.get_by_role("button", name="Confirmer mon inscription").click()
    expect(page.get_by_text("Vous êtes inscrit.", exact=False).first).to_be_visible()
    expect(page.get_by_role("link", name="Lien de connexion")).to_have_attribute(
        "href", event.online_url
    )
    axe()
    assert "invitation.ics" in [a[0] for a in mail.outbox[-1].attachments]

    page.get_by_role("button", name="Annuler mon inscription").click()
    expect(page.get_by_text("Votre inscription est annulée", exact=False)).to_be_visible()
    axe()
    assert Registration.objects.get(event=event).status == "cancelled"
    damaged = path[:-2] + ("A" if path[-2] != "A" else "B") + "/"
    visit(f"/agenda/{damaged}")  # a link damaged on its way is refused, and says why
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Ce lien d’inscription ne fonctionne pas"
    )
    axe()
    visit("/agenda/")  # the general agenda and the map by région, audited like every page
    visit("/agenda/carte/")


def test_agenda_filters_swap_the_results_and_their_links_without_reloading(
    page, new_page, visit, axe, transactional_db, live_server
):
    EventFactory(title="Hackathon des données", format="hackathon")
    EventFactory(title="Webinaire des agents", format="webinar")
    visit("/agenda/")
    expect(page.get_by_role("status")).to_have_text(re.compile(r"2\s+événements"))
    page.evaluate("window.sameDocument = true")  # gone if the page reloads
    page.locator("summary", has_text="Format").click()
    page.locator("label", has_text="Hackathon").click()  # no button: htmx sends the change

    expect(page.get_by_role("status")).to_have_text(re.compile(r"1\s+événement"))
    expect(page.get_by_role("link", name="Webinaire des agents")).to_have_count(0)
    expect(page.get_by_role("link", name="Hackathon des données")).to_be_visible()
    assert page.evaluate("window.sameDocument") is True
    expect(page).to_have_url(re.compile(r"/agenda/\?format=hackathon$"))
    # The links outside the results follow (swapped out of band).
    expect(page.get_by_role("link", name="S’abonner (iCal) à cette sélection")).to_have_attribute(
        "href", "/agenda/calendrier.ics?format=hackathon"
    )
    expect(page.get_by_role("link", name="Exporter (CSV)")).to_have_attribute(
        "href", re.compile(r"\?format=hackathon$")
    )
    # So does the feed the <head> names for feed readers (one link, not a second one).
    expect(page.locator('head link[rel="alternate"][type="text/calendar"]')).to_have_attribute(
        "href", "/agenda/calendrier.ics?format=hackathon"
    )
    axe()
    page.go_back()  # htmx restores the unfiltered list; the <head> follows it too
    expect(page.get_by_role("status")).to_have_text(re.compile(r"2\s+événements"))
    expect(page.locator('head link[rel="alternate"][type="text/calendar"]')).to_have_attribute(
        "href", "/agenda/calendrier.ics"
    )

    # Without JavaScript the same form loads the filtered page.
    plain = new_page(java_script_enabled=False)
    visit("/agenda/", page=plain)
    plain.locator("summary", has_text="Format").click()
    plain.locator("label", has_text="Webinaire").click()
    plain.get_by_role("button", name="Appliquer les filtres").click()
    expect(plain).to_have_url(re.compile(r"/agenda/\?.*format=webinar"))
    expect(plain.get_by_role("status")).to_have_text(re.compile(r"1\s+événement"))
    expect(plain.get_by_role("link", name="S’abonner (iCal) à cette sélection")).to_have_attribute(
        "href", "/agenda/calendrier.ics?format=webinar"
    )
