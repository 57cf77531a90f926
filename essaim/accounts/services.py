"""Every operation that changes a person's account: sign-up, confirmation, profile, deletion."""

import logging
from datetime import timedelta
from typing import NamedTuple

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import signing
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from essaim.accounts.models import Invitation, Membership, OIDCIdentity, Role, User
from essaim.core.emails import absolute_url, enqueue_templated_email

logger = logging.getLogger(__name__)

CONFIRMATION_SALT = "essaim.accounts.confirm-email"
CONFIRMATION_MAX_AGE = timedelta(days=2)
ANONYMOUS_EMAIL_DOMAIN = "anonyme.invalid"


class EmailAlreadyUsed(Exception):
    """Another account already uses this address (whatever its case)."""


class InvalidConfirmationLink(Exception):
    """The confirmation link was altered, or its account is gone or has changed address."""


class ExpiredConfirmationLink(InvalidConfirmationLink):
    """The confirmation link is genuine but too old."""


class Confirmation(NamedTuple):
    user: User
    newly_confirmed: bool  # False if the address was already confirmed
    next_url: str  # where the person was going when they signed up ("" if nowhere)


class LastAdministratorError(Exception):
    """The person is the only administrator left in these organisations."""

    def __init__(self, organisations):
        super().__init__(", ".join(o.name for o in organisations))
        self.organisations = list(organisations)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def register_user(
    *, email: str, password: str, first_name: str, last_name: str, next_url: str = ""
) -> User:
    """Create an account whose address is not confirmed yet; it cannot sign in before that.

    `next_url` (a path on this site, e.g. an invitation's) is carried by the confirmation link,
    so that confirming leads the person back to it.
    Side effects: saves a User; on commit, sends the confirmation e-mail (background task).
    Raises EmailAlreadyUsed if the address (case-insensitively) belongs to another account.
    """
    email = normalise_email(email)
    if User.objects.filter(email__iexact=email).exists():
        raise EmailAlreadyUsed
    try:
        with transaction.atomic():
            user = User.objects.create_user(
                email=email, password=password, first_name=first_name, last_name=last_name
            )
    except IntegrityError as exc:  # two sign-ups with the same address at the same time
        raise EmailAlreadyUsed from exc
    send_confirmation_email(user=user, next_url=next_url)
    return user


def _email_digest(email: str) -> str:
    """Binds a link to the address it was sent to, without writing the address in the URL."""
    return salted_hmac(CONFIRMATION_SALT, email).hexdigest()[:20]


def make_confirmation_token(user: User, *, next_url: str = "") -> str:
    data = {"user": user.pk, "email": _email_digest(user.email)}
    if next_url:
        data["next"] = next_url
    return signing.dumps(data, salt=CONFIRMATION_SALT)


def send_confirmation_email(*, user: User, next_url: str = "") -> None:
    """Side effects: on commit, sends a signed, time-limited confirmation link to `user`."""
    token = make_confirmation_token(user, next_url=next_url)
    url = absolute_url(reverse("accounts:confirm_email", args=[token]))
    enqueue_templated_email(
        to=user.email,
        template_prefix="accounts/emails/confirm_email",
        context={
            "first_name": user.first_name,
            "confirm_url": url,
            "max_age_days": CONFIRMATION_MAX_AGE.days,
        },
    )


def resend_confirmation(*, email: str, next_url: str = "") -> None:
    """Send a new confirmation link if an active, unconfirmed account uses `email`.

    Says nothing either way, so that nobody learns which addresses have an account.
    Side effects: at most one confirmation e-mail (on commit).
    """
    user = User.objects.filter(
        email__iexact=normalise_email(email),
        is_active=True,
        email_confirmed_at__isnull=True,
        anonymised_at__isnull=True,
    ).first()
    if user is not None:
        send_confirmation_email(user=user, next_url=next_url)


def confirm_email(*, token: str) -> Confirmation:
    """Check a confirmation link and mark its address as confirmed.

    Returns (user, newly_confirmed, next_url): newly_confirmed is False if it was already
    confirmed, so that an old link never signs anyone in a second time; next_url is the page
    the person was going to when they signed up (unchecked: the caller checks it is ours).
    Side effects: sets user.email_confirmed_at.
    Raises ExpiredConfirmationLink or InvalidConfirmationLink.
    """
    try:
        data = signing.loads(
            token, salt=CONFIRMATION_SALT, max_age=CONFIRMATION_MAX_AGE.total_seconds()
        )
    except signing.SignatureExpired as exc:
        raise ExpiredConfirmationLink from exc
    except signing.BadSignature as exc:
        raise InvalidConfirmationLink from exc
    if not isinstance(data, dict):
        raise InvalidConfirmationLink
    user = User.objects.filter(
        pk=data.get("user"), is_active=True, anonymised_at__isnull=True
    ).first()
    if user is None or not constant_time_compare(_email_digest(user.email), data.get("email")):
        raise InvalidConfirmationLink
    next_url = data.get("next") if isinstance(data.get("next"), str) else ""
    if user.email_confirmed_at is not None:
        return Confirmation(user, False, next_url)
    mark_email_confirmed(user=user)
    return Confirmation(user, True, next_url)


