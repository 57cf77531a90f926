"""Applying without an account, for procedures open to "tout le monde".

The draft belongs to no user: it is held by a secret resume link sent to the address the person
gives (signed with the site's secret, so nothing secret is stored), and by the session of the
browser that opened that link (`access.remember_guest_dossier`).
"""

from django.core import signing
from django.urls import reverse

from essaim.core.emails import absolute_url, enqueue_templated_email

SALT = "essaim.procedures.resume"


def resume_token(dossier) -> str:
    return signing.Signer(salt=SALT).sign(str(dossier.public_id))


def resume_url(dossier) -> str:
    return absolute_url(reverse("procedures:resume", args=[resume_token(dossier)]))


def public_id_from(token: str) -> str | None:
    """The dossier's public id a genuine resume token names, else None."""
    try:
        return signing.Signer(salt=SALT).unsign(token)
    except signing.BadSignature:
        return None


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
        },
    )
