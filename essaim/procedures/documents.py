"""Short-lived signed links to a dossier's documents, bound to the person they were made for."""

from django.core import signing
from django.urls import reverse

SALT = "essaim.procedures.document"
MAX_AGE_SECONDS = 15 * 60


def signed_url(attachment, *, user=None, holder=None) -> str:
    """A link to download `attachment`, valid MAX_AGE_SECONDS for `user` only (anonymous: the
    guest holding the dossier in their session), or for `holder` ("avis-<id>": an expert
    whose opinion request is open)."""
    if holder is None:
        holder = user.pk if getattr(user, "is_authenticated", False) else ""
    token = signing.TimestampSigner(salt=SALT).sign(f"{attachment.pk}:{holder}")
    return reverse("procedures:document", args=[token])


def read_token(token: str) -> tuple[str, str]:
    """(attachment id, holder: user id, "" or "avis-<id>") of a valid token; raises
    signing.BadSignature (including SignatureExpired) otherwise."""
    value = signing.TimestampSigner(salt=SALT).unsign(token, max_age=MAX_AGE_SECONDS)
    attachment_id, _sep, user_id = value.partition(":")
    return attachment_id, user_id
