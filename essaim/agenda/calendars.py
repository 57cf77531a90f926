"""iCalendar (RFC 5545, RFC 7986) for events: one VEVENT per session.

UIDs come from each session's UUID so that calendars recognise an event after any edit;
SEQUENCE is the event's revision, bumped by services on every change; times are written in
Europe/Paris with its VTIMEZONE.
"""

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from essaim.agenda.enums import EventFormat, PublicStatus
from essaim.core.emails import absolute_url

PARIS = ZoneInfo("Europe/Paris")
PRODID = "-//Essaim//Agenda//FR"
# RFC 5545 §3.8.1.11: the only legal STATUS values of a VEVENT.
_STATUS = {
    PublicStatus.SCHEDULED: "CONFIRMED",
    PublicStatus.MOVED_ONLINE: "CONFIRMED",
    PublicStatus.FULL: "CONFIRMED",
    PublicStatus.POSTPONED: "TENTATIVE",
    PublicStatus.CANCELLED: "CANCELLED",
}


def _domain() -> str:
    return urlsplit(settings.SITE_URL).hostname or "essaim.example"


def session_uid(session) -> str:
    return f"{session.uid}@{_domain()}"


def _location(event) -> str:
    parts = [event.venue, event.address]
    if event.commune_id:
        parts.append(event.commune.name)
    return ", ".join(p for p in parts if p)


def _online_link_visible(event, *, registered: bool) -> bool:
    if not event.online_url or not event.is_online:
        return False
    return registered or not event.online_url_registrants_only


def _vevent(
    event, session, *, registration, cancelled: bool, registered: bool = False
) -> icalendar.Event:
    url = absolute_url(event.get_absolute_url())
    vevent = icalendar.Event()
    vevent.add("uid", session_uid(session))
    vevent.add("dtstamp", timezone.now())
    vevent.add("created", event.created_at)
    vevent.add("last-modified", event.updated_at)
    vevent.add("sequence", event.sequence)
    title = f"{event.title} — {session.title}" if session.title else event.title
    vevent.add("summary", title)
    vevent.add("dtstart", session.starts_at.astimezone(PARIS))
    vevent.add("dtend", session.ends_at.astimezone(PARIS))
    description = [event.summary]
    if event.status_note:
        description.append(event.status_note)
    description.append(url)
    vevent.add("description", "\n\n".join(description))
    vevent.add("url", url)
    location = _location(event)
    if location:
        vevent.add("location", location)
    if event.latitude is not None and event.longitude is not None:
        vevent.add("geo", (float(event.latitude), float(event.longitude)))
    categories = [EventFormat(event.format).label, *(t.name for t in event.themes.all())]
    vevent.add("categories", [str(c) for c in categories])
    organiser = icalendar.vCalAddress(f"mailto:{event.contact_email or _from_address()}")
    organiser.params["cn"] = icalendar.vText(event.organiser.name)
    vevent.add("organizer", organiser)
    if registration is not None:
        attendee = icalendar.vCalAddress(f"mailto:{registration.email}")
        if registration.name:
            attendee.params["cn"] = icalendar.vText(registration.name)
        attendee.params["role"] = icalendar.vText("REQ-PARTICIPANT")
        attendee.params["partstat"] = icalendar.vText("DECLINED" if cancelled else "ACCEPTED")
        vevent.add("attendee", attendee)
    if _online_link_visible(event, registered=registered or registration is not None):
        conference = icalendar.vUri(event.online_url)
        conference.params["value"] = "URI"
        conference.params["feature"] = "VIDEO"
        conference.params["label"] = "Lien de connexion"
        vevent.add("conference", conference)
    status = "CANCELLED" if cancelled else _STATUS[PublicStatus(event.status)]
    vevent.add("status", status)
    return vevent


def _from_address() -> str:
    address = settings.DEFAULT_FROM_EMAIL
    return address.rsplit("<", 1)[-1].rstrip(">").strip()


def _calendar(*, name: str, method: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    calendar.add("name", name)
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Paris")
    return calendar


def event_ics(event, *, method: str = "PUBLISH", registration=None) -> bytes:
    """The calendar of one event, all its sessions.

    `method`: PUBLISH (download), REQUEST (an invitation mailed to `registration`), CANCEL
    (the event or the registration is cancelled: every session is marked cancelled).
    """
    calendar = _calendar(name=event.title, method=method)
    cancelled = method == "CANCEL"
    for session in event.sessions.all():
        calendar.add_component(
            _vevent(event, session, registration=registration, cancelled=cancelled)
        )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def events_ics(events, *, name: str, registered: bool = False) -> bytes:
    """A subscription feed (METHOD:PUBLISH) of many events, every session of each.

    `registered`: the person's own feed (online links reserved to registrants are shown).
    `events`: an iterable of events; prefetch `sessions` and `themes` and select `organiser`
    and `commune` to keep the query count constant.
    """
    calendar = _calendar(name=name, method="PUBLISH")
    for event in events:
        for session in event.sessions.all():
            calendar.add_component(
                _vevent(event, session, registration=None, cancelled=False, registered=registered)
            )
    calendar.add_missing_timezones()
    return calendar.to_ical()


def feed_queryset(queryset):
    """`queryset` with what `events_ics` reads fetched in a constant number of queries."""
    return queryset.select_related("organiser", "commune").prefetch_related("sessions", "themes")
