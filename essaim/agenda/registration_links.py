"""The self-service link of a registration (in every e-mail to the registrant): see, confirm
the address, cancel.

The link carries the registration's id and its secret token, signed with a salt of its own
(`django.core.signing`): a tampered link is refused, and giving the registration a new token
(re-registering after a cancellation) revokes every link sent before.
"""

from django.core import signing
from django.urls import reverse

from essaim.agenda.models import Registration

SALT = "essaim.agenda.registration-cancellation"


def signed_reference(registration: Registration) -> str:
    """The URL-safe signed value that designates `registration` in its self-service link."""
    return signing.Signer(salt=SALT).sign_object(
        {"id": registration.pk, "token": registration.token}
    )


def registration_path(registration: Registration) -> str:
    return reverse("agenda:registration", args=[signed_reference(registration)])


def registration_from_link(value: str, queryset=None) -> Registration | None:
    """The registration a self-service link designates; None when the link was tampered with,
    or its registration was deleted or has been given a new token since."""
    queryset = Registration.objects.all() if queryset is None else queryset
    if ":" not in value:
        # Links e-mailed before they were signed held the bare token, as secret as before.
        return queryset.filter(token=value).first() if value else None
    try:
        data = signing.Signer(salt=SALT).unsign_object(value)
    except (signing.BadSignature, ValueError):
        return None
    if not isinstance(data, dict):
        return None
    return queryset.filter(pk=data.get("id"), token=data.get("token")).first()
