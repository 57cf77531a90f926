"""What a programme's coordinators change: the programme itself (dates, territories, themes,
call for events, archiving), moderation with a message to the organiser, featured events, the
organisations whose agendas the programme aggregates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.agenda import services
from essaim.agenda.enums import ModerationState
from essaim.agenda.models import Event, Programme
from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.core.slugs import unique_slug


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


def _day(value) -> str:
    return value.strftime("%d/%m/%Y")


def programme_errors(programme: Programme) -> dict[str, str]:
    """What is wrong with `programme`'s dates, by field, in French with the way to fix it.

    The rules: the last day follows (or equals) the first; the call for events has both its
    dates or none (no call); it opens before it closes, and closes by the programme's last
    day (an event is proposed to an edition that has not ended; opening after the first day
    is allowed). When an existing programme changes its dates, its submitted and published
    events still take place during the new dates (`services.check_programme_dates`).
    """
    errors = {}
    starts_on, ends_on = programme.starts_on, programme.ends_on
    opens_on, closes_on = programme.call_opens_on, programme.call_closes_on
    if starts_on and ends_on and ends_on < starts_on:
        errors["ends_on"] = _(
            "Le dernier jour (%(end)s) précède le premier (%(start)s) : corrigez l’une des "
            "deux dates."
        ) % {"start": _day(starts_on), "end": _day(ends_on)}
    if opens_on and not closes_on:
        errors["call_closes_on"] = _(
            "Indiquez aussi la clôture de l’appel, ou videz son ouverture s’il n’y a pas "
            "d’appel à événements."
        )
    elif closes_on and not opens_on:
        errors["call_opens_on"] = _(
            "Indiquez aussi l’ouverture de l’appel, ou videz sa clôture s’il n’y a pas "
            "d’appel à événements."
        )
    elif opens_on and closes_on and closes_on < opens_on:
        errors["call_closes_on"] = _(
            "L’appel ferme (%(close)s) avant d’ouvrir (%(open)s) : la clôture doit suivre "
            "l’ouverture."
        ) % {"open": _day(opens_on), "close": _day(closes_on)}
    elif closes_on and ends_on and closes_on > ends_on:
        errors["call_closes_on"] = _(
            "L’appel ne peut pas fermer après le dernier jour du programme (%(end)s) : "
            "avancez sa clôture à cette date au plus tard."
        ) % {"end": _day(ends_on)}
    if programme.pk and starts_on and ends_on and "ends_on" not in errors:
        count, titles = _events_left_outside(programme)
        if count:
            errors["starts_on"] = ngettext(
                "Ces dates laissent hors du programme un événement déjà soumis ou publié, qui "
                "n’a lieu à aucun moment entre le %(start)s et le %(end)s : %(titles)s. "
                "Élargissez les dates, ou demandez à son organisateur de le déplacer.",
                "Ces dates laissent hors du programme %(count)s événements déjà soumis ou "
                "publiés, qui n’ont lieu à aucun moment entre le %(start)s et le %(end)s : "
                "%(titles)s. Élargissez les dates, ou demandez à leurs organisateurs de les "
                "déplacer.",
                count,
            ) % {
                "count": count,
                "start": _day(starts_on),
                "end": _day(ends_on),
                "titles": ", ".join(f"« {title} »" for title in titles)
                + ("…" if count > len(titles) else ""),
            }
    return errors


def _events_left_outside(programme: Programme) -> tuple[int, list[str]]:
    """How many of the programme's submitted or published events take place at no time
    during its (possibly new, unsaved) dates, and the titles of the first five."""
    first, after = programme.bounds()
    outside = (
        Event.objects.filter(
            programme=programme,
            moderation_state__in=[ModerationState.SUBMITTED, ModerationState.PUBLISHED],
        )
        .exclude(starts_at__lt=after, ends_at__gt=first)
        .order_by("starts_at", "pk")
    )
    titles = list(outside.values_list("title", flat=True)[:5])
    return (len(titles) if len(titles) < 5 else outside.count()), titles


@transaction.atomic
def save_programme(programme: Programme, *, by, territories, themes) -> Programme:
    """Create or update a programme with the territories it covers and its themes.

    On creation the slug (its address) comes from the name and never changes afterwards, so
    links and calendar subscriptions keep working. Side effects: saves the programme, its
    territories and its themes. Raises ValidationError (by field) when `programme_errors`
    finds a problem.
    """
    errors = programme_errors(programme)
    if errors:
        raise ValidationError(errors)
    if not programme.slug:
        programme.slug = unique_slug(Programme.objects, programme.name, fallback="programme")
    programme.full_clean(exclude=["territories", "themes", "aggregated_organisations"])
    programme.save()
    programme.territories.set(territories)
    programme.themes.set(themes)
    return programme


@transaction.atomic
def archive_programme(programme: Programme, *, by) -> Programme:
    """Archive an edition: it leaves the agenda's list of current programmes and its call for
    events closes (no new event, no submission); its page and its events stay readable.

    Side effects: saves `archived_at`. Raises ValidationError when it is already archived.
    """
    locked = Programme.objects.select_for_update().get(pk=programme.pk)
    if locked.archived_at is not None:
        raise ValidationError(_("Ce programme est déjà archivé."))
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    programme.archived_at = locked.archived_at
    return programme
