"""Jury scores with conflicts of interest, public answers, subjects and their follow-up."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.participation import selection_services as selection
from essaim.participation.enums import AnswerKind, ProposalState
from essaim.participation.models import Score
from essaim.participation.permissions import Refused
from tests.participation.factories import CriterionFactory, JurorFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury(campaign):
    criteria = [
        CriterionFactory(campaign=campaign, name="Utilité"),
        CriterionFactory(campaign=campaign, name="Faisabilité"),
    ]
    return criteria, JurorFactory(campaign=campaign), JurorFactory(campaign=campaign)


def test_juror_scores_and_the_grid_shows_scores_side_by_side(campaign, jury):
    (useful, feasible), first, second = jury
    proposal = ProposalFactory(campaign=campaign)
    selection.score(proposal, by=first.user, criterion=useful, value=4)
    selection.score(proposal, by=first.user, criterion=feasible, value=3)
    selection.score(proposal, by=second.user, criterion=useful, value=5)
    selection.score(proposal, by=second.user, criterion=useful, value=2)  # replaces the 5
    jurors, rows = selection.scoring_grid(campaign, [proposal])
    assert jurors == [first, second]
    assert rows[0]["cells"] == [7, 2]
    assert rows[0]["average"] == 4.5


def test_juror_cannot_score_a_proposal_they_declared_a_conflict_on(campaign, jury):
    (useful, _feasible), first, _second = jury
    proposal = ProposalFactory(campaign=campaign)
    selection.score(proposal, by=first.user, criterion=useful, value=4)
    selection.declare_conflict(proposal, by=first.user, reason="J’en suis l’auteur")
    assert not Score.objects.filter(juror=first).exists()  # earlier scores are withdrawn
    with pytest.raises(Refused, match="conflit d’intérêts"):
        selection.score(proposal, by=first.user, criterion=useful, value=5)
    _jurors, rows = selection.scoring_grid(campaign, [proposal])
    assert rows[0]["cells"] == ["conflict", None]


def test_score_out_of_range_says_the_range(campaign, jury):
    (useful, _feasible), first, _second = jury
    with pytest.raises(ValidationError, match="entre 0 et 5"):
        selection.score(
            ProposalFactory(campaign=campaign), by=first.user, criterion=useful, value=9
        )


def test_non_juror_cannot_score(campaign, jury, editor, applicant):
    (useful, _feasible), _first, _second = jury
    proposal = ProposalFactory(campaign=campaign)
    for person in (editor, applicant):
        with pytest.raises(Refused, match="membres du jury"):
            selection.score(proposal, by=person, criterion=useful, value=3)
        with pytest.raises(Refused):
            selection.declare_conflict(proposal, by=person, reason="x")


def test_answer_sets_state_and_tells_the_author(
    campaign, editor, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        answer = selection.answer_proposal(
            proposal, by=editor, kind=AnswerKind.SELECTED, text="Retenue par le jury."
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SELECTED
    assert answer.get_kind_display() == "Retenue"
    assert len(mail.outbox) == 1 and "retenue" in mail.outbox[0].body
    selection.answer_proposal(proposal, by=editor, kind=AnswerKind.STUDY, text="À l’étude.")
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.REVIEW


def test_answer_without_reason_is_refused(campaign, editor):
    with pytest.raises(ValidationError, match="Expliquez"):
        selection.answer_proposal(
            ProposalFactory(campaign=campaign), by=editor, kind=AnswerKind.REJECTED, text=""
        )


def test_only_moderators_answer_and_build_subjects(campaign, agent, applicant):
    proposal = ProposalFactory(campaign=campaign)
    for person in (agent, applicant):
        with pytest.raises(Refused):
            selection.answer_proposal(proposal, by=person, kind=AnswerKind.SELECTED, text="x")
        with pytest.raises(Refused):
            selection.create_subject(campaign, by=person, title="Sujet")


def test_subject_with_workshops(campaign, editor):
    proposal = ProposalFactory(campaign=campaign, state=ProposalState.SELECTED)
    subject = selection.create_subject(
        campaign, by=editor, title="Aides d’urgence en UTPAS", proposals=[proposal]
    )
    selection.add_workshop(
        subject, by=editor, title="Atelier 1", starts_at=timezone.now() + timedelta(days=3)
    )
    assert list(subject.proposals.all()) == [proposal]
    assert subject.workshops.count() == 1


def test_a_juror_who_wrote_a_proposal_has_a_conflict_without_declaring_it(campaign, jury, editor):
    """Authorship is an automatic conflict, also through a merge and when the proposal is
    shown anonymously; the grid shows it like a declared one and leaves it out of averages."""
    from essaim.participation import discussion_services

    (useful, _feasible), first, second = jury
    own = ProposalFactory(campaign=campaign, author=first.user, anonymous=True)
    written = ProposalFactory(campaign=campaign, author=second.user)
    target = ProposalFactory(campaign=campaign)
    selection.score(target, by=second.user, criterion=useful, value=1)  # before the merge
    selection.score(target, by=first.user, criterion=useful, value=5)
    with pytest.raises(Refused, match=r"conflit d’intérêts .*l’auteur ou l’autrice"):
        selection.score(own, by=first.user, criterion=useful, value=5)
    discussion_services.merge_proposals([written], into=target, by=editor, reason="Doublon")
    with pytest.raises(Refused, match="conflit d’intérêts"):
        selection.score(target, by=second.user, criterion=useful, value=5)
    selection.score(own, by=second.user, criterion=useful, value=3)
    _jurors, rows = selection.scoring_grid(campaign, [own, target])
    assert [row["cells"] for row in rows] == [["conflict", 3], [5, "conflict"]]
    assert [row["average"] for row in rows] == [3, 5]  # the earlier score of 1 is left out
    assert not Score.objects.filter(juror=first, proposal=own).exists()
