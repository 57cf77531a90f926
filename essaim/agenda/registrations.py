"""Registrations: places, waitlist, confirmations and cancellations, never overbooked.

Every function that touches places locks the event's row (`SELECT … FOR UPDATE` on
PostgreSQL; SQLite serialises writers anyway), so concurrent registrations are counted one
after the other; the unique (event, email) constraint makes a double submission harmless.
"""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accounts.permissions import is_public_agent
from essaim.agenda.enums import (
    REGISTRATION_TRANSITIONS,
    ModerationState,
    PublicStatus,
    RegistrationMode,
    RegistrationStatus,
    allowed,
)
from essaim.agenda.models import Event, Registration
from essaim.agenda.notifications import notify_registrant
from essaim.agenda.registration_models import new_token


def _lock(event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def registration_refusal(event, *, now=None) -> str:
    """Why nobody can register to `event` right now, in French; "" when registration is open."""
    now = now or timezone.now()
    if event.moderation_state != ModerationState.PUBLISHED:
        return _("Cet événement n’est pas publié : l’inscription n’est pas ouverte.")
    if event.registration_mode != RegistrationMode.ESSAIM:
        return _("Cet événement ne prend pas d’inscription sur Essaim.")
    if event.status == PublicStatus.CANCELLED:
        return _("Cet événement est annulé : l’inscription est fermée.")
    if event.ends_at and event.ends_at < now:
        return _("Cet événement est terminé : l’inscription est fermée.")
    if event.registration_closes_at and event.registration_closes_at < now:
        return _("Les inscriptions à cet événement sont closes.")
    return ""


def agent_refusal(event, user) -> str:
    """Why `user` (signed in) cannot register to `event` reserved to public agents, in French;
    "" when the event is open to everyone or `user` is an agent (`is_public_agent`)."""
    if not event.requires_account or is_public_agent(user):
        return ""
    return _(
        "Cet événement est réservé aux agents publics, et votre compte n’est rattaché à aucune "
        "administration : connectez-vous avec ProConnect, ou demandez à rejoindre votre "
        "organisation sur la plateforme."
    )


def _set_status(registration, to_status: str) -> None:
    if not allowed(REGISTRATION_TRANSITIONS, registration.status, to_status):
        raise ValidationError(
            _("Cette inscription est déjà « %(state)s ».")
            % {"state": RegistrationStatus(registration.status).label}
        )
    registration.status = to_status


def _allocate(event: Event, registration: Registration) -> Registration:
    """Give a place or a waitlist rank to `registration`, under `event`'s lock."""
    now = timezone.now()
    if event.status != PublicStatus.FULL and event.has_place:
        _set_status(registration, RegistrationStatus.CONFIRMED)
        registration.confirmed_at = now
        event.confirmed_count += 1
        kind = "confirmed"
    else:
        _set_status(registration, RegistrationStatus.WAITLISTED)
        registration.waitlisted_at = now
        event.waitlist_count += 1
        kind = "waitlisted"
    registration.cancelled_at = None
    registration.save()
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=event.confirmed_count, waitlist_count=event.waitlist_count
    )
    notify_registrant(registration, kind=kind)
    return registration


def register(
    event, *, user=None, email: str = "", name: str = "", organisation_name: str = ""
) -> Registration:
    """Register a person to `event` (all its sessions): a place, or the waitlist when full.

    With a signed-in `user` whose address is confirmed, the place is allocated at once; with
    only an `email` (public events), the registration waits for the address to be confirmed
    (`confirm_email`). Registering twice returns the existing registration unchanged;
    registering again after a cancellation gives it a new token (the old links stop working).
    Side effects: locks the event row; saves the registration and the event's counters;
    e-mails the person on commit (confirmation with the .ics, waitlist notice, or the link
    to confirm the address). Raises ValidationError when registration is closed, the event
    is reserved to public agents and there is no account or it is not an agent's
    (`agent_refusal`), or the address is invalid.
    """
    try:
        return _register(
            event, user=user, email=email, name=name, organisation_name=organisation_name
        )
    except IntegrityError:
        # Two identical submissions raced past the lock-free path (SQLite): the first won.
        address = (user.email if user else email).strip().lower()
        return Registration.objects.get(event_id=event.pk, email=address)


@transaction.atomic
def _register(event, *, user, email, name, organisation_name) -> Registration:
    if user is not None and not user.is_authenticated:
        user = None
    event = _lock(event)
    refusal = registration_refusal(event)
    if refusal:
        raise ValidationError(refusal)
    if event.requires_account and user is None:
        raise ValidationError(
            _("Cet événement est réservé aux agents : connectez-vous pour vous inscrire.")
        )
    if user is not None and (refusal := agent_refusal(event, user)):
        raise ValidationError(refusal)
    email = (user.email if user else email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValidationError(
            _("Indiquez une adresse électronique valide, par exemple prenom.nom@exemple.fr.")
        ) from None
    name = (name or (user.get_full_name() if user else "")).strip()[:150]
    registration = Registration.objects.filter(event=event, email=email).first()
    if registration is not None and registration.is_active:
        return registration
    if registration is None:
        registration = Registration(event=event, email=email, status=RegistrationStatus.CANCELLED)
    else:
        # Registering again after a cancellation: the links of the old e-mails stop working.
        registration.token = new_token()
    registration.user = user or registration.user
    registration.name = name or registration.name
    registration.organisation_name = (organisation_name or "").strip()[:200]
    if user is not None and user.email_confirmed:
        registration.email_confirmed_at = registration.email_confirmed_at or timezone.now()
    if registration.email_confirmed_at:
        return _allocate(event, registration)
    _set_status(registration, RegistrationStatus.PENDING)
    registration.cancelled_at = None
    registration.save()
    notify_registrant(registration, kind="confirm_address")
    return registration


@transaction.atomic
def confirm_email(registration) -> Registration:
    """The person followed the link sent to their address: allocate a place or a rank.

    Idempotent: an already confirmed registration is returned unchanged.
    Side effects: locks the event; saves the registration and counters; e-mails the person.
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status != RegistrationStatus.PENDING:
        return registration
    refusal = registration_refusal(event)
    if refusal:
        raise ValidationError(refusal)
    registration.email_confirmed_at = timezone.now()
    return _allocate(event, registration)


def _promote(event: Event) -> list[Registration]:
    """Under `event`'s lock: move waiting people to free places, first come first served."""
    promoted = []
    if event.status == PublicStatus.FULL:
        return promoted
    while event.has_place:
        registration = (
            Registration.objects.select_for_update().waitlist().filter(event_id=event.pk).first()
        )
        if registration is None:
            break
        _set_status(registration, RegistrationStatus.CONFIRMED)
        registration.confirmed_at = timezone.now()
        registration.save(update_fields=["status", "confirmed_at"])
        event.confirmed_count += 1
        event.waitlist_count -= 1
        notify_registrant(registration, kind="promoted")
        promoted.append(registration)
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=event.confirmed_count, waitlist_count=event.waitlist_count
    )
    return promoted


