"""E-mails to registrants and organisers, sent from background tasks after the commit.

Tasks take ids and read the current state when they run, so an e-mail never shows stale
times; each registrant e-mail about a confirmed place carries the event's .ics
(METHOD:REQUEST, or METHOD:CANCEL when the event or the registration is cancelled, when the
event is unpublished, and for the sessions an edit removed).
"""

import datetime
from types import SimpleNamespace

from django.db import transaction
from django.utils import formats, timezone
from django_tasks import task

from essaim.agenda.calendars import event_ics
from essaim.agenda.enums import PublicStatus, RegistrationStatus
from essaim.agenda.registration_links import registration_path
from essaim.core.emails import absolute_url, enqueue_templated_email, send_templated_email

# kind → template name under agenda/emails/
REGISTRANT_KINDS = {
    "confirm_address",  # registration without an account: check the address first
    "confirmed",  # a place is yours (.ics REQUEST)
    "waitlisted",  # you are on the waitlist
    "promoted",  # a place freed: you are in (.ics REQUEST)
    "cancelled",  # your registration is cancelled (.ics CANCEL)
    "changed",  # date, place or link changed (.ics REQUEST, new SEQUENCE)
    "status",  # public status changed (.ics REQUEST, or CANCEL when the event is cancelled)
    "sessions_removed",  # sessions deleted from the event (.ics CANCEL of those sessions)
    "unpublished",  # the event is withdrawn from the agenda (.ics CANCEL)
    "republished",  # the event is back in the agenda (.ics REQUEST, new SEQUENCE)
    "reminder",  # the day before (.ics REQUEST)
}
# Kinds whose invitation withdraws sessions from the calendars of those who hold a place.
CANCELLING_KINDS = {"sessions_removed", "unpublished"}


def session_lines(event, sessions=None) -> list[str]:
    """The event's sessions (or `sessions`) as French lines: "mardi 10 novembre 2020, 10:00 –
    11:30"."""
    lines = []
    for session in event.sessions.all() if sessions is None else sessions:
        start, end = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
        day = formats.date_format(start, "l j F Y")
        if start.date() == end.date():
            line = f"{day}, {start:%H:%M} – {end:%H:%M}"
        else:
            line = f"{day}, {start:%H:%M} – {formats.date_format(end, 'l j F Y')}, {end:%H:%M}"
        lines.append(f"{session.title} : {line}" if session.title else line)
    return lines


def session_payload(session) -> dict:
    """What an e-mail task needs of a session that will be deleted before it runs."""
    return {
        "uid": str(session.uid),
        "title": session.title,
        "starts_at": session.starts_at.isoformat(),
        "ends_at": session.ends_at.isoformat(),
    }


def _sessions_from_payload(payload) -> list[SimpleNamespace]:
    return [
        SimpleNamespace(
            uid=item["uid"],
            title=item["title"],
            starts_at=datetime.datetime.fromisoformat(item["starts_at"]),
            ends_at=datetime.datetime.fromisoformat(item["ends_at"]),
        )
        for item in payload
    ]


def _attachment(registration, kind: str, sessions=None):
    event = registration.event
    if kind in CANCELLING_KINDS:
        # Only those who hold a place received the invitation these withdraw.
        if registration.status != RegistrationStatus.CONFIRMED:
            return []
        method = "CANCEL"
    elif registration.status == RegistrationStatus.CANCELLED or (
        event.status == PublicStatus.CANCELLED
    ):
        method = "CANCEL"
    elif registration.status == RegistrationStatus.CONFIRMED and kind in {
        "confirmed",
        "promoted",
        "changed",
        "status",
        "reminder",
        "republished",
    }:
        method = "REQUEST"
    else:
        return []
    content = event_ics(event, method=method, registration=registration, sessions=sessions)
    return [("invitation.ics", content, f"text/calendar; method={method}")]


