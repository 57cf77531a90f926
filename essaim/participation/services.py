"""Every operation that changes a consultation's proposals and supports.

Comments, reports, moderation and merges: `discussion_services`; jury, answers, subjects:
`selection_services`. Every function is keyword-only after its subject, runs in one transaction
and lists its side effects. Refusals raise `permissions.Refused` with a French sentence.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.participation import notify, permissions
from essaim.participation.enums import ACTIVE_STATES, TRANSITIONS, ProposalState
from essaim.participation.models import Campaign, Proposal, Support

PROPOSAL_FIELDS = ("title", "body", "theme", "commune", "attachment", "anonymous")


def transition(proposal: Proposal, *, to: str) -> Proposal:
    """Move `proposal` to state `to` if the lifecycle allows it (enums.TRANSITIONS).

    Side effects: saves the proposal's state (and `published_at` on first publication).
    """
    if to not in TRANSITIONS[proposal.state]:
        raise ValidationError(
            _("Une proposition « %(current)s » ne peut pas devenir « %(target)s ».")
            % {
                "current": ProposalState(proposal.state).label,
                "target": ProposalState(to).label,
            }
        )
    proposal.state = to
    fields = ["state", "updated_at"]
    if to == ProposalState.PUBLISHED and proposal.published_at is None:
        proposal.published_at = timezone.now()
        fields.append("published_at")
    proposal.save(update_fields=[*fields, "search_text"])
    return proposal


@transaction.atomic
def save_proposal(
    *, campaign: Campaign, author, data: dict, proposal: Proposal | None = None, publish: bool
) -> Proposal:
    """Create or update `author`'s proposal from cleaned form `data`; publish it if asked.

    A draft is kept as long as the author wants (nothing is lost); once published, the author
    may still edit during the campaign's editing window.
    Side effects: saves the Proposal; publishing makes it public and subscribes the author to
    it (Follow) and records a « new proposal » notice for the campaign's followers.
    """
    permissions.can_propose(author, campaign).check()
    if proposal is None:
        proposal = Proposal(campaign=campaign, author=author)
    else:
        permissions.can_edit_proposal(author, proposal).check()
    for field in PROPOSAL_FIELDS:
        if field not in data:
            continue
        value = data[field]
        if field == "attachment":
            if value is None:
                continue  # no new file: keep the current one
            value = value or ""  # False: the author cleared it
        setattr(proposal, field, value)
    if proposal.theme_id and proposal.theme.campaign_id != campaign.pk:
        raise ValidationError(_("Choisissez un thème de cette consultation."))
    proposal.save()
    if publish and proposal.state == ProposalState.DRAFT:
        publish_draft(proposal)
    return proposal


def publish_draft(proposal: Proposal) -> Proposal:
    """Publish a draft (the caller has checked who may, and that submissions are open).

    Side effects: saves the state and `published_at`; subscribes the author to the proposal
    (Follow); records a « new proposal » notice for the campaign's followers.
    """
    transition(proposal, to=ProposalState.PUBLISHED)
    notify.follow(user=proposal.author, proposal=proposal)
    notify.proposal_published(proposal)
    return proposal


@transaction.atomic
def withdraw_proposal(proposal: Proposal, *, by) -> Proposal:
    """The author withdraws their proposal; it stays readable, marked « retirée ».

    Side effects: saves the state.
    """
    if by.pk != proposal.author_id:
        raise permissions.Refused(_("Seul l’auteur ou l’autrice peut retirer cette proposition."))
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    return transition(proposal, to=ProposalState.WITHDRAWN)


def supports_left(user, campaign: Campaign) -> int | None:
    """How many more proposals `user` may support in `campaign` (None: no limit).

    Supports carried over by a merge do not count: the person gave them once.
    """
    if campaign.supports_per_person is None:
        return None
    used = Support.objects.filter(
        user=user, proposal__campaign=campaign, carried_from__isnull=True
    ).count()
    return max(campaign.supports_per_person - used, 0)


def support(proposal: Proposal, *, user) -> Support:
    """`user` supports `proposal`, once: a second click, a double submission or a concurrent
    request from the same person changes nothing.

    Concurrency: the person's row is locked (SELECT … FOR UPDATE) so the per-campaign limit holds
    under parallel requests; the unique constraint (proposal, user) forbids doubles; the counter
    is incremented in SQL (`F() + 1`), so 100 simultaneous supporters count 100.
    Side effects: saves a Support, increments `Proposal.support_count`, records a « support »
    notice (the author and followers hear of it, at once or in their digest).
    """
    permissions.can_support(user, proposal).check()
    with transaction.atomic():
        User.objects.select_for_update().filter(pk=user.pk).first()
        existing = Support.objects.filter(proposal=proposal, user=user).first()
        if existing:
            return existing
        locked = Proposal.objects.select_for_update().get(pk=proposal.pk)
        if locked.state not in ACTIVE_STATES or locked.hidden_at:
            raise permissions.Refused(_("Cette proposition ne peut plus être soutenue."))
        left = supports_left(user, proposal.campaign)
        if left == 0:
            raise permissions.Refused(
                _(
                    "Vous avez déjà utilisé vos %(limit)s soutiens dans cette consultation : "
                    "retirez-en un pour soutenir cette proposition."
                )
                % {"limit": proposal.campaign.supports_per_person}
            )
        try:
            with transaction.atomic():
                created = Support.objects.create(proposal=locked, user=user)
        except IntegrityError:
            return Support.objects.get(proposal=proposal, user=user)
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") + 1)
        notify.proposal_supported(locked, by=user)
    return created


@transaction.atomic
def withdraw_support(proposal: Proposal, *, user) -> bool:
    """`user` withdraws their support. Returns False if there was none.

    Side effects: deletes the Support, decrements `Proposal.support_count`.
    """
    permissions.can_support(user, proposal).check()
    User.objects.select_for_update().filter(pk=user.pk).first()
    deleted, _rows = Support.objects.filter(proposal=proposal, user=user).delete()
    if deleted:
        Proposal.objects.filter(pk=proposal.pk).update(support_count=F("support_count") - 1)
    return bool(deleted)