@transaction.atomic
def promote_waitlist(event) -> list[Registration]:
    """Fill free places from the waitlist (after raising the capacity, for example).

    Side effects: locks the event; saves promoted registrations and counters; e-mails each
    promoted person with the .ics.
    """
    return _promote(_lock(event))


@transaction.atomic
def cancel_registration(registration, *, by=None) -> Registration:
    """Cancel a registration (self-service link, the person's space, or an organiser).

    Idempotent. Side effects: locks the event; saves the registration and counters; e-mails
    the person the cancellation (with an .ics METHOD:CANCEL when they held a place); promotes
    the first waiting people to the freed place and e-mails them.
    """
    event = _lock(registration.event)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == RegistrationStatus.CANCELLED:
        return registration
    previous = registration.status
    _set_status(registration, RegistrationStatus.CANCELLED)
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if previous == RegistrationStatus.CONFIRMED:
        event.confirmed_count -= 1
    elif previous == RegistrationStatus.WAITLISTED:
        event.waitlist_count -= 1
    Event.objects.filter(pk=event.pk).update(
        confirmed_count=event.confirmed_count, waitlist_count=event.waitlist_count
    )
    if previous != RegistrationStatus.PENDING:
        notify_registrant(registration, kind="cancelled")
    _promote(event)
    return registration


@transaction.atomic
def set_capacity(event, *, capacity: int | None, by) -> Event:
    """Change the number of places; raising it promotes waiting people.

    Side effects: locks the event; saves `capacity`; promotes and e-mails waiting people.
    Lowering below the confirmed registrations keeps them (nobody loses a place).
    """
    if capacity is not None and capacity < 0:
        raise ValidationError(_("Le nombre de places ne peut pas être négatif."))
    locked = _lock(event)
    locked.capacity = capacity
    Event.objects.filter(pk=locked.pk).update(capacity=capacity)
    _promote(locked)
    event.capacity = capacity
    event.confirmed_count, event.waitlist_count = locked.confirmed_count, locked.waitlist_count
    return event


def mark_attendance(registration, *, attended: bool | None, by) -> Registration:
    """Record whether the person came (None: not yet known).

    Side effects: saves `attended`, `attendance_marked_at`, `attendance_marked_by`.
    Raises ValidationError for a registration that holds no place.
    """
    if registration.status != RegistrationStatus.CONFIRMED:
        raise ValidationError(_("Seules les personnes inscrites peuvent être pointées présentes."))
    registration.attended = attended
    registration.attendance_marked_at = timezone.now()
    registration.attendance_marked_by = by
    registration.save(update_fields=["attended", "attendance_marked_at", "attendance_marked_by"])
    return registration


def send_reminders(*, now=None) -> int:
    """E-mail confirmed registrants of events starting within 36 hours ("the day before").

    Run hourly by cron (`essaim send_event_reminders`); the worker sends the e-mails. Picks
    registrations of published, not cancelled events starting between now and now + 36 h that
    were not yet reminded. Idempotent (`reminded_at`). Returns how many were reminded.
    Side effects: saves `reminded_at`; enqueues one e-mail per registrant.
    """
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED,
        reminded_at__isnull=True,
        event__moderation_state=ModerationState.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(hours=36),
    ).exclude(event__status=PublicStatus.CANCELLED)
    count = 0
    for registration_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            updated = Registration.objects.filter(
                pk=registration_id, reminded_at__isnull=True
            ).update(reminded_at=now)
            if updated:
                notify_registrant(Registration(pk=registration_id), kind="reminder")
                count += 1
    return count


@transaction.atomic
def recount(event) -> Event:
    """Recompute the event's place counters from its registrations (imports, demo, repairs).

    Side effects: locks the event; saves `confirmed_count` and `waitlist_count`.
    """
    locked = _lock(event)
    rows = Registration.objects.filter(event_id=locked.pk)
    locked.confirmed_count = rows.filter(status=RegistrationStatus.CONFIRMED).count()
    locked.waitlist_count = rows.filter(status=RegistrationStatus.WAITLISTED).count()
    Event.objects.filter(pk=locked.pk).update(
        confirmed_count=locked.confirmed_count, waitlist_count=locked.waitlist_count
    )
    event.confirmed_count, event.waitlist_count = locked.confirmed_count, locked.waitlist_count
    return event