def registrant_context(registration) -> dict:
    event = registration.event
    confirmed = registration.status == RegistrationStatus.CONFIRMED
    link_visible = bool(event.online_url and event.is_online) and (
        confirmed or not event.online_url_registrants_only
    )
    return {
        "event_title": event.title,
        "event_url": absolute_url(event.get_absolute_url()),
        "organiser": event.organiser.name,
        "sessions": session_lines(event),
        "place": ", ".join(
            p
            for p in [event.venue, event.address, event.commune.name if event.commune_id else ""]
            if p
        ),
        "online_url": event.online_url if link_visible else "",
        "status": event.status,
        "status_label": str(PublicStatus(event.status).label),
        "status_note": event.status_note,
        "name": registration.name,
        "registration_status": registration.status,
        "waitlist_position": registration.waitlist_position,
        # The self-service page (signed link): confirm the address, see the place, cancel.
        "registration_url": absolute_url(registration_path(registration)),
    }


@task(queue_name="email")
def send_registrant_email_task(
    *, registration_id: int, kind: str, removed_sessions: list | None = None, reason: str = ""
) -> None:
    """E-mail one registrant about `kind` (see REGISTRANT_KINDS), with the .ics when relevant.

    `removed_sessions`: for "sessions_removed", the `session_payload` of each deleted session.
    `reason`: for "unpublished", why the organiser withdrew the event (quoted in the e-mail).
    """
    from essaim.agenda.models import Registration

    registration = (
        Registration.objects.select_related("event__organiser", "event__commune")
        .filter(pk=registration_id)
        .first()
    )
    if registration is None:
        return
    removed = _sessions_from_payload(removed_sessions) if removed_sessions else None
    context = registrant_context(registration)
    if removed:
        context["removed_sessions"] = session_lines(registration.event, removed)
    context["reason"] = reason
    send_templated_email(
        to=registration.email,
        template_prefix=f"agenda/emails/{kind}",
        context=context,
        attachments=_attachment(registration, kind, sessions=removed),
    )


def notify_registrant(registration, *, kind: str) -> None:
    """Side effects: on commit, enqueues one e-mail to `registration`'s address."""
    assert kind in REGISTRANT_KINDS, kind
    registration_id = registration.pk
    transaction.on_commit(
        lambda: send_registrant_email_task.enqueue(registration_id=registration_id, kind=kind)
    )


def notify_registrants(event, *, kind: str, removed_sessions=None, reason: str = "") -> int:
    """E-mail every active registrant of `event` (pending ones excepted). Returns how many.

    `removed_sessions`: for "sessions_removed", the deleted `EventSession` objects (their
    UIDs, times and titles are copied into the task, the rows being gone when it runs).
    `reason`: for "unpublished", the organiser's explanation, quoted in the e-mail.
    Side effects: on commit, enqueues one e-mail per registrant.
    """
    assert kind in REGISTRANT_KINDS, kind
    extra = {"reason": reason} if reason else {}
    if removed_sessions:
        extra["removed_sessions"] = [session_payload(s) for s in removed_sessions]
    from essaim.agenda.models import Registration

    ids = list(
        Registration.objects.filter(
            event_id=event.pk,
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED],
        ).values_list("pk", flat=True)
    )
    for registration_id in ids:
        transaction.on_commit(
            lambda rid=registration_id: send_registrant_email_task.enqueue(
                registration_id=rid, kind=kind, **extra
            )
        )
    return len(ids)


def notify_organiser(event, *, kind: str, to: str) -> None:
    """E-mail the organiser about moderation (`kind`: "refused" or "published").

    Side effects: on commit, enqueues one e-mail.
    """
    enqueue_templated_email(
        to=to,
        template_prefix=f"agenda/emails/organiser_{kind}",
        context={
            "event_title": event.title,
            "event_url": absolute_url(event.get_absolute_url()),
            "reason": event.refusal_reason,
            "programme": event.programme.name if event.programme_id else "",
        },
    )
