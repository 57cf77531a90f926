"""What a programme's coordinators change: moderation with a message to the organiser,
featured events, the organisations whose agendas the programme aggregates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.agenda import services
from essaim.agenda.models import Event, Programme
from essaim.core.emails import absolute_url, enqueue_templated_email


@transaction.atomic
def publish_event(event: Event, *, by, note: str = "") -> Event:
    """Publish a submitted event of the programme and tell its organiser.

    Side effects: see `services.publish` (state, dates, log); on commit, e-mails the event's
    creator (when known) that it is published, with the coordinators' note.
    """
    event = services.publish(event, by=by)
    creator = event.created_by
    if creator is not None and creator.email:
        enqueue_templated_email(
            to=creator.email,
            template_prefix="agenda/coordination/emails/published",
            context={
                "event_title": event.title,
                "event_url": absolute_url(event.get_absolute_url()),
                "programme": event.programme.name if event.programme_id else "",
                "note": (note or "").strip(),
            },
        )
    return event


def refuse_event(event: Event, *, by, reason: str) -> Event:
    """Refuse with a reason. Side effects: see `services.refuse` (log, e-mail to the creator)."""
    return services.refuse(event, by=by, reason=reason)


def set_featured(event: Event, *, programme: Programme, by, featured: bool) -> Event:
    """Feature one of the programme's own published events on its home page.

    Side effects: saves `featured`. Raises ValidationError for an event of another programme
    (an aggregated event belongs to its organiser's agenda) or not published.
    """
    if event.programme_id != programme.pk:
        raise ValidationError(
            _("Seuls les événements proposés au programme peuvent être mis à la une.")
        )
    if featured and event.moderation_state != "published":
        raise ValidationError(_("Publiez d’abord l’événement, puis mettez-le à la une."))
    return services.set_featured(event, by=by, featured=featured)


@transaction.atomic
def add_aggregated_organisation(programme: Programme, *, organisation, by) -> None:
    """Side effects: adds `organisation` to the agendas the programme aggregates."""
    programme.aggregated_organisations.add(organisation)


@transaction.atomic
def remove_aggregated_organisation(programme: Programme, *, organisation, by) -> None:
    """Side effects: removes `organisation` from the agendas the programme aggregates."""
    programme.aggregated_organisations.remove(organisation)
