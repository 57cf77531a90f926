"""Comments, reports, moderation and merges of proposals.

Every function is keyword-only after its subject, runs in one transaction and lists its side
effects. Refusals raise `permissions.Refused` with a French sentence.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, OuterRef, Subquery, Window
from django.db.models.functions import Coalesce, RowNumber
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.participation import figures, notify, permissions
from essaim.participation.enums import ACTIVE_STATES, ModerationAction, ProposalState
from essaim.participation.models import (
    Comment,
    Merge,
    ModerationLog,
    Proposal,
    Report,
    Support,
)
from essaim.participation.services import transition

COMMENTS_PER_PAGE = 20
REPLIES_PER_THREAD = 30  # the rest of a longer thread: `thread_page`
PAGE_BUDGET = 40  # comments per page, replies included: the page's rendering cost


@transaction.atomic
def post_comment(proposal: Proposal, *, author, body: str, parent: Comment | None = None):
    """`author` comments on `proposal`, or answers `parent` in its thread.

    Side effects: saves a Comment, increments `Proposal.comment_count`, records a « comment »
    notice for the proposal's followers.
    """
    permissions.can_comment(author, proposal).check()
    body = (body or "").strip()
    if not body:
        raise ValidationError(_("Écrivez votre commentaire avant de l’envoyer."))
    if parent is not None and parent.proposal_id != proposal.pk:
        raise ValidationError(_("Ce commentaire ne répond pas à cette proposition."))
    if parent is not None and parent.hidden_at is not None:
        raise ValidationError(
            _("Ce commentaire a été masqué par la modération : on n’y répond plus.")
        )
    comment = Comment.objects.create(
        proposal=proposal,
        author=author,
        body=body,
        parent=parent,
        root_id=(parent.root_id or parent.pk) if parent else None,
    )
    Proposal.objects.filter(pk=proposal.pk).update(comment_count=F("comment_count") + 1)
    notify.comment_posted(comment)
    return comment


def comment_page(proposal: Proposal, *, after: int | None = None, size: int = COMMENTS_PER_PAGE):
    """One page of threads (top-level comments) after id `after`, each with `shown_replies`.

    Hidden comments keep their place in the thread and the page shows a notice with the reason
    instead of their text (`Comment.objects.visible` explains the rule); their replies stay.
    Keyset pagination on the index (proposal, root, id): two indexed queries whatever the page,
    even with tens of thousands of comments. A page holds up to `size` threads but stops once
    it shows `PAGE_BUDGET` comments (replies included, at least one thread), so a page of busy
    threads renders as fast as a quiet one. Returns (threads, next_cursor or None).
    """
    reply_count = (
        Comment.objects.filter(root=OuterRef("pk"))
        .order_by()
        .values("root")
        .annotate(n=Count("pk"))
        .values("n")
    )
    roots = list(
        Comment.objects.filter(proposal=proposal, root__isnull=True)
        .filter(id__gt=after or 0)
        .annotate(reply_count=Coalesce(Subquery(reply_count), 0))
        .select_related("author")
        .order_by("id")[: size + 1]
    )
    kept, shown = [], 0
    for root in roots[:size]:
        weight = 1 + min(root.reply_count, REPLIES_PER_THREAD)
        if kept and shown + weight > PAGE_BUDGET:
            break
        kept.append(root)
        shown += weight
    more = len(kept) < len(roots)
    replies: dict[int, list] = {root.pk: [] for root in kept}
    if kept:
        rank = Window(RowNumber(), partition_by=[F("root_id")], order_by=F("id").asc())
        for reply in (
            Comment.objects.filter(proposal=proposal, root_id__in=list(replies))
            .annotate(rank=rank)
            .filter(rank__lte=REPLIES_PER_THREAD)
            .select_related("author", "parent__author")
            .order_by("id")
        ):
            replies[reply.root_id].append(reply)
    for root in kept:
        root.shown_replies = replies[root.pk]
    return kept, (kept[-1].pk if more else None)


def thread_page(proposal: Proposal, *, root_id: int, after: int | None = None):
    """The rest of one thread, for threads longer than the main page shows
    (`REPLIES_PER_THREAD`): its root with up to `PAGE_BUDGET` replies after id `after` (hidden
    ones as a notice, like `comment_page`), by keyset on the same index. Returns
    ([root], next_cursor or None); ([], None) when the thread is not one of `proposal`."""
    root = (
        Comment.objects.filter(proposal=proposal, root__isnull=True)
        .select_related("author")
        .filter(pk=root_id)
        .first()
    )
    if root is None:
        return [], None
    replies = list(
        Comment.objects.filter(proposal=proposal, root_id=root.pk, id__gt=after or 0)
        .select_related("author", "parent__author")
        .order_by("id")[: PAGE_BUDGET + 1]
    )
    root.shown_replies = replies[:PAGE_BUDGET]
    root.reply_count = len(root.shown_replies)
    more = len(replies) > PAGE_BUDGET
    return [root], (root.shown_replies[-1].pk if more else None)


def _recount_comments(proposal_id: int) -> None:
    """Set `Proposal.comment_count` to the number of visible comments (`Comment.objects.visible`).
    The proposal's row is locked before counting, so a comment posted meanwhile (which adds one
    to the same row) is neither lost nor counted twice."""
    Proposal.objects.select_for_update().filter(pk=proposal_id).values_list("pk").first()
    count = Comment.objects.visible().filter(proposal_id=proposal_id).count()
    Proposal.objects.filter(pk=proposal_id).update(comment_count=count)


def _log(campaign, *, actor, action, proposal=None, comment=None, reason=""):
    """Write the moderators' log; every logged action may change what the figures count, so
    their snapshot is refreshed without waiting for its period."""
    figures.request_refresh(campaign)
    return ModerationLog.objects.create(
        campaign=campaign,
        actor=actor,
        action=action,
        proposal=proposal,
        comment=comment,
        reason=reason[:300],
    )


@transaction.atomic
def report(*, by, reason: str, comment: Comment | None = None, proposal: Proposal | None = None):
    """`by` reports a comment or a proposal. A second report by the same person changes nothing.

    When the unhandled reports reach the campaign's threshold, the content is hidden at once.
    Side effects: saves a Report; may hide the content and write the moderators' log.
    """
    target_proposal = proposal or comment.proposal
    campaign = target_proposal.campaign
    permissions.in_audience(by, campaign).check()
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("Dites en quelques mots pourquoi vous signalez ce contenu."))
    try:
        with transaction.atomic():
            Report.objects.create(
                reporter=by, reason=reason[:300], comment=comment, proposal=proposal
            )
    except IntegrityError:
        return False
    target = comment or proposal
    pending = target.reports.filter(handled_at__isnull=True).count()
    if target.hidden_at is None and pending >= campaign.auto_hide_reports:
        _hide(
            target,
            reason=_("Masqué automatiquement après %(count)s signalements.") % {"count": pending},
        )
        _log(
            campaign,
            actor=None,
            action=ModerationAction.AUTO_HIDE,
            proposal=proposal,
            comment=comment,
            reason=reason,
        )
    return True


def _hide(target, *, reason: str) -> None:
    target.hidden_at = timezone.now()
    target.hidden_reason = reason[:300]
    target.save(update_fields=["hidden_at", "hidden_reason"])
    if isinstance(target, Comment):
        _recount_comments(target.proposal_id)


@transaction.atomic
def hide(*, by, reason: str, comment: Comment | None = None, proposal: Proposal | None = None):
    """A moderator hides a comment or a proposal with a reason: the proposal page shows it in
    place of a hidden comment; a hidden proposal is gone for the public, its author and the
    moderators see the reason on its page.

    Side effects: saves the content's `hidden_at`/`hidden_reason`, marks its reports handled,
    writes the moderators' log.
    """
    target = comment or proposal
    campaign = (proposal or comment.proposal).campaign
    permissions.can_moderate(by, campaign).check()
    if not (reason or "").strip():
        raise ValidationError(
            _(
                "Indiquez le motif du masquage : il est affiché à la place du commentaire "
                "masqué, ou à l’auteur de la proposition masquée."
            )
        )
    if target.hidden_at is None:
        _hide(target, reason=reason)
    target.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    _log(
        campaign,
        actor=by,
        action=ModerationAction.HIDE,
        proposal=proposal,
        comment=comment,
        reason=reason,
    )


@transaction.atomic
def restore(*, by, comment: Comment | None = None, proposal: Proposal | None = None, reason=""):
    """A moderator shows again a hidden content (or dismisses the reports of a visible one).

    Side effects: clears `hidden_at`, marks reports handled, writes the moderators' log.
    """
    target = comment or proposal
    campaign = (proposal or comment.proposal).campaign
    permissions.can_moderate(by, campaign).check()
    action = ModerationAction.RESTORE if target.hidden_at else ModerationAction.DISMISS
    if target.hidden_at:
        target.hidden_at = None
        target.hidden_reason = ""
        target.save(update_fields=["hidden_at", "hidden_reason"])
        if comment is not None:
            _recount_comments(comment.proposal_id)
    target.reports.filter(handled_at__isnull=True).update(handled_at=timezone.now())
    _log(campaign, actor=by, action=action, proposal=proposal, comment=comment, reason=reason)


@transaction.atomic
def merge_proposals(
    sources: list[Proposal], *, by, into: Proposal | None = None, title="", body="", reason=""
) -> Proposal:
    """Merge duplicate proposals into `into` (one of them or another), or into a new proposal
    written by the moderator (`title`, `body`).

    The sources stay readable, marked « fusionnée », and link to the result; each distinct
    supporter of a source supports the result once (no double counting); authors are told.
    Side effects: saves states, `merged_into`, carried Supports (with `carried_from`), the
    result's support count, a Merge record, the moderators' log, one e-mail per source author.
    """
    if not sources:
        raise ValidationError(_("Choisissez au moins une proposition à fusionner."))
    campaign = sources[0].campaign
    permissions.can_moderate(by, campaign).check()
    if into is None:
        if not title.strip() or not body.strip():
            raise ValidationError(
                _("Donnez un titre et une description à la proposition fusionnée.")
            )
        into = Proposal.objects.create(
            campaign=campaign,
            author=by,
            title=title.strip(),
            body=body.strip(),
            theme=sources[0].theme,
            state=ProposalState.PUBLISHED,
            published_at=timezone.now(),
        )
    locked = {
        p.pk: p
        for p in Proposal.objects.select_for_update().filter(
            pk__in=[into.pk, *[s.pk for s in sources]]
        )
    }
    into = locked[into.pk]
    sources = [locked[s.pk] for s in sources if s.pk != into.pk]
    if not sources:
        raise ValidationError(_("Une proposition ne peut pas être fusionnée avec elle-même."))
    if into.state not in ACTIVE_STATES:
        raise ValidationError(_("La proposition d’arrivée doit être publiée ou en examen."))
    for source in sources:
        if source.campaign_id != campaign.pk:
            raise ValidationError(
                _("Seules des propositions d’une même consultation se fusionnent.")
            )
        transition(source, to=ProposalState.MERGED)
        source.merged_into = into
        source.save(update_fields=["merged_into"])
        already = Support.objects.filter(proposal=into).values("user_id")
        Support.objects.bulk_create(
            [
                Support(proposal=into, user_id=user_id, carried_from=source)
                for user_id in Support.objects.filter(proposal=source)
                .exclude(user_id__in=already)
                .values_list("user_id", flat=True)
            ],
            ignore_conflicts=True,
        )
    into.support_count = Support.objects.filter(proposal=into).count()
    into.save(update_fields=["support_count"])
    record = Merge.objects.create(target=into, by=by, reason=reason[:300])
    record.sources.set(sources)
    _log(campaign, actor=by, action=ModerationAction.MERGE, proposal=into, reason=reason)
    for source in sources:
        notify.proposal_merged(source, into=into, by=by)
    return into


def moderation_queue(campaign):
    """Reported contents not handled yet, most reported first: [(content, reports)]."""
    reports = (
        Report.objects.filter(handled_at__isnull=True)
        .filter(proposal__campaign=campaign)
        .select_related("proposal", "reporter")
        | Report.objects.filter(
            handled_at__isnull=True, comment__proposal__campaign=campaign
        ).select_related("comment__proposal", "reporter")
    ).order_by("created_at")
    grouped: dict = {}
    for item in reports:
        target = item.comment or item.proposal
        grouped.setdefault((type(target).__name__, target.pk), (target, []))[1].append(item)
    return sorted(grouped.values(), key=lambda pair: -len(pair[1]))
