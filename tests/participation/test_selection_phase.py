"""The jury scores only while the « sélection » phase is open (frozen clock): refused before
with the opening date, refused after with the closing date; the jury's pages say so."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from essaim.participation import permissions
from essaim.participation import selection_services as selection
from essaim.participation.enums import AnswerKind, PhaseKind, ProposalState
from essaim.participation.models import Phase, Score
from essaim.participation.permissions import Refused
from tests.participation.factories import (
    CampaignFactory,
    CriterionFactory,
    JurorFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")
# The Simplificathon du Nord: proposals until 6 November 2020, the jury from the 9th to the 20th.
OPENS = datetime(2020, 11, 9, 9, 0, tzinfo=PARIS)
CLOSES = datetime(2020, 11, 20, 18, 0, tzinfo=PARIS)


def _frozen(moment):
    return time_machine.travel(moment, tick=False)


@pytest.fixture
def nord(organisation):
    campaign = CampaignFactory(organisations=[organisation], open_phases=False)
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.SUBMISSION,
        starts_at=datetime(2020, 10, 17, tzinfo=PARIS),
        ends_at=datetime(2020, 11, 6, 18, 0, tzinfo=PARIS),
    )
    Phase.objects.create(
        campaign=campaign, kind=PhaseKind.SELECTION, starts_at=OPENS, ends_at=CLOSES
    )
    return {
        "campaign": campaign,
        "criterion": CriterionFactory(campaign=campaign, name="Utilité"),
        "juror": JurorFactory(campaign=campaign),
        "proposal": ProposalFactory(campaign=campaign, title="Un parapheur électronique"),
    }


def test_scoring_opens_and_closes_with_the_selection_phase(nord):
    _campaign, criterion, juror, proposal = nord.values()

    with _frozen(OPENS - timedelta(minutes=1)):
        with pytest.raises(Refused) as refused:
            selection.score(proposal, by=juror.user, criterion=criterion, value=4)
        reason = str(refused.value)
        assert "La notation du jury n’est pas encore ouverte" in reason
        assert "elle ouvre le 9 novembre 2020 à 09:00" in reason
        assert "«\u00a0Sélection\u00a0»" in reason
        assert "se ferme le 20 novembre 2020 à 18:00" in reason
    assert not Score.objects.exists()

    with _frozen(OPENS):
        selection.score(proposal, by=juror.user, criterion=criterion, value=4)
    with _frozen(CLOSES - timedelta(minutes=1)):
        selection.score(proposal, by=juror.user, criterion=criterion, value=5)
    assert Score.objects.get().value == 5

    with _frozen(CLOSES):
        with pytest.raises(Refused, match="La notation du jury est close") as refused:
            selection.score(proposal, by=juror.user, criterion=criterion, value=1)
        assert "s’est terminée le 20 novembre 2020 à 18:00" in str(refused.value)
    assert Score.objects.get().value == 5


def test_the_rule_lives_with_the_other_phase_rules(nord):
    campaign, _criterion, juror, _proposal = nord.values()
    assert not permissions.can_score(juror.user, campaign, at=OPENS - timedelta(seconds=1))
    assert permissions.can_score(juror.user, campaign, at=OPENS)
    assert not permissions.can_score(juror.user, campaign, at=CLOSES)
    verdict = permissions.can_score(ProposalFactory(campaign=campaign).author, campaign, at=OPENS)
    assert not verdict and "membres du jury" in verdict.reason  # the jury first, then the date


def test_jury_pages_say_when_scoring_opens_and_refuse_early_scores(client, nord):
    campaign, criterion, juror, proposal = nord.values()
    grid = f"/consultations/{campaign.slug}/jury/"
    score = f"/consultations/{campaign.slug}/propositions/{proposal.pk}/notation/"
    client.force_login(juror.user)

    with _frozen(OPENS - timedelta(days=3)):
        page = client.get(grid).content.decode()
        assert "elle ouvre le 9 novembre 2020 à 09:00" in page
        assert "Notation ouverte" not in page
        page = client.get(score).content.decode()
        assert "n’est pas encore ouverte" in page
        assert f'name="criterion-{criterion.pk}"' not in page  # no form to fill in vain
        assert "Déclarer un conflit d’intérêts" in page  # best declared before scoring
        response = client.post(score, {f"criterion-{criterion.pk}": "4"})
        assert response.status_code == 403
        assert "elle ouvre le 9 novembre 2020 à 09:00" in response.content.decode()
    assert not Score.objects.exists()

    with _frozen(OPENS + timedelta(hours=1)):
        page = client.get(grid).content.decode()
        assert "Notation ouverte" in page
        assert "jusqu’au 20 novembre 2020 à 18:00" in page
        response = client.post(score, {f"criterion-{criterion.pk}": "4"})
        assert response.status_code == 302
    assert Score.objects.get().value == 4

    with _frozen(CLOSES + timedelta(days=1)):
        page = client.get(grid).content.decode()
        assert "La notation du jury est close" in page
        assert "<td>4</td>" in page.replace(" ", "").replace("\n", "")  # the scores stay
        response = client.post(score, {f"criterion-{criterion.pk}": "1"})
        assert response.status_code == 403
        assert "s’est terminée le 20 novembre 2020 à 18:00" in response.content.decode()
    assert Score.objects.get().value == 4


def test_a_conflict_can_be_declared_before_scoring_opens(nord):
    campaign, _criterion, juror, proposal = nord.values()
    with _frozen(OPENS - timedelta(days=3)):
        selection.declare_conflict(proposal, by=juror.user, reason="Mon équipe l’a écrite")
    _jurors, rows = selection.scoring_grid(campaign, [proposal])
    assert rows[0]["cells"] == ["conflict"]


def test_a_campaign_without_selection_phase_scores_at_any_time(organisation):
    campaign = CampaignFactory(organisations=[organisation], open_phases=False)
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.SUBMISSION,
        starts_at=datetime(2020, 11, 1, tzinfo=PARIS),
        ends_at=datetime(2020, 12, 1, tzinfo=PARIS),
    )
    criterion = CriterionFactory(campaign=campaign)
    juror = JurorFactory(campaign=campaign)
    proposal = ProposalFactory(campaign=campaign)
    with _frozen(datetime(2021, 2, 1, tzinfo=PARIS)):
        selection.score(proposal, by=juror.user, criterion=criterion, value=3)
    assert Score.objects.get().value == 3


def test_public_answers_are_given_after_the_selection_too(nord, editor):
    """The decision is the public answer: every proposal gets one, during the restitution as
    well, so it is not tied to the selection phase (only scoring is)."""
    _campaign, _criterion, _juror, proposal = nord.values()
    with _frozen(CLOSES + timedelta(days=20)):
        selection.answer_proposal(
            proposal, by=editor, kind=AnswerKind.SELECTED, text="Retenue : trois ateliers."
        )
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.SELECTED
