"""Jury, conflicts of interest, scores, decisions, public answers, subjects and workshops.

Every function is keyword-only after its subject, runs in one transaction and lists its side
effects. Refusals raise `permissions.Refused` with a French sentence.
"""

from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from essaim.participation import notify, permissions
from essaim.participation.enums import ANSWER_STATE, ModerationAction
from essaim.participation.models import (
    Answer,
    Conflict,
    Criterion,
    JuryMember,
    ModerationLog,
    Proposal,
    Score,
    Subject,
    Workshop,
)
from essaim.participation.services import transition


@transaction.atomic
def appoint_juror(campaign, *, user, by) -> JuryMember:
    """A moderator names `user` on the jury. Side effects: saves a JuryMember (idempotent)."""
    permissions.can_moderate(by, campaign).check()
    juror, _created = JuryMember.objects.get_or_create(campaign=campaign, user=user)
    return juror


@transaction.atomic
def declare_conflict(proposal: Proposal, *, by, reason: str) -> Conflict:
    """A juror declares a tie to `proposal`: they will not score it; their scores on it go.

    Side effects: saves a Conflict, deletes the juror's scores of this proposal.
    """
    seat = permissions.juror_seat(by, proposal.campaign)
    if seat is None:
        permissions.can_judge(by, proposal.campaign).check()
    if not (reason or "").strip():
        raise ValidationError(_("Précisez votre lien avec cette proposition."))
    conflict, _created = Conflict.objects.get_or_create(
        juror=seat, proposal=proposal, defaults={"reason": reason.strip()[:300]}
    )
    Score.objects.filter(juror=seat, proposal=proposal).delete()
    return conflict


class Tie(NamedTuple):
    """Why a juror does not score a proposal: `declared` by them, or found by `ties`."""

    reason: str
    declared: bool


def ties(jurors, proposals) -> dict[tuple[int, int], Tie]:
    """Conflicts of interest, the rule in one place: {(juror id, proposal id): Tie}.

    A juror is tied to a proposal they declared a conflict on, and, without declaring
    anything, to a proposal they wrote or that absorbed, by a merge, a proposal they wrote
    (authorship is known to the platform even when the proposal is shown anonymously).
    """
    seats = {juror.user_id: juror.pk for juror in jurors}
    ids = [p.pk for p in proposals]
    found = {}
    authored = [(p.pk, p.author_id) for p in proposals]
    authored += Proposal.objects.filter(merged_into_id__in=ids).values_list(
        "merged_into_id", "author_id"
    )
    for proposal_id, author_id in authored:
        if author_id in seats:
            found[seats[author_id], proposal_id] = Tie(
                _(
                    "vous êtes l’auteur ou l’autrice de cette proposition ou d’une proposition "
                    "fusionnée dans celle-ci"
                ),
                declared=False,
            )
    for juror_id, proposal_id, reason in Conflict.objects.filter(
        juror_id__in=list(seats.values()), proposal_id__in=ids
    ).values_list("juror_id", "proposal_id", "reason"):
        found[juror_id, proposal_id] = Tie(reason, declared=True)
    return found


def tie(seat: JuryMember, proposal: Proposal) -> Tie | None:
    """`seat`'s conflict of interest on `proposal` (see `ties`), or None."""
    return ties([seat], [proposal]).get((seat.pk, proposal.pk))


@transaction.atomic
def score(proposal: Proposal, *, by, criterion: Criterion, value: int) -> Score:
    """A juror gives `value` (0 to the criterion's maximum) to `proposal` on `criterion`.

    Refused outside the campaign's « sélection » phase (`permissions.can_score`) and when
    the juror has a conflict of interest on this proposal (`ties`).
    Side effects: saves (creates or replaces) one Score.
    """
    permissions.can_score(by, proposal.campaign).check()
    seat = permissions.juror_seat(by, proposal.campaign)
    conflict = tie(seat, proposal)
    if conflict is not None:
        raise permissions.Refused(
            _(
                "Vous avez un conflit d’intérêts sur cette proposition (%(reason)s) : "
                "vous ne la notez pas."
            )
            % {"reason": conflict.reason}
        )
    if criterion.campaign_id != proposal.campaign_id:
        raise ValidationError(_("Ce critère n’appartient pas à cette consultation."))
    if not 0 <= value <= criterion.max_score:
        raise ValidationError(
            _("Donnez une note entre 0 et %(max)s pour « %(name)s ».")
            % {"max": criterion.max_score, "name": criterion.name}
        )
    found, _created = Score.objects.update_or_create(
        juror=seat, proposal=proposal, criterion=criterion, defaults={"value": value}
    )
    return found


