"""Organisers change an event's public status (reporté, passé en ligne, complet, annulé) from
their pages, and every registrant hears of it with an updated or cancelled invitation."""

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from essaim.agenda import registrations
from essaim.agenda.enums import Mode
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def _event_with_registrants(organisation, **overrides):
    """An event of one place: one person holds it, another waits."""
    event = EventFactory(organiser=organisation, capacity=1, **overrides)
    holder, waiting = UserFactory(), UserFactory()
    registrations.register(event, user=holder)
    registrations.register(event, user=waiting)
    return event, holder, waiting


def _invitation(message) -> icalendar.Calendar:
    [(_name, content, _type)] = message.attachments
    return icalendar.Calendar.from_ical(content)


@pytest.mark.parametrize(
    ("status", "label", "method", "vstatus"),
    [
        ("postponed", "Reporté", "REQUEST", "TENTATIVE"),
        ("moved_online", "Passé en ligne", "REQUEST", "CONFIRMED"),
        ("full", "Complet", "REQUEST", "CONFIRMED"),
        ("cancelled", "Annulé", "CANCEL", "CANCELLED"),
    ],
)
def test_every_registrant_hears_of_each_public_status_change(
    client, organisation, agent, django_capture_on_commit_callbacks, status, label, method, vstatus
):
    event, holder, waiting = _event_with_registrants(organisation)
    client.force_login(agent)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("agenda:organiser_status", args=[event.slug]),
            {"status": status, "note": "Précision de l’organisateur."},
            follow=True,
        )

    assert "les inscrits sont prévenus" in response.content.decode()
    assert {m.to[0] for m in mail.outbox} == {holder.email, waiting.email}
    for message in mail.outbox:
        assert label in message.subject
        assert "Précision de l’organisateur." in message.body
    [to_holder] = [m for m in mail.outbox if m.to[0] == holder.email]
    calendar = _invitation(to_holder)
    assert calendar["METHOD"] == method
    [vevent] = calendar.walk("VEVENT")
    assert vevent["STATUS"] == vstatus
    assert vevent["SEQUENCE"] == 1
    public_page = client.get(event.get_absolute_url()).content.decode()
    assert label in public_page and "Précision de l’organisateur." in public_page


def test_back_to_scheduled_after_postponed_tells_every_registrant(
    client, organisation, agent, django_capture_on_commit_callbacks
):
    event, holder, waiting = _event_with_registrants(organisation)
    client.force_login(agent)
    url = reverse("agenda:organiser_status", args=[event.slug])
    client.post(url, {"status": "postponed", "note": "Nouvelle date à venir."})
    assert "Reporté" in client.get(event.get_absolute_url()).content.decode()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"status": "scheduled", "note": ""}, follow=True)

    assert "les inscrits sont prévenus" in response.content.decode()
    assert {m.to[0] for m in mail.outbox} == {holder.email, waiting.email}
    for message in mail.outbox:
        assert message.subject.startswith("Programmé")
        assert "de nouveau programmé" in message.body
        assert "Nouvelle date à venir." not in message.body
    [to_holder] = [m for m in mail.outbox if m.to[0] == holder.email]
    calendar = _invitation(to_holder)
    assert calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert (vevent["STATUS"], vevent["SEQUENCE"]) == ("CONFIRMED", 2)
    public_page = client.get(event.get_absolute_url()).content.decode()
    assert "Reporté" not in public_page and "Nouvelle date à venir." not in public_page


def test_moving_online_gives_the_reserved_link_to_those_who_hold_a_place(
    client, organisation, agent, django_capture_on_commit_callbacks
):
    event, holder, _waiting = _event_with_registrants(
        organisation, mode=Mode.ONSITE, online_url_registrants_only=True
    )
    client.force_login(agent)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("agenda:organiser_status", args=[event.slug]), {"status": "moved_online"}
        )

    [to_holder] = [m for m in mail.outbox if m.to[0] == holder.email]
    assert event.online_url in to_holder.body
    [vevent] = _invitation(to_holder).walk("VEVENT")
    assert str(vevent["CONFERENCE"]) == event.online_url
    [to_waiting] = [m for m in mail.outbox if m.to[0] != holder.email]
    assert event.online_url not in to_waiting.body
    client.logout()
    assert event.online_url not in client.get(event.get_absolute_url()).content.decode()


def test_status_form_offers_only_allowed_changes_and_explains_a_missing_choice(
    client, organisation, agent
):
    event = EventFactory(organiser=organisation)
    client.force_login(agent)
    url = reverse("agenda:organiser_status", args=[event.slug])

    page = client.get(url).content.decode()
    assert 'value="cancelled"' in page and 'value="scheduled"' not in page
    response = client.post(url, {"status": "", "note": "Gardé"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choisissez le nouveau statut" in body and "Gardé" in body


def test_cancelled_event_stays_cancelled(client, organisation, agent):
    event = EventFactory(organiser=organisation, status="cancelled")
    client.force_login(agent)
    url = reverse("agenda:organiser_status", args=[event.slug])

    assert "Un événement annulé le reste" in client.get(url).content.decode()
    assert client.post(url, {"status": "scheduled"}).status_code == 400
    event.refresh_from_db()
    assert event.status == "cancelled"


def test_draft_has_no_public_status_to_change(client, organisation, agent):
    event = EventFactory(organiser=organisation, draft=True)
    client.force_login(agent)

    response = client.post(
        reverse("agenda:organiser_status", args=[event.slug]), {"status": "cancelled"}
    )

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.status == "scheduled"


def test_programme_coordinator_may_cancel_an_event_of_the_programme(client, organisation):
    programme = ProgrammeFactory()
    coordinator = MembershipFactory(organisation=programme.coordinator, role="editor").user
    event = EventFactory(organiser=organisation, programme=programme)
    client.force_login(coordinator)

    client.post(reverse("agenda:organiser_status", args=[event.slug]), {"status": "cancelled"})

    event.refresh_from_db()
    assert event.status == "cancelled"
