"""Who hears about what: follows, each person's e-mail frequency, and the events to tell.

Services call the hooks below (`proposal_published`, `proposal_supported`, …); each records one
`Notice` and, once the transaction commits, enqueues the task that e-mails the people who chose
immediate e-mails. Daily and weekly digests gather the rest (`digests.py`, run by the
`send_consultation_digests` command). Authors follow their proposal on publication, and hear
about its answer or merge at once unless they chose « aucun courriel ».
"""

from django.db import transaction

from essaim.participation.enums import NoticeKind
from essaim.participation.models import EmailPreference, Follow, Notice


def preference_of(user) -> EmailPreference:
    """`user`'s e-mail preference, created with the default (daily) on first need."""
    found, _created = EmailPreference.objects.get_or_create(user=user)
    return found


def set_frequency(user, frequency: str) -> EmailPreference:
    """Side effects: saves `user`'s e-mail frequency (none, immediate, daily, weekly)."""
    preference = preference_of(user)
    if preference.frequency != frequency:
        preference.frequency = frequency
        preference.save(update_fields=["frequency"])
    return preference


def follow(*, user, campaign=None, proposal=None) -> Follow:
    """Subscribe `user` to a campaign or a proposal (idempotent).

    Side effects: saves a Follow, and the person's EmailPreference if they had none.
    """
    preference_of(user)
    target = {"campaign": campaign} if campaign is not None else {"proposal": proposal}
    found, _created = Follow.objects.get_or_create(user=user, **target)
    return found


def unfollow(*, user, campaign=None, proposal=None) -> bool:
    """Side effects: deletes the Follow, if any. Returns whether there was one."""
    target = {"campaign": campaign} if campaign is not None else {"proposal": proposal}
    deleted, _rows = Follow.objects.filter(user=user, **target).delete()
    return bool(deleted)


def follows_of(user):
    return (
        Follow.objects.filter(user=user)
        .select_related("campaign", "proposal__campaign")
        .order_by("-created_at", "-pk")
    )


def is_following(user, *, campaign=None, proposal=None) -> bool:
    if not user.is_authenticated:
        return False
    target = {"campaign": campaign} if campaign is not None else {"proposal": proposal}
    return Follow.objects.filter(user=user, **target).exists()


def record(kind: str, *, campaign, proposal=None, actor=None, detail: str = "") -> Notice:
    """Record one event worth telling.

    Side effects: saves a Notice; on commit, enqueues the immediate e-mails task.
    """
    from essaim.participation.digests import send_immediate_notices

    notice = Notice.objects.create(
        campaign=campaign, proposal=proposal, kind=kind, actor=actor, detail=detail[:200]
    )
    transaction.on_commit(lambda: send_immediate_notices.enqueue(notice_id=notice.pk))
    return notice


def proposal_published(proposal) -> None:
    """Side effects: records a « new proposal » notice (for the campaign's followers)."""
    record(
        NoticeKind.PROPOSAL, campaign=proposal.campaign, proposal=proposal, actor=proposal.author
    )


def proposal_supported(proposal, *, by) -> None:
    """Side effects: records a « support » notice (the author and the proposal's followers)."""
    record(NoticeKind.SUPPORT, campaign=proposal.campaign, proposal=proposal, actor=by)


def comment_posted(comment) -> None:
    proposal = comment.proposal
    record(NoticeKind.COMMENT, campaign=proposal.campaign, proposal=proposal, actor=comment.author)


def proposal_answered(proposal, *, by=None) -> None:
    """Side effects: records an « answer » notice; the author hears at once."""
    record(
        NoticeKind.ANSWER,
        campaign=proposal.campaign,
        proposal=proposal,
        actor=by,
        detail=str(proposal.answer.get_kind_display()).lower(),
    )


def proposal_merged(proposal, *, into, by=None) -> None:
    """Side effects: records a « merge » notice on the merged proposal; the author hears at once."""
    record(
        NoticeKind.MERGE,
        campaign=proposal.campaign,
        proposal=proposal,
        actor=by,
        detail=f"{into.pk}:{into.title}"[:200],
    )
