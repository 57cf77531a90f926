"""Every operation that changes an event or a programme: saving, moderation, public status.

Registrations live in `registrations.py`. Functions take keyword-only arguments after the
event; their docstrings list their side effects. Invalid requests raise
`django.core.exceptions.ValidationError` with a French message saying how to fix them.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.agenda.enums import (
    MODERATION_TRANSITIONS,
    STATUS_TRANSITIONS,
    LogKind,
    Mode,
    ModerationState,
    PublicStatus,
    RegistrationStatus,
    allowed,
)
from essaim.agenda.models import Event, EventLogEntry, EventSession, Speaker
from essaim.agenda.notifications import notify_registrants
from essaim.agenda.registrations import promote_waitlist
from essaim.core.slugs import unique_slug
from essaim.core.text import fold

# Fields whose change must reach the registrants' calendars (a new SEQUENCE and an e-mail).
CALENDAR_FIELDS = ("title", "venue", "address", "commune_id", "online_url", "mode")
# Fields only the services below change, each under the event's row lock: saving an edit form
# loaded before a registration or a status change must not write back its stale copy (a stale
# place counter would overbook the event).
SERVICE_FIELDS = {
    "confirmed_count",
    "waitlist_count",
    "sequence",
    "status",
    "status_note",
    "moderation_state",
    "submitted_at",
    "published_at",
    "moderated_by",
    "refusal_reason",
    "featured",
}
EDITABLE_FIELDS = [
    f.name
    for f in Event._meta.concrete_fields
    if not f.primary_key and f.name not in SERVICE_FIELDS
]
MAX_SESSIONS = 60


def log(event, *, kind, by=None, from_value="", to_value="", note="") -> EventLogEntry:
    """Side effects: saves one `EventLogEntry`."""
    return EventLogEntry.objects.create(
        event=event, kind=kind, by=by, from_value=from_value, to_value=to_value, note=note
    )


def sync_schedule(event: Event) -> Event:
    """Copy the first start and last end of `event`'s sessions onto the event.

    Side effects: saves `starts_at` and `ends_at`.
    """
    times = list(event.sessions.values_list("starts_at", "ends_at"))
    event.starts_at = min((s for s, _e in times), default=None)
    event.ends_at = max((e for _s, e in times), default=None)
    Event.objects.filter(pk=event.pk).update(starts_at=event.starts_at, ends_at=event.ends_at)
    return event


def search_document(event: Event) -> str:
    organisers = [event.organiser.name, *(p.name for p in event.partners.all())]
    speakers = [s.name for s in event.speakers.all()]
    commune = event.commune.name if event.commune_id else ""
    return fold(
        " ".join(
            [
                event.title,
                event.summary,
                event.description,
                event.venue,
                commune,
                *organisers,
                *speakers,
            ]
        )
    )


def check_programme_dates(programme, sessions) -> None:
    """The programme-dates rule, in one place (form, imports, services): an event of a
    programme takes place, at least in part, during the programme's days — from the start of
    its first session to the end of its last, the same test as for aggregated agendas. A
    series may start before or run on after the edition: the DGFiP's webconferences (27
    November to 22 January) and the Simplificathon (launched 17 October, results 4 December)
    belong to November's Mois.

    `sessions`: `(starts_at, ends_at, …)` tuples. Raises ValidationError saying how to fix it.
    """
    if programme is None or not sessions:
        return
    first = min(starts_at for starts_at, *_rest in sessions)
    last = max(ends_at for _starts_at, ends_at, *_rest in sessions)
    if programme.covers(first, last):
        return
    raise ValidationError(
        _(
            "L’événement (du %(first)s au %(last)s) n’a lieu à aucun moment pendant "
            "« %(name)s », qui va du %(start)s au %(end)s : placez au moins une séance entre "
            "ces dates, ou choisissez un autre programme."
        )
        % {
            "first": timezone.localtime(first).strftime("%d/%m/%Y"),
            "last": timezone.localtime(last).strftime("%d/%m/%Y"),
            "name": programme.name,
            "start": programme.starts_on.strftime("%d/%m/%Y"),
            "end": programme.ends_on.strftime("%d/%m/%Y"),
        },
        code="outside_programme",
    )


def check_place(*, mode: str, commune=None, online_url: str = "") -> None:
    """Where an event takes place, the rule in one place (the organisers' form, a
    consultation's workshops): an event on site or hybrid needs its commune, one online or
    hybrid its connection link.

    Raises ValidationError keyed by the field to fix (`commune`, `online_url`).
    """
    errors = {}
    if mode in (Mode.ONSITE, Mode.HYBRID) and commune is None:
        errors["commune"] = _(
            "Un événement sur place ou hybride a besoin de sa commune : indiquez-la."
        )
    if mode in (Mode.ONLINE, Mode.HYBRID) and not (online_url or "").strip():
        errors["online_url"] = _(
            "Un événement en ligne ou hybride a besoin de son lien de connexion : indiquez-le."
        )
    if errors:
        raise ValidationError(errors)


def check_programme_territory(programme, *, mode: str, commune) -> None:
    """The programme-territories rule, in one place (the organisers' form, submission): a
    programme whose territories are set takes on-site events only in a commune of those
    territories (a région, a département or the commune itself). Without territories it is
    national; online and hybrid events reach everyone.

    Raises ValidationError on `commune`, saying how to fix it.
    """
    if programme is None or mode != Mode.ONSITE or commune is None:
        return
    territories = list(programme.territories.order_by("name"))
    if not territories:
        return
    if {t.pk for t in territories} & {commune.pk, commune.parent_id, commune.region_id}:
        return
    raise ValidationError(
        {
            "commune": _(
                "%(commune)s est hors des territoires de « %(name)s » (%(territories)s) : "
                "choisissez une commune de ces territoires, proposez l’événement en ligne, ou "
                "publiez-le hors programme."
            )
            % {
                "commune": commune.name,
                "name": programme.name,
                "territories": ", ".join(t.name for t in territories),
            }
        },
        code="outside_territories",
    )


def _check_sessions(sessions) -> list[tuple]:
    sessions = sorted(sessions, key=lambda s: s[0])
    if not sessions:
        raise ValidationError(_("Indiquez au moins une séance avec son début et sa fin."))
    if len(sessions) > MAX_SESSIONS:
        raise ValidationError(
            _(
                "%(count)s séances, c’est plus que les %(max)s permises : "
                "créez plusieurs événements."
            )
            % {"count": len(sessions), "max": MAX_SESSIONS}
        )
    for starts_at, ends_at, *_rest in sessions:
        if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
            raise ValueError("Session times must be aware datetimes.")
        if ends_at <= starts_at:
            local = timezone.localtime(starts_at)
            raise ValidationError(
                _("La séance du %(day)s finit avant de commencer : corrigez l’heure de fin.")
                % {"day": local.strftime("%d/%m/%Y %H:%M")}
            )
    return sessions


def _save_sessions(event: Event, sessions) -> tuple[bool, list[EventSession]]:
    """Update sessions in place so their UIDs stay stable in calendars.

    A session whose times are unchanged keeps its row; the others take the remaining rows in
    order, and rows left over are deleted. Returns (whether a kept or new session has new
    times, the deleted sessions — still readable in memory).
    """
    existing = list(event.sessions.order_by("starts_at", "pk"))
    by_times = {(s.starts_at, s.ends_at): s for s in reversed(existing)}
    kept = {}  # index in `sessions` → the row it keeps
    for index, (starts_at, ends_at, *_rest) in enumerate(sessions):
        session = by_times.pop((starts_at, ends_at), None)
        if session is not None:
            kept[index] = session
    spare = [s for s in existing if s not in kept.values()]
    changed = False
    for index, (starts_at, ends_at, *rest) in enumerate(sessions):
        title = rest[0] if rest else ""
        session = kept.get(index) or (spare.pop(0) if spare else None)
        if session is None:
            EventSession.objects.create(
                event=event, starts_at=starts_at, ends_at=ends_at, title=title
            )
            changed = True
            continue
        if (session.starts_at, session.ends_at) != (starts_at, ends_at):
            changed = True
        session.starts_at, session.ends_at, session.title = starts_at, ends_at, title
        session.save()
    for session in spare:
        session.delete()
    return changed, spare


@transaction.atomic
def save_event(
    event: Event, *, by, sessions=None, speakers=None, partners=None, themes=None
) -> Event:
    """Create or update `event` with its sessions, speakers, partners and themes.

    `sessions`: list of `(starts_at, ends_at)` or `(starts_at, ends_at, title)` with aware
    datetimes; it replaces the current sessions (updated in place so calendar UIDs stay).
    `speakers`: list of `(name, role)`. None leaves a relation unchanged.
    Side effects: saves the event (slug from the title when empty, `created_by` on creation,
    `search_document`, `starts_at`/`ends_at`), its sessions, speakers, partners and themes.
    An edit leaves the fields services own (place counters, states, status, sequence) as the
    database holds them. When the event is published and its times, place or link change:
    bumps `sequence`, logs the change and e-mails every active registrant an updated .ics;
    when sessions are removed, it e-mails them a cancellation (.ics METHOD:CANCEL) of those.
    When the capacity changes, waiting people take the places that opened (and are e-mailed).
    Raises ValidationError when there is no session, a session ends before it starts, or
    none takes place during the event's programme (`check_programme_dates`).
    """
    creating = event.pk is None
    before = None
    if not creating:
        before = Event.objects.filter(pk=event.pk).values(*CALENDAR_FIELDS, "capacity").first()
    if sessions is not None:
        sessions = _check_sessions(sessions)
        check_programme_dates(event.programme, sessions)
    elif creating:
        raise ValidationError(_("Indiquez au moins une séance avec son début et sa fin."))
    if not event.slug:
        event.slug = unique_slug(
            Event.objects.exclude(pk=event.pk), event.title, fallback="evenement"
        )
    if creating and by is not None and getattr(by, "is_authenticated", False):
        event.created_by = by
    event.save(**({} if creating else {"update_fields": EDITABLE_FIELDS}))
    times_changed, removed = False, []
    if sessions is not None:
        times_changed, removed = _save_sessions(event, sessions)
    if speakers is not None:
        event.speakers.all().delete()
        Speaker.objects.bulk_create(
            Speaker(event=event, name=name, role=role, position=i)
            for i, (name, role) in enumerate(speakers)
        )
    if partners is not None:
        event.partners.set(partners)
    if themes is not None:
        event.themes.set(themes)
    sync_schedule(event)
    event.search_document = search_document(event)
    Event.objects.filter(pk=event.pk).update(search_document=event.search_document)
    if not creating and event.moderation_state == ModerationState.PUBLISHED:
        place_changed = any(before[f] != getattr(event, f) for f in CALENDAR_FIELDS)
        if times_changed or place_changed or removed:
            bump_sequence(event)
            log(event, kind=LogKind.CHANGE, by=by, note=_("Date, lieu ou lien modifiés."))
        if removed:
            notify_registrants(event, kind="sessions_removed", removed_sessions=removed)
        if times_changed or place_changed:
            notify_registrants(event, kind="changed")
    if not creating and before["capacity"] != event.capacity:
        promote_waitlist(event)
    return event


def bump_sequence(event: Event) -> None:
    """Side effects: increments `sequence` (iCalendar revision) in the database and on `event`."""
    event.sequence += 1
    Event.objects.filter(pk=event.pk).update(sequence=event.sequence, updated_at=timezone.now())


def _lock(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _move(event: Event, to_state: str, *, by, note="") -> Event:
    locked = _lock(event)
    if not allowed(MODERATION_TRANSITIONS, locked.moderation_state, to_state):
        raise ValidationError(
            _("Impossible de passer cet événement de « %(from)s » à « %(to)s ».")
            % {
                "from": ModerationState(locked.moderation_state).label,
                "to": ModerationState(to_state).label,
            }
        )
    log(
        locked,
        kind=LogKind.MODERATION,
        by=by,
        from_value=locked.moderation_state,
        to_value=to_state,
        note=note,
    )
    locked.moderation_state = to_state
    return locked


def _refresh(event: Event, locked: Event) -> Event:
    for field in ("moderation_state", "submitted_at", "published_at", "refusal_reason"):
        setattr(event, field, getattr(locked, field))
    event.moderated_by_id = locked.moderated_by_id
    return event


@transaction.atomic
def submit(event: Event, *, by) -> Event:
    """Submit a draft (or refused) event to its programme's coordinators.

    Side effects: saves `moderation_state` (submitted), `submitted_at`, clears the refusal
    reason, logs. Raises ValidationError outside a programme, when the call is closed, when
    no session takes place during the programme (`check_programme_dates`), or when an on-site
    event stands outside the programme's territories (`check_programme_territory`).
    """
    if event.programme_id is None:
        raise ValidationError(
            _("Cet événement ne relève d’aucun programme : publiez-le directement.")
        )
    if not event.programme.call_is_open():
        raise ValidationError(
            _("L’appel à événements de « %(name)s » est fermé : contactez ses coordinateurs.")
            % {"name": event.programme.name}
        )
    check_programme_dates(event.programme, list(event.sessions.values_list("starts_at", "ends_at")))
    check_programme_territory(event.programme, mode=event.mode, commune=event.commune)
    locked = _move(event, ModerationState.SUBMITTED, by=by)
    locked.submitted_at = timezone.now()
    locked.refusal_reason = ""
    locked.save(update_fields=["moderation_state", "submitted_at", "refusal_reason"])
    return _refresh(event, locked)


@transaction.atomic
def publish(event: Event, *, by) -> Event:
    """Publish: the event appears in the agenda, feeds and API.

    Inside a programme only a submitted event is published (by a coordinator: the caller
    checks `permissions.can_publish_directly`). Side effects: saves `moderation_state`,
    `published_at`, `moderated_by`, clears the refusal reason, logs. When people are still
    registered (the event was unpublished), bumps `sequence` and e-mails them on commit, those
    holding a place with an .ics METHOD:REQUEST that puts the event back in their calendar.
    """
    if event.programme_id and event.moderation_state == ModerationState.DRAFT:
        raise ValidationError(
            _(
                "Cet événement fait partie d’un programme : "
                "soumettez-le d’abord à ses coordinateurs."
            )
        )
    if not event.sessions.exists():
        raise ValidationError(_("Ajoutez au moins une séance avant de publier l’événement."))
    locked = _move(event, ModerationState.PUBLISHED, by=by)
    locked.published_at = timezone.now()
    locked.moderated_by = by
    locked.refusal_reason = ""
    locked.save(
        update_fields=["moderation_state", "published_at", "moderated_by", "refusal_reason"]
    )
    if locked.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED]
    ).exists():
        # Published again after an unpublication that withdrew it from their calendars.
        bump_sequence(locked)
        event.sequence = locked.sequence
        notify_registrants(locked, kind="republished")
    return _refresh(event, locked)


@transaction.atomic
def refuse(event: Event, *, by, reason: str) -> Event:
    """Refuse a submitted event, telling its organiser why.

    Side effects: saves `moderation_state` (refused), `refusal_reason`, `moderated_by`, logs,
    e-mails the event's creator (when known) on commit.
    """
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            _("Expliquez à l’organisateur pourquoi l’événement est refusé (motif obligatoire).")
        )
    locked = _move(event, ModerationState.REFUSED, by=by, note=reason)
    locked.refusal_reason = reason
    locked.moderated_by = by
    locked.save(update_fields=["moderation_state", "refusal_reason", "moderated_by"])
    if locked.created_by_id and locked.created_by.email:
        from essaim.agenda.notifications import notify_organiser

        notify_organiser(locked, kind="refused", to=locked.created_by.email)
    return _refresh(event, locked)


@transaction.atomic
def back_to_draft(event: Event, *, by, reason: str = "") -> Event:
    """Withdraw a submitted event, unpublish a published one, or reopen a refused one.

    `reason`: why it leaves the agenda, logged and quoted in the registrants' e-mail.
    Side effects: saves `moderation_state` (draft), logs. Unpublishing also bumps `sequence`
    and e-mails every active registrant on commit, those holding a place with an .ics
    METHOD:CANCEL that removes the event from their calendar (registrations are kept).
    """
    reason = (reason or "").strip()
    unpublished = _lock(event).moderation_state == ModerationState.PUBLISHED
    locked = _move(event, ModerationState.DRAFT, by=by, note=reason)
    locked.save(update_fields=["moderation_state"])
    if unpublished:
        bump_sequence(locked)
        event.sequence = locked.sequence
        notify_registrants(locked, kind="unpublished", reason=reason)
    return _refresh(event, locked)


@transaction.atomic
def set_featured(event: Event, *, by, featured: bool) -> Event:
    """Side effects: saves `featured` (shown on the programme's home page)."""
    Event.objects.filter(pk=event.pk).update(featured=featured)
    event.featured = featured
    return event


@transaction.atomic
def change_status(event: Event, *, to: str, by, note: str = "") -> Event:
    """Change the public status (programmé, reporté, passé en ligne, complet, annulé).

    Side effects: saves `status` and `status_note`, bumps `sequence`, logs, and e-mails every
    active registrant on commit (a cancelled event sends an .ics METHOD:CANCEL, the others an
    updated .ics to confirmed registrants). Raises ValidationError on a forbidden transition
    (an event cancelled stays cancelled) or when moving online without a link.
    """
    locked = _lock(event)
    if not allowed(STATUS_TRANSITIONS, locked.status, to):
        raise ValidationError(
            _("Impossible de passer cet événement de « %(from)s » à « %(to)s ».")
            % {"from": PublicStatus(locked.status).label, "to": PublicStatus(to).label}
        )
    if to == PublicStatus.MOVED_ONLINE and not locked.online_url:
        raise ValidationError(
            _("Ajoutez d’abord le lien de connexion de l’événement, puis passez-le en ligne.")
        )
    log(locked, kind=LogKind.STATUS, by=by, from_value=locked.status, to_value=to, note=note)
    locked.status, locked.status_note = to, note.strip()
    locked.sequence += 1
    locked.save(update_fields=["status", "status_note", "sequence", "updated_at"])
    event.status, event.status_note, event.sequence = (
        locked.status,
        locked.status_note,
        locked.sequence,
    )
    notify_registrants(locked, kind="status")
    return event
