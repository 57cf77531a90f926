"""A coordinator withdraws a published event from the agenda (confirmation page, reason for
the registrants), then archives the programme; every page audited with axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from essaim.agenda import registrations
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory
from tests.browser.test_agenda_moderation import _sign_in

pytestmark = pytest.mark.browser


def test_coordinator_withdraws_an_event_then_archives_the_programme(page, visit, axe):
    programme = ProgrammeFactory(name="Mois de l’innovation publique")
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    event = EventFactory(programme=programme, title="Les Mardis de l’innovation", capacity=10)
    registrations.register(event, user=UserFactory())
    _sign_in(page, visit, axe, coordinator)

    visit(reverse("agenda:organiser_preview", args=[event.slug]))
    page.get_by_role("link", name="Retirer de l’agenda").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("de l’agenda")
    axe()
    page.get_by_role("button", name="Retirer de l’agenda et prévenir les inscrits").click()
    expect(page.get_by_text("Expliquez aux inscrits pourquoi")).to_be_visible()
    axe()
    page.get_by_label("Raison du retrait, pour les inscrits").fill("L’intervenant est malade.")
    page.get_by_role("button", name="Retirer de l’agenda et prévenir les inscrits").click()
    expect(page.get_by_text("Événement retiré de l’agenda")).to_be_visible()
    axe()
    event.refresh_from_db()
    assert event.moderation_state == "draft"

    visit(reverse("agenda:coordination_programme", args=[programme.slug]))
    page.get_by_role("link", name="Archiver", exact=True).click()
    axe()
    page.get_by_role("button", name="Archiver le programme").click()
    expect(page.get_by_text("son appel à événements est fermé")).to_be_visible()
    axe()
    visit(programme.get_absolute_url())
    expect(page.get_by_text("Édition archivée")).to_be_visible()
    axe()
