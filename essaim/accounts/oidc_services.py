"""Signing a person in on the word of an OpenID Connect provider (ProConnect, FranceConnect)."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from essaim.accounts.models import OIDCIdentity, User
from essaim.accounts.services import normalise_email

NAME_MAX_LENGTH = User._meta.get_field("first_name").max_length


class OIDCSignInRefused(Exception):
    """The provider's answer cannot sign anyone in; `reason` tells the person why."""

    MISSING_EMAIL = "missing_email"
    UNVERIFIED_EMAIL = "unverified_email"
    ALREADY_LINKED = "already_linked"

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def sign_in_with_oidc(
    *, provider: str, sub: str, email: str, first_name: str = "", last_name: str = ""
) -> User:
    """The account of the person the provider vouches for, created or linked when new.

    The person is found by the provider's `sub` first — so a changed address at the provider
    keeps the same account —, then by e-mail address, case-insensitively.

    Side effects: saves an OIDCIdentity(provider, sub) on first use; creates a User with a
    confirmed address and no password when no account has this address; confirms the address
    of an existing unconfirmed account and removes its password (whoever created it without
    confirming could otherwise take over the account); fills the account's empty names.
    Raises OIDCSignInRefused(ALREADY_LINKED) when the account with this address is already
    linked to another identity at the same provider.
    """
    first_name = first_name.strip()[:NAME_MAX_LENGTH]
    last_name = last_name.strip()[:NAME_MAX_LENGTH]
    with transaction.atomic():
        identity = _identity(provider=provider, sub=sub)
        if identity is not None:
            user = identity.user
        else:
            user = _account_for_address(
                provider=provider, email=email, first_name=first_name, last_name=last_name
            )
            try:
                with transaction.atomic():
                    OIDCIdentity.objects.create(user=user, provider=provider, sub=sub)
            except IntegrityError:  # the same person signing in twice at the same instant
                identity = _identity(provider=provider, sub=sub)
                if identity is None or identity.user_id != user.pk:
                    raise OIDCSignInRefused(OIDCSignInRefused.ALREADY_LINKED) from None
        _fill_empty_names(user, first_name=first_name, last_name=last_name)
    return user


def _identity(*, provider: str, sub: str) -> OIDCIdentity | None:
    return OIDCIdentity.objects.select_related("user").filter(provider=provider, sub=sub).first()


def _account_for_address(*, provider: str, email: str, first_name: str, last_name: str) -> User:
    email = normalise_email(email)
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        return User.objects.create_user(
            email=email,
            first_name=first_name,
            last_name=last_name,
            email_confirmed_at=timezone.now(),
        )
    if user.oidc_identities.filter(provider=provider).exists():
        raise OIDCSignInRefused(OIDCSignInRefused.ALREADY_LINKED)
    if not user.email_confirmed:
        user.email_confirmed_at = timezone.now()
        user.set_unusable_password()
        user.save(update_fields=["email_confirmed_at", "password"])
    return user


def _fill_empty_names(user: User, *, first_name: str, last_name: str) -> None:
    changed = []
    if first_name and not user.first_name:
        user.first_name = first_name
        changed.append("first_name")
    if last_name and not user.last_name:
        user.last_name = last_name
        changed.append("last_name")
    if changed:
        user.save(update_fields=changed)