def mark_email_confirmed(*, user: User) -> None:
    """Side effects: sets user.email_confirmed_at if it was not set."""
    if user.email_confirmed_at is None:
        user.email_confirmed_at = timezone.now()
        user.save(update_fields=["email_confirmed_at"])


def complete_password_reset(*, user: User) -> None:
    """After a reset through an e-mailed link: the address is proven and the lockout lifted.

    Side effects: sets user.email_confirmed_at if missing; deletes the failed sign-in attempts
    recorded for this address (django-axes), so the person can sign in at once.
    """
    mark_email_confirmed(user=user)
    AccessAttempt.objects.filter(username=user.email).delete()


def update_profile(user: User, *, first_name: str, last_name: str) -> None:
    """Side effects: saves user's first and last names."""
    user.first_name = first_name
    user.last_name = last_name
    user.save(update_fields=["first_name", "last_name"])


def organisations_left_without_admin(user: User) -> list:
    """The organisations in which `user` is the only active administrator."""
    admin_memberships = Membership.objects.filter(user=user, role=Role.ADMIN).select_related(
        "organisation"
    )
    return [
        m.organisation
        for m in admin_memberships
        if not Membership.objects.filter(
            organisation=m.organisation,
            role=Role.ADMIN,
            user__is_active=True,
            user__anonymised_at__isnull=True,
        )
        .exclude(user=user)
        .exists()
    ]


def anonymise_user(user: User, *, by: User) -> None:
    """Delete a person's account while keeping its row, so that what refers to it survives.

    `by` is the person asking (the user themself, or a superuser in the admin).
    Side effects: replaces the e-mail with a unique placeholder, empties the names, makes the
    password unusable, deactivates the account and drops staff rights, sets anonymised_at;
    deletes the person's memberships, their OpenID Connect identities (so that signing in again
    at ProConnect or FranceConnect starts a new, empty account), the pending invitations sent
    to their address and the sign-in records django-axes kept about it; logs the event (ids
    only).
    Raises LastAdministratorError if an organisation would be left without administrator.
    """
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        if user.anonymised_at is not None:
            return
        orphaned = organisations_left_without_admin(user)
        if orphaned:
            raise LastAdministratorError(orphaned)
        old_email = user.email
        Membership.objects.filter(user=user).delete()
        OIDCIdentity.objects.filter(user=user).delete()
        Invitation.objects.filter(email__iexact=old_email, accepted_at__isnull=True).delete()
        for model in (AccessAttempt, AccessFailureLog, AccessLog):
            model.objects.filter(username=old_email).delete()
        user.email = f"compte-supprime-{user.pk}@{ANONYMOUS_EMAIL_DOMAIN}"
        user.first_name = ""
        user.last_name = ""
        user.set_unusable_password()
        user.is_active = False
        user.is_staff = False
        user.is_superuser = False
        user.email_confirmed_at = None
        user.last_login = None
        user.anonymised_at = timezone.now()
        user.save()
    logger.info("account anonymised", extra={"user_id": user.pk, "by_user_id": by.pk})


def personal_data(user: User) -> dict:
    """Everything the platform's accounts app holds about `user`, for download (no side effect)."""

    def iso(value):
        return value.isoformat() if value else None

    memberships = Membership.objects.filter(user=user).select_related("organisation")
    return {
        "compte": {
            "adresse_electronique": user.email,
            "prenom": user.first_name,
            "nom": user.last_name,
            "inscrit_le": iso(user.date_joined),
            "adresse_confirmee_le": iso(user.email_confirmed_at),
            "derniere_connexion": iso(user.last_login),
            "mot_de_passe_defini": user.has_usable_password(),
        },
        "organisations": [
            {
                "organisation": m.organisation.name,
                "adresse_courte": m.organisation.slug,
                "role": m.role,
                "role_libelle": str(m.get_role_display()),
                "depuis": iso(m.created_at),
            }
            for m in memberships
        ],
        "identites_openid_connect": [
            {
                "fournisseur": str(identity.get_provider_display()),
                "depuis": iso(identity.created_at),
            }
            for identity in OIDCIdentity.objects.filter(user=user).order_by("created_at")
        ],
    }
