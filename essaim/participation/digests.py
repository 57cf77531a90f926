"""E-mails about what people follow: immediate notices and daily or weekly digests.

`send_immediate_notices` (a task per recorded Notice) tells the people who chose immediate
e-mails, and an author whose proposal was answered or merged. `send_consultation_digests
--frequency daily|weekly` (cron) enqueues one `send_digest` task per person due. Every e-mail
carries a one-click unsubscribe link (signed; also in the List-Unsubscribe header, RFC 8058).
Each person hears of each event once: `NoticeDelivery` is unique per (person, notice), so a
task run twice sends nothing twice.
"""

import datetime as dt

from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_tasks import task

from essaim.accounts.models import User
from essaim.core.emails import absolute_url, send_templated_email
from essaim.participation.enums import (
    CAMPAIGN_NOTICES,
    URGENT_FOR_AUTHOR,
    DigestFrequency,
    NoticeKind,
)
from essaim.participation.models import EmailPreference, Follow, Notice, NoticeDelivery

UNSUBSCRIBE_SALT = "participation.emails.unsubscribe"
DIGEST_LIMIT = 500
ITEMS_SHOWN = 20
MIN_INTERVAL = {
    DigestFrequency.DAILY: dt.timedelta(hours=20),
    DigestFrequency.WEEKLY: dt.timedelta(days=6, hours=12),
}


def unsubscribe_token(user) -> str:
    return signing.dumps(user.pk, salt=UNSUBSCRIBE_SALT)


def user_from_token(token: str):
    try:
        pk = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return User.objects.filter(pk=pk).first() if isinstance(pk, int) else None


def _unsubscribe_url(user) -> str:
    return absolute_url(reverse("participation:unsubscribe", args=[unsubscribe_token(user)]))


def _send(user, *, template: str, context: dict) -> None:
    unsubscribe_url = _unsubscribe_url(user)
    send_templated_email(
        to=user.email,
        template_prefix=f"participation/emails/{template}",
        context={
            **context,
            "unsubscribe_url": unsubscribe_url,
            "subscriptions_url": absolute_url(reverse("participation:subscriptions")),
        },
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )


def _merge_target(notice):
    """(url, title) of the proposal a merged one went into (kept in `detail` as "pk:title")."""
    pk, _sep, title = notice.detail.partition(":")
    url = reverse("participation:proposal", args=[notice.campaign.slug, int(pk)])
    return url, title


def describe(notice: Notice) -> str:
    """One French sentence for one event."""
    title = notice.proposal.title if notice.proposal_id else ""
    if notice.kind == NoticeKind.PROPOSAL:
        return _("Nouvelle proposition : « %(title)s ».") % {"title": title}
    if notice.kind == NoticeKind.SUPPORT:
        return _("« %(title)s » a reçu un nouveau soutien.") % {"title": title}
    if notice.kind == NoticeKind.COMMENT:
        return _("Nouveau commentaire sur « %(title)s ».") % {"title": title}
    if notice.kind == NoticeKind.ANSWER:
        return _("« %(title)s » a reçu une réponse : %(kind)s.") % {
            "title": title,
            "kind": notice.detail,
        }
    return _(
        "« %(title)s » ressemblait à d’autres propositions : elle a été fusionnée dans "
        "« %(target)s ». Elle reste lisible et ses soutiens sont repris."
    ) % {"title": title, "target": _merge_target(notice)[1]}


def _url(notice: Notice) -> str:
    if notice.kind == NoticeKind.MERGE:
        return absolute_url(_merge_target(notice)[0])
    target = notice.proposal or notice.campaign
    return absolute_url(target.get_absolute_url())


def immediate_recipients(notice: Notice) -> list:
    """People to e-mail now: immediate followers of the proposal (or of the campaign for
    campaign-wide events), and the author for an answer or a merge unless they chose none."""
    follows = Q(proposal_id=notice.proposal_id) if notice.proposal_id else Q(pk__in=[])
    if notice.kind in CAMPAIGN_NOTICES:
        follows |= Q(campaign_id=notice.campaign_id)
    ids = set(
        Follow.objects.filter(follows)
        .filter(user__participation_emails__frequency=DigestFrequency.IMMEDIATE)
        .values_list("user_id", flat=True)
    )
    if notice.kind in URGENT_FOR_AUTHOR and notice.proposal_id:
        author_id = notice.proposal.author_id
        if not EmailPreference.objects.filter(
            user_id=author_id, frequency=DigestFrequency.NONE
        ).exists():
            ids.add(author_id)
    ids.discard(notice.actor_id)
    return list(User.objects.filter(pk__in=ids, is_active=True).exclude(email=""))


def _claim(notice: Notice, user) -> bool:
    """Record the delivery; False if this person already heard of this event."""
    try:
        with transaction.atomic():
            NoticeDelivery.objects.create(notice=notice, user=user)
    except IntegrityError:
        return False
    return True