def average(values) -> float | None:
    """The mean of `values`, leaving out the None ones, to one decimal; None if none is left.

    The one definition of the jury's averages: per criterion, and of the jurors' totals.
    """
    given = [value for value in values if value is not None]
    return round(sum(given) / len(given), 1) if given else None


class JurorScores(NamedTuple):
    """One juror's scores of one proposal: `values` follows the campaign's criteria (None: not
    scored), `total` sums them (None: nothing scored). With a `conflict` (`ties`), there are
    no values and no total, even if they scored before the conflict was known."""

    juror: JuryMember
    conflict: bool
    values: list[int | None]
    total: int | None


class ProposalScores(NamedTuple):
    """The jury's scores of one proposal, juror by juror and criterion by criterion.

    `averages` follows the criteria, `average` is that of the totals; jurors with a conflict
    and criteria not scored count in no average.
    """

    proposal: Proposal
    jurors: list[JurorScores]
    averages: list[float | None]
    average: float | None


def proposal_scores(campaign, proposals, *, jurors=None, criteria=None) -> list[ProposalScores]:
    """Each juror's score on each criterion for each of `proposals`, with the averages.

    `jurors` and `criteria` default to the campaign's (in their order); two queries, whatever
    the number of proposals, plus those of `ties`.
    """
    if jurors is None:
        jurors = list(campaign.jurors.select_related("user").order_by("pk"))
    if criteria is None:
        criteria = list(campaign.criteria.all())
    ids = [p.pk for p in proposals]
    given = {
        (juror_id, proposal_id, criterion_id): value
        for juror_id, proposal_id, criterion_id, value in Score.objects.filter(
            proposal_id__in=ids, juror__in=jurors
        ).values_list("juror_id", "proposal_id", "criterion_id", "value")
    }
    conflicts = ties(jurors, proposals)
    found = []
    for proposal in proposals:
        scores = []
        for juror in jurors:
            if (juror.pk, proposal.pk) in conflicts:
                scores.append(JurorScores(juror, True, [], None))
                continue
            values = [given.get((juror.pk, proposal.pk, c.pk)) for c in criteria]
            scored = [v for v in values if v is not None]
            scores.append(JurorScores(juror, False, values, sum(scored) if scored else None))
        counted = [s for s in scores if not s.conflict]
        found.append(
            ProposalScores(
                proposal,
                scores,
                [average(s.values[i] for s in counted) for i in range(len(criteria))],
                average(s.total for s in counted),
            )
        )
    return found


def scoring_grid(campaign, proposals):
    """Scores side by side: for each proposal, each juror's total, conflicts and the average.

    Returns (jurors, rows) where a row is a dict: proposal, cells (one per juror: total or
    "conflict" or None), average of the jurors' totals. A juror with a conflict (`ties`,
    declared or authorship) shows "conflict" and counts in no average, even if they scored
    before the conflict was known. Read from `proposal_scores`, where the rule lives.
    """
    jurors = list(campaign.jurors.select_related("user").order_by("pk"))
    rows = [
        {
            "proposal": found.proposal,
            "cells": ["conflict" if s.conflict else s.total for s in found.jurors],
            "average": found.average,
        }
        for found in proposal_scores(campaign, proposals, jurors=jurors)
    ]
    return jurors, rows


def _check_reason(text: str) -> None:
    if not (text or "").strip():
        raise ValidationError(_("Expliquez la réponse : le motif est public et aide l’auteur."))


