"""Applying without an account, for procedures open to "tout le monde".

The draft belongs to no user: it is held by a secret resume link sent to the address the person
gives (signed with the site's secret, so nothing secret is stored), and by the session of the
browser that opened that link (`access.remember_guest_dossier`).

A link is valid `settings.PROCEDURES_GUEST_RESUME_DAYS` days after it was sent (every e-mail
about the dossier carries a fresh one); an expired link still names its dossier, so its page
offers to e-mail a new link to the address given at the start, never to another one.
"""

import datetime

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from essaim.core.emails import absolute_url, enqueue_templated_email

SALT = "essaim.procedures.resume.dated"
# Links sent before they had a date: genuine, read as expired.
UNDATED_SALT = "essaim.procedures.resume"
# A new link is sent at most once in this many seconds per dossier (the page can be reloaded).
RENEW_INTERVAL = 600


def validity_days() -> int:
    return max(1, int(settings.PROCEDURES_GUEST_RESUME_DAYS))


def resume_token(dossier) -> str:
    return signing.TimestampSigner(salt=SALT).sign(str(dossier.public_id))


def resume_url(dossier) -> str:
    return absolute_url(reverse("procedures:resume", args=[resume_token(dossier)]))


def read_token(token: str) -> tuple[str | None, bool]:
    """(the dossier's public id, whether the link has expired) of a genuine resume token;
    (None, False) for a forged or truncated one."""
    signer = signing.TimestampSigner(salt=SALT)
    try:
        return signer.unsign(token, max_age=datetime.timedelta(days=validity_days())), False
    except signing.SignatureExpired:
        return signer.unsign(token), True
    except signing.BadSignature:
        pass
    try:
        return signing.Signer(salt=UNDATED_SALT).unsign(token), True
    except signing.BadSignature:
        return None, False


def masked_email(email: str) -> str:
    """« c•••@example.org »: enough for the person to recognise their address."""
    local, _at, domain = email.partition("@")
    return f"{local[:1]}•••@{domain}"


def send_new_link(dossier) -> bool:
    """Side effects: e-mails a fresh resume link to the guest's address, unless one was sent
    in the last RENEW_INTERVAL seconds (then returns False and sends nothing)."""
    if not cache.add(f"procedures:resume-renewed:{dossier.pk}", True, RENEW_INTERVAL):
        return False
    send_resume_link(dossier)
    return True


def dossier_url(dossier) -> str:
    """The link to give the applicant in an e-mail: their dossier's page, or for a guest the
    secret resume link (the only way back in without an account)."""
    if dossier.applicant_id is None and dossier.guest_email:
        return resume_url(dossier)
    return absolute_url(reverse("procedures:dossier", args=[dossier.public_id]))


def send_resume_link(dossier) -> None:
    """Side effects: on commit, e-mails the resume link to the guest's address."""
    enqueue_templated_email(
        to=dossier.guest_email,
        template_prefix="procedures/emails/guest_resume",
        context={
            "procedure": dossier.procedure.title,
            "number": dossier.pk,
            "url": resume_url(dossier),
            "days": validity_days(),
            # Formatted here: the task's context must be JSON.
            "until": date_format(
                timezone.localdate() + datetime.timedelta(days=validity_days()), "j F Y"
            ),
        },
    )
