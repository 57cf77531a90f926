"""What registrants' calendars lose when an event loses sessions or leaves the agenda: each
removed session, or the whole event when it is unpublished, is cancelled (METHOD:CANCEL with
the session's UID and a higher SEQUENCE) so that calendar software deletes it."""

import datetime

import icalendar
import pytest
from django.core import mail
from django.urls import reverse

from essaim.agenda import registrations, services
from essaim.agenda.calendars import session_uid
from tests.accounts.factories import UserFactory
from tests.agenda.factories import CalendarFeedFactory, EventFactory, next_week_at

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def _three_sessions():
    first = next_week_at(10)
    return [
        (first + datetime.timedelta(days=7 * n), first + datetime.timedelta(days=7 * n) + HOUR)
        for n in range(3)
    ]


def _event_with_registrants(**overrides):
    """A published event of one place: one person holds it, another waits."""
    event = EventFactory(capacity=1, **overrides)
    holder, waiting = UserFactory(), UserFactory()
    registrations.register(event, user=holder)
    registrations.register(event, user=waiting)
    mail.outbox.clear()
    return event, holder, waiting


def _mails_to(person):
    return [m for m in mail.outbox if m.to == [person.email]]


def _calendar(message) -> icalendar.Calendar:
    [(_name, content, content_type)] = message.attachments
    calendar = icalendar.Calendar.from_ical(content)
    assert content_type == f"text/calendar; method={calendar['METHOD']}"
    return calendar


def _uids(calendar) -> set[str]:
    return {str(vevent["UID"]) for vevent in calendar.walk("VEVENT")}


def test_removing_a_session_cancels_it_alone_in_registrants_calendars(
    client, django_capture_on_commit_callbacks
):
    times = _three_sessions()
    event, holder, waiting = _event_with_registrants(sessions=times)
    first, middle, last = event.sessions.order_by("starts_at")
    feed_url = reverse("agenda:event_feed", args=[event.slug])
    [before] = {
        v["SEQUENCE"]
        for v in icalendar.Calendar.from_ical(client.get(feed_url).content).walk("VEVENT")
    }

    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event, by=None, sessions=[times[0], times[2]])

    # The person holding a place gets one message: the cancellation of the middle session.
    [message] = _mails_to(holder)
    assert "Séances supprimées" in message.subject
    calendar = _calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["UID"]) == session_uid(middle)
    assert vevent["STATUS"] == "CANCELLED"
    assert vevent["SEQUENCE"] == before + 1
    assert vevent.decoded("DTSTART") == times[1][0]
    # The kept sessions keep their UIDs in the public calendar, at the same revision.
    public = icalendar.Calendar.from_ical(client.get(feed_url).content)
    assert _uids(public) == {session_uid(first), session_uid(last)}
    assert {v["SEQUENCE"] for v in public.walk("VEVENT")} == {before + 1}
    # The waiting person, who never had the invitation, is told without an attachment.
    [to_waiting] = _mails_to(waiting)
    assert to_waiting.attachments == []
    assert "Les autres séances sont maintenues" in to_waiting.body


def test_removing_one_session_and_moving_another_sends_a_cancel_and_an_update(
    django_capture_on_commit_callbacks,
):
    times = _three_sessions()
    event, holder, _waiting = _event_with_registrants(sessions=times)
    first, middle, last = event.sessions.order_by("starts_at")
    moved = (times[2][0] + HOUR, times[2][1] + HOUR)

    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event, by=None, sessions=[times[0], moved])

    by_method = {_calendar(m)["METHOD"]: _calendar(m) for m in _mails_to(holder)}
    assert set(by_method) == {"CANCEL", "REQUEST"}
    [cancelled] = by_method["CANCEL"].walk("VEVENT")
    assert str(cancelled["UID"]) in {session_uid(middle), session_uid(last)}
    updated = by_method["REQUEST"].walk("VEVENT")
    assert len(updated) == 2
    assert session_uid(first) in _uids(by_method["REQUEST"])
    assert str(cancelled["UID"]) not in _uids(by_method["REQUEST"])
    assert {v.decoded("DTSTART") for v in updated} == {times[0][0], moved[0]}
    assert {v["SEQUENCE"] for v in updated} == {cancelled["SEQUENCE"]} == {1}


def test_unpublishing_withdraws_the_event_from_registrants_calendars(
    client, django_capture_on_commit_callbacks
):
    event, holder, waiting = _event_with_registrants(sessions=_three_sessions())
    uids = {session_uid(s) for s in event.sessions.all()}
    feed = CalendarFeedFactory(user=holder)
    personal_url = reverse("agenda:personal_feed", args=[feed.token])
    assert _uids(icalendar.Calendar.from_ical(client.get(personal_url).content)) == uids

    with django_capture_on_commit_callbacks(execute=True):
        services.back_to_draft(event, by=None)

    [message] = _mails_to(holder)
    assert "Retiré de l’agenda" in message.subject
    calendar = _calendar(message)
    assert calendar["METHOD"] == "CANCEL"
    assert _uids(calendar) == uids
    assert {v["STATUS"] for v in calendar.walk("VEVENT")} == {"CANCELLED"}
    assert {v["SEQUENCE"] for v in calendar.walk("VEVENT")} == {1}
    [to_waiting] = _mails_to(waiting)
    assert to_waiting.attachments == []
    # The subscribed personal calendar drops it too; the registrations are kept.
    assert _uids(icalendar.Calendar.from_ical(client.get(personal_url).content)) == set()
    assert event.registrations.filter(status="confirmed").count() == 1


def test_publishing_again_puts_the_event_back_in_registrants_calendars(
    django_capture_on_commit_callbacks,
):
    event, holder, _waiting = _event_with_registrants()
    [uid] = [session_uid(s) for s in event.sessions.all()]
    with django_capture_on_commit_callbacks(execute=True):
        services.back_to_draft(event, by=None)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        services.publish(event, by=None)

    [message] = _mails_to(holder)
    assert "De nouveau à l’agenda" in message.subject
    calendar = _calendar(message)
    assert calendar["METHOD"] == "REQUEST"
    [vevent] = calendar.walk("VEVENT")
    assert (str(vevent["UID"]), vevent["STATUS"], vevent["SEQUENCE"]) == (uid, "CONFIRMED", 2)


def test_withdrawing_a_submitted_event_tells_nobody(django_capture_on_commit_callbacks):
    event = EventFactory(submitted=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.back_to_draft(event, by=None)
    event.refresh_from_db()
    assert (event.moderation_state, event.sequence, mail.outbox) == ("draft", 0, [])
