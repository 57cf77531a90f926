"""iCalendar: every .ics parses with `icalendar`, times survive the change to winter time,
UIDs stay, SEQUENCE moves on every change, cancellations say METHOD:CANCEL."""

import datetime

import icalendar
import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from essaim.agenda import registrations, services
from essaim.agenda.enums import PublicStatus
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.agenda.factories import (
    CalendarFeedFactory,
    EventFactory,
    ProgrammeFactory,
    paris,
)

pytestmark = pytest.mark.django_db

# 25 October 2020, 3:00 summer time became 2:00 winter time in Paris.
SUMMER = (paris(2020, 10, 24, 10), paris(2020, 10, 24, 12))
WINTER = (paris(2020, 10, 26, 10), paris(2020, 10, 26, 12))


def _parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def test_event_ics_round_trips_times_across_the_change_to_winter_time(client):
    event = EventFactory(sessions=[SUMMER, WINTER])
    calendar = _parse(client.get(reverse("agenda:event_feed", args=[event.slug])))
    assert calendar["METHOD"] == "PUBLISH"
    starts = sorted(v.decoded("DTSTART") for v in calendar.walk("VEVENT"))
    assert starts == [SUMMER[0], WINTER[0]]
    assert [s.utcoffset() for s in starts] == [
        datetime.timedelta(hours=2),
        datetime.timedelta(hours=1),
    ]
    # The UTC instants are right too: 8:00 UTC in summer, 9:00 UTC in winter.
    assert [s.astimezone(datetime.UTC).hour for s in starts] == [8, 9]
    [timezone] = calendar.walk("VTIMEZONE")
    assert timezone["TZID"] == "Europe/Paris"


# A night across the change (6 hours, not 5), and a session in the hour that happens twice
# that night: from 2:30 the second time (winter time, 1:30 UTC).
NIGHT = (paris(2020, 10, 24, 23), paris(2020, 10, 25, 4))
REPEATED_HOUR = (
    datetime.datetime(2020, 10, 25, 1, 30, tzinfo=datetime.UTC),
    datetime.datetime(2020, 10, 25, 2, 30, tzinfo=datetime.UTC),
)
ACROSS_THE_CHANGE = [SUMMER, NIGHT, REPEATED_HOUR, WINTER]


def _times(calendar) -> list[tuple[datetime.datetime, datetime.datetime]]:
    """The (start, end) instants of the calendar's sessions, in order."""
    return sorted((v.decoded("DTSTART"), v.decoded("DTEND")) for v in calendar.walk("VEVENT"))


