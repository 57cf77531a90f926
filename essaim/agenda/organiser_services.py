"""What organisers do besides the event lifecycle: save the guided form, duplicate an event,
message its registrants. Imports are in `organiser_imports.py`."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from essaim.agenda import services
from essaim.agenda.enums import LogKind, ModerationState, PublicStatus
from essaim.agenda.models import Event, EventLogEntry, EventMessage, Registration
from essaim.core.emails import absolute_url, send_templated_email


@transaction.atomic
def save_event_form(form, *, sessions, by) -> Event:
    """Save the guided form's event with its sessions, speakers, partners and themes.

    Side effects: see `services.save_event` (saves the event and its relations; for a
    published event whose date, place or link changed, e-mails its registrants).
    """
    event = form.save(commit=False)
    return services.save_event(
        event,
        by=by,
        sessions=sessions,
        speakers=form.cleaned_data.get("speakers") or [],
        themes=form.cleaned_data.get("themes") or [],
        partners=form.cleaned_data.get("partners") or [],
    )


_NOT_COPIED = {
    "id",
    "uid",
    "slug",
    "moderation_state",
    "refusal_reason",
    "submitted_at",
    "published_at",
    "moderated_by",
    "status",
    "status_note",
    "featured",
    "sequence",
    "external_source",
    "external_id",
    "duplicated_from",
    "created_by",
    "created_at",
    "updated_at",
    "confirmed_count",
    "waitlist_count",
    "starts_at",
    "ends_at",
    "search_document",
    "search_vector",
    "replay_url",
}


@transaction.atomic
def duplicate_event(event: Event, *, by) -> Event:
    """A draft copy of `event` (same texts, place, sessions, speakers, partners, themes).

    Registrations, moderation, public status and the replay are not copied. The title gets
    « (copie) ». Side effects: saves the new event, its sessions, speakers, partners, themes.
    """
    copy = Event(
        **{
            field.attname: getattr(event, field.attname)
            for field in Event._meta.concrete_fields
            if field.name not in _NOT_COPIED
        }
    )
    copy.title = _("%(title)s (copie)") % {"title": event.title[:190]}
    copy.duplicated_from = event
    copy.moderation_state = ModerationState.DRAFT
    copy.status = PublicStatus.SCHEDULED
    return services.save_event(
        copy,
        by=by,
        sessions=[(s.starts_at, s.ends_at, s.title) for s in event.sessions.all()],
        speakers=[(s.name, s.role) for s in event.speakers.all()],
        partners=list(event.partners.all()),
        themes=list(event.themes.all()),
    )


@transaction.atomic
def send_message(event: Event, *, subject: str, body: str, statuses, by) -> EventMessage:
    """Write to the registrants of `event` whose status is in `statuses`.

    Side effects: saves an `EventMessage` and a log entry; on commit, enqueues one background
    task that e-mails each recipient separately (nobody sees another's address).
    """
    statuses = [str(status) for status in statuses]
    recipients = Registration.objects.filter(event=event, status__in=statuses)
    message = EventMessage.objects.create(
        event=event,
        subject=subject.strip(),
        body=body.strip(),
        recipient_statuses=statuses,
        recipients_count=recipients.count(),
        sent_by=by,
    )
    EventLogEntry.objects.create(event=event, kind=LogKind.MESSAGE, by=by, note=message.subject)
    transaction.on_commit(lambda: send_event_message_task.enqueue(message_id=message.pk))
    return message


@task(queue_name="email")
def send_event_message_task(*, message_id: int) -> int:
    """E-mail an organiser's message to each of its recipients. Returns how many were sent."""
    message = EventMessage.objects.select_related("event", "event__organiser").get(pk=message_id)
    event = message.event
    sent = 0
    for registration in Registration.objects.filter(
        event=event, status__in=message.recipient_statuses
    ).order_by("pk"):
        send_templated_email(
            to=registration.email,
            template_prefix="agenda/organiser/emails/message",
            context={
                "subject": message.subject,
                "body": message.body,
                "name": registration.name,
                "event_title": event.title,
                "organiser": event.organiser.name,
                "event_url": absolute_url(event.get_absolute_url()),
            },
        )
        sent += 1
    return sent