@transaction.atomic
def answer_proposal(proposal: Proposal, *, by, kind: str, text: str) -> Answer:
    """The organisers' (or jury's) public answer to `proposal`: retenue, à l’étude, non retenue,
    with the reason. The proposal's state follows the answer.

    Side effects: saves the Answer and the proposal's state, writes the moderators' log,
    e-mails the author.
    """
    permissions.can_moderate(by, proposal.campaign).check()
    _check_reason(text)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    target = ANSWER_STATE[kind]
    if proposal.state != target:
        transition(proposal, to=target)
    answer, _created = Answer.objects.update_or_create(
        proposal=proposal, defaults={"kind": kind, "text": text.strip(), "decided_by": by}
    )
    ModerationLog.objects.create(
        campaign=proposal.campaign,
        actor=by,
        action=ModerationAction.STATE,
        proposal=proposal,
        reason=answer.get_kind_display(),
    )
    notify.proposal_answered(proposal, by=by)
    return answer


class BulkAnswer(NamedTuple):
    """What `answer_proposals` did: the proposals answered, and those skipped with why."""

    answered: list[Proposal]
    skipped: list[tuple[Proposal, str]]


@transaction.atomic
def answer_proposals(campaign, *, proposals, by, kind: str, text: str) -> BulkAnswer:
    """The same public answer (kind and reason) to several proposals of `campaign`, all or
    nothing: each goes through `answer_proposal`, where the rule lives.

    A proposal that already has an answer is skipped, with the reason (an answer is changed
    one proposal at a time, on its own page); so a form sent twice changes nothing the second
    time. If `answer_proposal` refuses one proposal (say, merged in the meantime), nothing is
    applied: the ValidationError names it.
    Side effects: those of `answer_proposal` for each proposal answered (Answer, state,
    moderators' log, the author's notice and e-mail once the transaction commits).
    """
    permissions.can_moderate(by, campaign).check()
    _check_reason(text)
    ids = sorted({p.pk for p in proposals})
    if not ids:
        raise ValidationError(_("Cochez au moins une proposition."))
    # Locked in one order, so that two moderators' batches cannot wait on each other.
    locked = list(
        Proposal.objects.select_for_update().filter(campaign=campaign, pk__in=ids).order_by("pk")
    )
    if len(locked) != len(ids):
        raise ValidationError(
            _("Une des propositions cochées n’appartient pas à cette consultation.")
        )
    existing = {a.proposal_id: a for a in Answer.objects.filter(proposal_id__in=ids)}
    answered, skipped = [], []
    for proposal in locked:
        proposal.campaign = campaign  # its organisations are already read: no query per row
        previous = existing.get(proposal.pk)
        if previous is not None:
            skipped.append((proposal, _skip_reason(previous, kind=kind, text=text)))
            continue
        try:
            answer_proposal(proposal, by=by, kind=kind, text=text)
        except ValidationError as error:
            raise ValidationError(
                _("« %(title)s » : %(reason)s Aucune réponse n’a été publiée.")
                % {"title": proposal.title, "reason": " ".join(error.messages)}
            ) from error
        answered.append(proposal)
    return BulkAnswer(answered, skipped)


def _skip_reason(previous: Answer, *, kind: str, text: str) -> str:
    if previous.kind == kind and previous.text == text.strip():
        return _("elle avait déjà cette réponse")
    return _("elle avait déjà la réponse « %(kind)s », à changer sur sa page") % {
        "kind": previous.get_kind_display()
    }


@transaction.atomic
def create_subject(
    campaign, *, by, title: str, proposals=(), description="", position=0
) -> Subject:
    """A selected subject built from retained proposals. Side effects: saves a Subject."""
    permissions.can_moderate(by, campaign).check()
    subject = Subject.objects.create(
        campaign=campaign, title=title, description=description, position=position
    )
    subject.proposals.set([p for p in proposals if p.campaign_id == campaign.pk])
    return subject


@transaction.atomic
def add_workshop(subject: Subject, *, by, **fields) -> Workshop:
    """A workshop of `subject` (title, starts_at, place, event_url, minutes).

    Side effects: saves a Workshop.
    """
    permissions.can_moderate(by, subject.campaign).check()
    return Workshop.objects.create(subject=subject, **fields)


@transaction.atomic
def link_initiative(subject: Subject, *, by, initiative) -> Subject:
    """Follow-up: the Catalogue initiative born from `subject`. Side effects: saves the Subject."""
    permissions.can_moderate(by, subject.campaign).check()
    subject.initiative = initiative
    subject.save(update_fields=["initiative"])
    return subject