def test_emailed_invitation_round_trips_times_across_the_change_to_winter_time(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(sessions=ACROSS_THE_CHANGE)
    with (
        time_machine.travel(paris(2020, 10, 1), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        registrations.register(event, user=UserFactory())

    [message] = mail.outbox
    calendar = icalendar.Calendar.from_ical(message.attachments[0][1])

    assert calendar["METHOD"] == "REQUEST"
    times = _times(calendar)
    assert times == ACROSS_THE_CHANGE  # the same instants, compared in UTC
    night_start, night_end = (moment.astimezone(datetime.UTC) for moment in times[1])
    assert night_end - night_start == datetime.timedelta(hours=6)
    assert [start.astimezone(datetime.UTC).hour for start, _end in times] == [8, 21, 1, 9]


def test_feeds_round_trip_times_across_the_change_to_winter_time(client):
    programme = ProgrammeFactory()
    event = EventFactory(programme=programme, sessions=ACROSS_THE_CHANGE)
    feed = CalendarFeedFactory()
    with time_machine.travel(paris(2020, 10, 1), tick=False):
        registrations.register(event, user=feed.user)

    for url in (
        reverse("agenda:programme_feed", args=[programme.slug]),
        reverse("agenda:organisation_feed", args=[event.organiser.slug]),
        reverse("agenda:personal_feed", args=[feed.token]),
    ):
        assert _times(_parse(client.get(url))) == ACROSS_THE_CHANGE, url


def test_event_ics_has_the_required_properties(client):
    event = EventFactory(latitude=48.85, longitude=2.35, online_url_registrants_only=False)
    [vevent] = _parse(client.get(reverse("agenda:event_feed", args=[event.slug]))).walk("VEVENT")
    for name in (
        "UID",
        "DTSTAMP",
        "SEQUENCE",
        "LAST-MODIFIED",
        "URL",
        "GEO",
        "CATEGORIES",
        "ORGANIZER",
    ):
        assert name in vevent, name
    assert vevent["STATUS"] in {"TENTATIVE", "CONFIRMED", "CANCELLED"}
    assert str(vevent["CONFERENCE"]) == event.online_url


def test_online_link_reserved_to_registrants_stays_out_of_public_calendars(client):
    event = EventFactory(online_url_registrants_only=True)
    [vevent] = _parse(client.get(reverse("agenda:event_feed", args=[event.slug]))).walk("VEVENT")
    assert "CONFERENCE" not in vevent
    assert event.online_url.encode() not in client.get(reverse("agenda:feed")).content


def test_uid_stays_and_sequence_grows_when_the_organiser_changes_the_time(
    client, django_capture_on_commit_callbacks
):
    event = EventFactory()
    person = UserFactory()
    registrations.register(event, user=person)
    url = reverse("agenda:event_feed", args=[event.slug])
    [before] = _parse(client.get(url)).walk("VEVENT")
    later = (paris(2030, 3, 5, 14), paris(2030, 3, 5, 16))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_event(event, by=None, sessions=[later])
    [after] = _parse(client.get(url)).walk("VEVENT")
    assert str(after["UID"]) == str(before["UID"])
    assert after["SEQUENCE"] == before["SEQUENCE"] + 1
    assert after.decoded("DTSTART") == later[0]
    [message] = mail.outbox
    [(_name, content, _type)] = message.attachments
    [mailed] = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert mailed["SEQUENCE"] == after["SEQUENCE"]
    assert str(mailed["UID"]) == str(before["UID"])


def test_cancelling_the_event_mails_a_cancel_to_every_registrant(
    django_capture_on_commit_callbacks,
):
    event = EventFactory(capacity=1)
    holder, waiting = UserFactory(), UserFactory()
    registrations.register(event, user=holder)
    registrations.register(event, user=waiting)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            event, to=PublicStatus.CANCELLED, by=None, note="Intervenant malade."
        )
    assert {m.to[0] for m in mail.outbox} == {holder.email, waiting.email}
    for message in mail.outbox:
        assert "Annulé" in message.subject
        assert "Intervenant malade." in message.body
        calendar = icalendar.Calendar.from_ical(message.attachments[0][1])
        assert calendar["METHOD"] == "CANCEL"
        [vevent] = calendar.walk("VEVENT")
        assert vevent["STATUS"] == "CANCELLED"
        assert vevent["SEQUENCE"] == 1


def test_postponing_tells_registrants_with_a_tentative_status(django_capture_on_commit_callbacks):
    event = EventFactory()
    registrations.register(event, user=UserFactory())
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.change_status(
            event, to=PublicStatus.POSTPONED, by=None, note="Nouvelle date à venir."
        )
    [message] = mail.outbox
    assert "Reporté" in message.subject
    [vevent] = icalendar.Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert vevent["STATUS"] == "TENTATIVE"


def test_programme_feed_lists_every_session_of_its_published_events(client):
    programme = ProgrammeFactory()
    EventFactory(programme=programme, sessions=[SUMMER, WINTER])
    EventFactory(programme=programme)
    EventFactory(programme=programme, draft=True)
    calendar = _parse(client.get(reverse("agenda:programme_feed", args=[programme.slug])))
    assert len(calendar.walk("VEVENT")) == 3
    assert calendar["METHOD"] == "PUBLISH"


def test_filtered_feed_follows_the_filters(client):
    EventFactory(title="Hackathon des données", format="hackathon")
    EventFactory(title="Webinaire inclusion", format="webinar")
    calendar = _parse(client.get(reverse("agenda:feed") + "?format=hackathon"))
    assert [str(v["SUMMARY"]) for v in calendar.walk("VEVENT")] == ["Hackathon des données"]


def test_personal_feed_shows_registrations_and_reserved_links(client):
    feed = CalendarFeedFactory()
    mine = EventFactory(online_url_registrants_only=True)
    EventFactory(title="Pas pour moi")
    registrations.register(mine, user=feed.user)
    calendar = _parse(client.get(reverse("agenda:personal_feed", args=[feed.token])))
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == mine.title
    assert str(vevent["CONFERENCE"]) == mine.online_url


def test_personal_feed_with_a_wrong_token_is_not_found(client):
    CalendarFeedFactory()
    assert client.get(reverse("agenda:personal_feed", args=["devine"])).status_code == 404


def test_draft_event_has_no_public_ics(client):
    event = EventFactory(draft=True)
    assert client.get(reverse("agenda:event_feed", args=[event.slug])).status_code == 404


def test_organisation_feed_lists_its_published_events(client):
    event = EventFactory(title="Café de l’innovation")
    EventFactory(organiser=event.organiser, draft=True)
    EventFactory(title="Ailleurs")
    url = reverse("agenda:organisation_feed", args=[event.organiser.slug])
    assert [str(v["SUMMARY"]) for v in _parse(client.get(url)).walk("VEVENT")] == [event.title]


def test_special_characters_and_long_lines_survive_the_writer(client):
    """Commas, semicolons, backslashes, newlines, quotes and accents are escaped; lines longer
    than 75 octets are folded without cutting a character in two."""
    title = "Atelier ; « données, usages » \\ " + "é" * 80
    organiser = OrganisationFactory(name='Lab "Hauts-de-France" : innovation, design')
    event = EventFactory(
        title=title,
        organiser=organiser,
        status_note="Première ligne\nseconde ligne",
        online_url_registrants_only=False,
    )
    response = client.get(reverse("agenda:event_feed", args=[event.slug]))
    for line in response.content.split(b"\r\n"):
        assert len(line) <= 75, line
    [vevent] = _parse(response).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == title
    assert "Première ligne\nseconde ligne" in str(vevent["DESCRIPTION"])
    assert vevent["ORGANIZER"].params["CN"] == "Lab 'Hauts-de-France' : innovation, design"
    assert [str(c) for c in vevent["CATEGORIES"].cats] == ["Webinaire"]
    assert vevent["CONFERENCE"].params["VALUE"] == "URI"


def test_programme_feed_follows_changes_despite_its_cache(client):
    programme = ProgrammeFactory()
    event = EventFactory(programme=programme, title="Premier titre")
    url = reverse("agenda:programme_feed", args=[programme.slug])
    assert [str(v["STATUS"]) for v in _parse(client.get(url)).walk("VEVENT")] == ["CONFIRMED"]
    services.change_status(event, to=PublicStatus.CANCELLED, by=None)
    EventFactory(programme=programme, title="Nouveau venu")
    calendar = _parse(client.get(url))
    assert sorted((str(v["SUMMARY"]), str(v["STATUS"])) for v in calendar.walk("VEVENT")) == [
        ("Nouveau venu", "CONFIRMED"),
        ("Premier titre", "CANCELLED"),
    ]
    services.back_to_draft(event, by=None)
    assert [str(v["SUMMARY"]) for v in _parse(client.get(url)).walk("VEVENT")] == ["Nouveau venu"]
