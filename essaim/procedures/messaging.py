"""Messages between the applicant and the instructors of a dossier, with attached documents.

Attachments are checked like the form's documents (type by content, size, ClamAV when
configured) and served only by short-lived signed links to the applicant and the dossier's
instructors (`documents.signed_url`, `access.may_download`).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.procedures import guests, uploads
from essaim.procedures.fields import FieldError
from essaim.procedures.models import Instructor, Message

MAX_FILES = 3
MAX_SIZE_MB = 10


def check_files(files) -> None:
    """Raise ValidationError (French, saying how to fix) unless every file is acceptable."""
    if len(files) > MAX_FILES:
        raise ValidationError(
            ngettext(
                "Joignez au plus %(n)s fichier à un message.",
                "Joignez au plus %(n)s fichiers à un message : retirez-en.",
                MAX_FILES,
            )
            % {"n": MAX_FILES}
        )
    for upload in files:
        try:
            uploads.check_upload(upload, max_size_mb=MAX_SIZE_MB)
        except FieldError as error:
            raise ValidationError(error.message) from None


def post_message(dossier, *, body: str, by, files=(), from_applicant: bool) -> Message:
    """A message on `dossier`, from its applicant (`by` a user or an `access.Guest`) or from an
    instructor, with up to MAX_FILES attached documents.

    Side effects: saves a Message and its Attachments; on commit, e-mails the other side (the
    applicant, or the instructors of the dossier's group). Raises ValidationError (French) for
    an empty message or a refused file; then nothing is saved.
    """
    from essaim.procedures.services import store_upload

    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Écrivez votre message avant de l’envoyer."))
    files = list(files)
    check_files(files)
    author = by if getattr(by, "is_authenticated", False) else None
    with transaction.atomic():
        message = Message.objects.create(
            dossier=dossier, author=author, from_applicant=from_applicant, body=body
        )
        for upload in files:
            try:
                store_upload(
                    dossier, upload=upload, by=by, max_size_mb=MAX_SIZE_MB, message=message
                )
            except FieldError as error:  # e.g. a virus found by ClamAV
                raise ValidationError(error.message) from None
        if from_applicant:
            _notify_instructors(dossier, files=len(files))
        else:
            _notify_applicant(dossier, body=body)
    return message


def _notify_applicant(dossier, *, body):
    if not dossier.applicant_email:
        return
    enqueue_templated_email(
        to=dossier.applicant_email,
        template_prefix="procedures/emails/instruction_message",
        context={
            "procedure": dossier.procedure.title,
            "number": dossier.pk,
            "body": body,
            "dossier_url": guests.dossier_url(dossier),
        },
    )


def _notify_instructors(dossier, *, files):
    emails = list(
        Instructor.objects.filter(group_id=dossier.group_id)
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not emails:
        return
    enqueue_templated_email(
        to=emails,
        template_prefix="procedures/emails/applicant_message",
        context={
            "procedure": dossier.procedure.title,
            "number": dossier.pk,
            "files": files,
            "url": absolute_url(
                reverse("procedures:instruction_dossier", args=[dossier.public_id]) + "#messagerie"
            ),
        },
    )


def messages_with_links(dossier, *, user) -> list[dict]:
    """The dossier's messages in order, each with its documents' signed links for `user`
    (anonymous: the guest holding the dossier)."""
    from essaim.procedures.documents import signed_url

    items = []
    for message in dossier.messages.select_related("author").prefetch_related("attachments"):
        files = [
            {"attachment": a, "url": signed_url(a, user=user)} for a in message.attachments.all()
        ]
        items.append({"message": message, "files": files})
    return items
