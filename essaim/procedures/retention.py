"""Retention of dossiers: each procedure keeps its dossiers `retention_months` after
submission (`Dossier.purge_after`, set by `services.submit`); drafts left untouched that long
go too. The applicant is warned by e-mail beforehand, then the dossier is deleted with its
documents (files included), history, messages and opinions.

The register of pre-filling links (`PrefillLink`) keeps a link's address, which carries the
answers it pre-fills, only while the link can be used; the entry itself goes
PREFILL_REGISTER_DAYS after the link expired or was revoked (`purge_prefill_links`).

`python manage.py procedures_purger`, run daily by cron, calls `warn_due`, `purge_due` then
`purge_prefill_links`. Never logs personal data: only numbers and counts.
"""

import datetime
import logging

from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from essaim.core.emails import absolute_url, enqueue_templated_email
from essaim.procedures.enums import DossierState
from essaim.procedures.models import (
    Attachment,
    Dossier,
    PrefillLink,
    Procedure,
    WebhookDelivery,
)

logger = logging.getLogger(__name__)
WARN_DAYS = 30  # the warning comes this many days before the deletion
GRACE_DAYS = 7  # at least this long between the warning and the deletion
# How long the register remembers a dead link (who made it, which questions, until when), so
# that editors see why an old link is refused; its answers are gone from the end of the link.
PREFILL_REGISTER_DAYS = 90


def _stale_drafts(warn_days: int):
    """Drafts that reach their procedure's retention period (counted from their last change)
    within `warn_days`."""
    condition = Q(pk__in=[])
    for procedure_id, months in Procedure.objects.values_list("pk", "retention_months"):
        limit = timezone.now() - datetime.timedelta(days=31 * months - warn_days)
        condition |= Q(procedure_id=procedure_id, updated_at__lt=limit)
    return Dossier.objects.filter(state=DossierState.DRAFT, purge_after__isnull=True).filter(
        condition
    )


def warn_due(*, today=None, warn_days: int = WARN_DAYS) -> int:
    """E-mail the applicants whose dossiers will be deleted within `warn_days`.

    Side effects: sets `purge_warned_at` (and, for drafts, `purge_after`); moves `purge_after`
    to at least GRACE_DAYS from now, so that nobody loses a dossier without a warning; enqueues
    one e-mail per dossier that has an address. Returns the number of dossiers warned.
    """
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(days=warn_days)
    earliest = today + datetime.timedelta(days=GRACE_DAYS)
    due = Dossier.objects.filter(purge_warned_at__isnull=True).filter(
        Q(purge_after__lte=horizon) | Q(pk__in=_stale_drafts(warn_days).values("pk"))
    )
    count = 0
    for dossier in due.select_related("procedure", "applicant").iterator(chunk_size=500):
        with transaction.atomic():
            if dossier.purge_after is None:  # a stale draft
                months = dossier.procedure.retention_months
                dossier.purge_after = (
                    dossier.updated_at + datetime.timedelta(days=31 * months)
                ).date()
            dossier.purge_after = max(dossier.purge_after, earliest)
            dossier.purge_warned_at = timezone.now()
            dossier.save(update_fields=["purge_after", "purge_warned_at"])
            if dossier.applicant_email:
                enqueue_templated_email(
                    to=dossier.applicant_email,
                    template_prefix="procedures/emails/purge_warning",
                    context={
                        "procedure": dossier.procedure.title,
                        "number": dossier.pk,
                        "date": dossier.purge_after.strftime("%d/%m/%Y"),
                        "url": absolute_url(reverse("procedures:my_data")),
                    },
                )
        count += 1
    logger.info("procedures.retention.warned", extra={"count": count})
    return count


def purge_due(*, today=None) -> int:
    """Delete the warned dossiers whose `purge_after` date has passed, with their documents.

    Side effects: deletes the dossiers (their attachments, transitions, messages, opinions and
    webhook deliveries go with them), then their files from storage. Returns the number
    deleted.
    """
    today = today or timezone.localdate()
    due = Dossier.objects.filter(purge_after__lt=today, purge_warned_at__isnull=False)
    count = 0
    for pk in due.values_list("pk", flat=True).iterator(chunk_size=500):
        delete_dossier(pk)
        count += 1
    logger.info("procedures.retention.purged", extra={"count": count})
    return count


def delete_dossier(pk: int) -> None:
    """Delete one dossier and its documents' files. Side effects: storage and database."""
    with transaction.atomic():
        attachments = list(Attachment.objects.filter(dossier_id=pk))
        WebhookDelivery.objects.filter(dossier_id=pk).delete()  # payloads may hold answers
        Dossier.objects.filter(pk=pk).delete()
        # Files go once the rows are gone for sure: a rolled-back deletion keeps its files.
        transaction.on_commit(lambda: _delete_files(attachments))


def _delete_files(attachments) -> None:
    for attachment in attachments:
        if attachment.file:
            attachment.file.storage.delete(attachment.file.name)


def purge_prefill_links(*, now=None) -> int:
    """Apply the register's retention rule; returns the number of entries deleted.

    Side effects: blanks the address (hence the pre-filled answers) of every link that expired
    or was revoked; deletes the entries dead for more than PREFILL_REGISTER_DAYS. A link whose
    entry is gone stays refused (its signed expiry, or the missing entry, says so).
    """
    now = now or timezone.now()
    dead = Q(expires_at__lte=now) | Q(revoked_at__isnull=False)
    PrefillLink.objects.filter(dead).exclude(url="").update(url="")
    limit = now - datetime.timedelta(days=PREFILL_REGISTER_DAYS)
    count, _by_model = PrefillLink.objects.filter(
        Q(expires_at__lt=limit) | Q(revoked_at__lt=limit)
    ).delete()
    logger.info("procedures.retention.prefill_links_purged", extra={"count": count})
    return count