@task(queue_name="email")
def send_immediate_notices(*, notice_id: int) -> int:
    """E-mail one event to the people who want it now; returns how many were told.

    Side effects: a NoticeDelivery and an e-mail per recipient (never twice: safe to rerun).
    """
    notice = Notice.objects.select_related("campaign", "proposal").filter(pk=notice_id).first()
    if notice is None or (notice.proposal_id and notice.proposal.hidden_at):
        return 0
    sent = 0
    for user in immediate_recipients(notice):
        if not _claim(notice, user):
            continue
        _send(
            user,
            template="notice",
            context={
                "subject": describe(notice),
                "message": describe(notice),
                "url": _url(notice),
                "campaign": notice.campaign.title,
            },
        )
        sent += 1
    return sent


def pending_notices(user):
    """Events of what `user` follows, since they followed, not caused by them, never sent to
    them, on proposals still visible; oldest first."""
    by_proposal = Notice.objects.filter(
        proposal__follows__user=user, created_at__gte=F("proposal__follows__created_at")
    ).values("pk")
    by_campaign = Notice.objects.filter(
        campaign__follows__user=user,
        kind__in=CAMPAIGN_NOTICES,
        created_at__gte=F("campaign__follows__created_at"),
    ).values("pk")
    return (
        Notice.objects.filter(Q(pk__in=by_proposal) | Q(pk__in=by_campaign))
        .filter(Q(proposal__isnull=True) | Q(proposal__hidden_at__isnull=True))
        .exclude(actor=user)
        .exclude(deliveries__user=user)
        .select_related("campaign", "proposal")
        .order_by("pk")
    )


def digest_items(notices) -> list[dict]:
    """The events grouped by proposal, each as short French lines (« 3 nouveaux soutiens »)."""
    groups: dict = {}
    for notice in notices:
        key = notice.proposal_id or f"c{notice.campaign_id}"
        groups.setdefault(key, []).append(notice)
    items = []
    for group in groups.values():
        first = group[0]
        counts = {kind: sum(1 for n in group if n.kind == kind) for kind in NoticeKind.values}
        lines = []
        if counts[NoticeKind.PROPOSAL]:
            lines.append(_("Nouvelle proposition"))
        if counts[NoticeKind.SUPPORT]:
            n = counts[NoticeKind.SUPPORT]
            lines.append(ngettext("%(n)s nouveau soutien", "%(n)s nouveaux soutiens", n) % {"n": n})
        if counts[NoticeKind.COMMENT]:
            n = counts[NoticeKind.COMMENT]
            lines.append(
                ngettext("%(n)s nouveau commentaire", "%(n)s nouveaux commentaires", n) % {"n": n}
            )
        lines += [describe(n) for n in group if n.kind in URGENT_FOR_AUTHOR]
        items.append(
            {
                "title": first.proposal.title if first.proposal_id else first.campaign.title,
                "campaign": first.campaign.title,
                "url": _url(first),
                "lines": lines,
            }
        )
    return items


@task(queue_name="email")
def send_digest(*, user_id: int) -> int:
    """Send one person's digest if anything happened; returns the number of events told.

    Side effects: NoticeDelivery rows for the events, `last_digest_at`, at most one e-mail.
    """
    with transaction.atomic():
        preference = (
            EmailPreference.objects.select_for_update()
            .select_related("user")
            .filter(user_id=user_id)
            .first()
        )
        if preference is None or preference.frequency not in MIN_INTERVAL:
            return 0
        user = preference.user
        notices = list(pending_notices(user)[:DIGEST_LIMIT])
        NoticeDelivery.objects.bulk_create(
            [NoticeDelivery(notice=n, user=user) for n in notices], ignore_conflicts=True
        )
        preference.last_digest_at = timezone.now()
        preference.save(update_fields=["last_digest_at"])
    if notices and user.is_active and user.email:
        items = digest_items(notices)
        _send(
            user,
            template="digest",
            context={
                "items": items[:ITEMS_SHOWN],
                "more": max(len(items) - ITEMS_SHOWN, 0),
                "frequency": preference.get_frequency_display().lower(),
                "count": len(notices),
            },
        )
    return len(notices)


def enqueue_due_digests(*, frequency: str, now=None) -> int:
    """Enqueue `send_digest` for everyone of `frequency` who follows something and whose last
    digest is old enough; returns how many. Side effects: tasks enqueued on commit."""
    now = now or timezone.now()
    due = (
        EmailPreference.objects.filter(frequency=frequency)
        .filter(
            Q(last_digest_at__isnull=True) | Q(last_digest_at__lte=now - MIN_INTERVAL[frequency])
        )
        .filter(user__participation_follows__isnull=False)
        .values_list("user_id", flat=True)
        .distinct()
    )
    ids = list(due)
    for user_id in ids:
        transaction.on_commit(lambda user_id=user_id: send_digest.enqueue(user_id=user_id))
    return len(ids)
