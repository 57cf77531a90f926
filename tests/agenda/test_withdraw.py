"""« Retirer de l’agenda »: organisers and programme coordinators withdraw a published event
after a confirmation step; registrants get the reason and a cancellation of their invitation."""

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from essaim.agenda import registrations
from essaim.agenda.calendars import session_uid
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

REASON = "La salle n’est plus disponible ; nous reviendrons vers vous avec une nouvelle date."


def _published_with_registrant(**overrides):
    event = EventFactory(capacity=10, **overrides)
    holder = UserFactory()
    registrations.register(event, user=holder)
    mail.outbox.clear()
    return event, holder


def _url(event):
    return reverse("agenda:organiser_withdraw", args=[event.slug])


def test_preview_of_a_published_event_offers_to_withdraw_it(client, agent, organisation):
    event = EventFactory(organiser=organisation)
    client.force_login(agent)

    response = client.get(reverse("agenda:organiser_preview", args=[event.slug]))

    assert _url(event) in response.content.decode()


def test_withdraw_page_asks_for_confirmation_and_changes_nothing(client, agent, organisation):
    event, _holder = _published_with_registrant(organiser=organisation)
    client.force_login(agent)

    response = client.get(_url(event))

    page = response.content.decode()
    assert response.status_code == 200
    assert "1 personne inscrite ou en attente recevra un courriel" in page
    assert 'name="csrfmiddlewaretoken"' in page
    assert 'name="reason"' in page
    event.refresh_from_db()
    assert event.moderation_state == "published"
    assert mail.outbox == []


def test_organiser_withdraws_and_registrants_get_the_reason_and_a_cancel_ics(
    client, agent, organisation, django_capture_on_commit_callbacks
):
    event, holder = _published_with_registrant(organiser=organisation)
    uids = {session_uid(s) for s in event.sessions.all()}
    client.force_login(agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(event), {"reason": REASON})

    assert response.status_code == 302
    assert response.url == reverse("agenda:organiser_preview", args=[event.slug])
    event.refresh_from_db()
    assert event.moderation_state == "draft"
    [message] = [m for m in mail.outbox if m.to == [holder.email]]
    assert "Retiré de l’agenda" in message.subject
    assert REASON in message.body
    [(_name, content, content_type)] = message.attachments
    calendar = icalendar.Calendar.from_ical(content)
    assert (calendar["METHOD"], content_type) == ("CANCEL", "text/calendar; method=CANCEL")
    assert {str(v["UID"]) for v in calendar.walk("VEVENT")} == uids
    # The public no longer sees it; the log keeps the reason.
    client.logout()
    assert client.get(event.get_absolute_url()).status_code == 404
    assert event.log.filter(to_value="draft", note=REASON).exists()


def test_programme_coordinator_withdraws_an_event_of_the_programme(
    client, editor, organisation, other_organisation, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory(coordinator=organisation)
    event, holder = _published_with_registrant(organiser=other_organisation, programme=programme)
    client.force_login(editor)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(event), {"reason": REASON})

    assert response.status_code == 302
    event.refresh_from_db()
    assert event.moderation_state == "draft"
    assert [m.to for m in mail.outbox] == [[holder.email]]


def test_withdraw_without_a_reason_is_refused_with_a_message(client, agent, organisation):
    event, _holder = _published_with_registrant(organiser=organisation)
    client.force_login(agent)

    response = client.post(_url(event), {"reason": "  "})

    assert response.status_code == 400
    assert "Expliquez aux inscrits pourquoi" in response.content.decode()
    event.refresh_from_db()
    assert event.moderation_state == "published"


def test_withdraw_is_refused_to_an_agent_of_another_organisation(
    client, other_agent, organisation, django_capture_on_commit_callbacks
):
    event, _holder = _published_with_registrant(organiser=organisation)
    client.force_login(other_agent)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_url(event), {"reason": REASON})

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.moderation_state == "published"
    assert mail.outbox == []


def test_withdraw_is_refused_to_a_mere_member_of_the_coordinating_organisation(
    client, organisation, other_organisation
):
    """Coordinating takes an editor or administrator; a plain member may not."""
    programme = ProgrammeFactory(coordinator=organisation)
    event, _holder = _published_with_registrant(organiser=other_organisation, programme=programme)
    member = MembershipFactory(organisation=organisation, role="member").user
    client.force_login(member)

    response = client.post(_url(event), {"reason": REASON})

    assert response.status_code == 403
    event.refresh_from_db()
    assert event.moderation_state == "published"


def test_withdraw_sends_anonymous_visitors_to_sign_in(client, organisation):
    event = EventFactory(organiser=organisation)

    response = client.post(_url(event), {"reason": REASON})

    assert response.status_code == 302
    assert "connexion" in response.url or "login" in response.url
    event.refresh_from_db()
    assert event.moderation_state == "published"


def test_withdraw_of_a_draft_is_refused_with_a_message(client, agent, organisation):
    event = EventFactory(organiser=organisation, draft=True)
    client.force_login(agent)

    response = client.post(_url(event), {"reason": REASON}, follow=True)

    assert "Seul un événement publié peut être retiré" in response.content.decode()
