"""Phases that open and close by themselves, audience rules, the proposal lifecycle."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from essaim.participation import permissions, services
from essaim.participation.enums import TRANSITIONS, Audience, PhaseKind, ProposalState
from essaim.participation.models import Phase, Proposal
from essaim.participation.permissions import Refused
from tests.accounts.factories import MembershipFactory, UserFactory
from tests.participation.factories import CampaignFactory, ProposalFactory

PARIS = ZoneInfo("Europe/Paris")
pytestmark = pytest.mark.django_db


def _nord_campaign(**kwargs):
    campaign = CampaignFactory(open_phases=False, **kwargs)
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.SUBMISSION,
        starts_at=datetime(2020, 10, 17, tzinfo=PARIS),
        ends_at=datetime(2020, 11, 1, tzinfo=PARIS),
    )
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.WORKSHOPS,
        starts_at=datetime(2020, 11, 23, tzinfo=PARIS),
        ends_at=datetime(2020, 12, 4, tzinfo=PARIS),
    )
    return campaign


def test_phases_open_and_close_with_the_clock(applicant):
    campaign = _nord_campaign()
    before = datetime(2020, 10, 16, 23, 59, tzinfo=PARIS)
    opening = datetime(2020, 10, 17, tzinfo=PARIS)
    last_minute = datetime(2020, 10, 31, 23, 59, tzinfo=PARIS)
    closed = datetime(2020, 11, 1, tzinfo=PARIS)
    assert not permissions.can_propose(applicant, campaign, at=before)
    assert permissions.can_propose(applicant, campaign, at=opening)
    assert permissions.can_propose(applicant, campaign, at=last_minute)
    verdict = permissions.can_propose(applicant, campaign, at=closed)
    assert not verdict
    assert "dépôt des propositions" in verdict.reason
    submission = campaign.phases.get(kind=PhaseKind.SUBMISSION)
    assert [submission.status(t) for t in (before, opening, closed)] == [
        "upcoming",
        "open",
        "closed",
    ]


def test_pages_follow_the_frozen_clock_across_phase_boundaries(client, applicant):
    """No `at=`: the real views read `timezone.now()`, frozen here on either side of the
    minute the submission phase closes and the minute the support phase opens."""
    campaign = CampaignFactory(open_phases=False)
    closes = datetime(2020, 10, 31, 18, 0, tzinfo=PARIS)
    opens = datetime(2020, 11, 2, 9, 0, tzinfo=PARIS)
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.SUBMISSION,
        starts_at=datetime(2020, 10, 17, tzinfo=PARIS),
        ends_at=closes,
    )
    Phase.objects.create(
        campaign=campaign,
        kind=PhaseKind.SUPPORT,
        starts_at=opens,
        ends_at=opens + timedelta(days=14),
    )
    other = ProposalFactory(campaign=campaign, published_at=datetime(2020, 10, 20, tzinfo=PARIS))
    propose = f"/consultations/{campaign.slug}/proposer/"
    support = f"{other.get_absolute_url()}soutien/"
    data = {"title": "Des réunions plus courtes", "body": "Trente minutes.", "action": "publish"}
    client.force_login(applicant)

    with time_machine.travel(closes - timedelta(minutes=1), tick=False):
        assert client.get(propose).status_code == 200
        assert client.post(propose, data).status_code == 302
        assert Proposal.objects.filter(title=data["title"]).exists()
        client.post(support)  # supports are not open yet
    assert other.supports.count() == 0

    with time_machine.travel(closes + timedelta(minutes=1), tick=False):
        response = client.get(propose)
        assert response.status_code == 403
        assert "dépôt des propositions" in response.content.decode()
        refused = client.post(propose, {**data, "title": "Une de trop"})
        assert refused.status_code == 403
        assert not Proposal.objects.filter(title="Une de trop").exists()

    with time_machine.travel(opens - timedelta(minutes=1), tick=False):
        page = client.post(support, follow=True).content.decode()
        assert "soutiens" in page.lower() and "pas ouverte" in page
    assert other.supports.count() == 0

    with time_machine.travel(opens, tick=False):
        client.post(support)
    assert other.supports.filter(user=applicant).count() == 1


def test_closed_submission_phase_refuses_a_proposal(applicant):
    campaign = _nord_campaign()
    with pytest.raises(Refused):
        services.save_proposal(
            campaign=campaign, author=applicant, data={"title": "t", "body": "b"}, publish=True
        )


def test_agent_only_campaign_refuses_a_citizen(organisation, agent, applicant):
    campaign = CampaignFactory(organisations=[organisation], audience=Audience.AGENTS)
    campaign.audience_organisations.set([organisation])
    assert permissions.can_propose(agent, campaign)
    verdict = permissions.can_propose(applicant, campaign)
    assert not verdict
    assert "réservée aux agents" in verdict.reason
    with pytest.raises(Refused):
        services.save_proposal(
            campaign=campaign, author=applicant, data={"title": "t", "body": "b"}, publish=True
        )


def test_agent_campaign_admits_an_address_of_the_domain(organisation):
    campaign = CampaignFactory(
        organisations=[organisation],
        audience=Audience.AGENTS,
        audience_email_domains="lenord.fr, @dinum.gouv.fr",
    )
    assert permissions.can_propose(UserFactory(email="a.b@lenord.fr"), campaign)
    assert permissions.can_propose(UserFactory(email="c.d@dinum.gouv.fr"), campaign)
    assert not permissions.can_propose(UserFactory(email="e.f@lenord.fr.example.com"), campaign)


def test_agent_of_another_organisation_is_refused(organisation, other_agent):
    campaign = CampaignFactory(organisations=[organisation], audience=Audience.AGENTS)
    campaign.audience_organisations.set([organisation])
    assert not permissions.can_propose(other_agent, campaign)


def test_anonymous_visitor_cannot_propose(campaign, django_user_model):
    from django.contrib.auth.models import AnonymousUser

    verdict = permissions.can_propose(AnonymousUser(), campaign)
    assert not verdict
    assert "Connectez-vous" in verdict.reason


def test_draft_is_kept_then_published(campaign, applicant):
    draft = services.save_proposal(
        campaign=campaign,
        author=applicant,
        data={"title": "Moins de papier", "body": "Des bons de commande en ligne."},
        publish=False,
    )
    assert draft.state == ProposalState.DRAFT
    assert not draft.is_public
    published = services.save_proposal(
        campaign=campaign, author=applicant, data={}, proposal=draft, publish=True
    )
    assert published.state == ProposalState.PUBLISHED
    assert published.published_at is not None


def test_editing_window_closes(campaign, applicant):
    proposal = ProposalFactory(campaign=campaign, author=applicant)
    window = timedelta(minutes=campaign.edit_window_minutes)
    assert permissions.can_edit_proposal(applicant, proposal)
    later = proposal.published_at + window + timedelta(seconds=1)
    verdict = permissions.can_edit_proposal(applicant, proposal, at=later)
    assert not verdict
    assert "délai de modification" in verdict.reason


def test_someone_else_cannot_edit_a_proposal(campaign, applicant, agent):
    proposal = ProposalFactory(campaign=campaign, author=applicant)
    assert not permissions.can_edit_proposal(agent, proposal)
    with pytest.raises(Refused):
        services.save_proposal(
            campaign=campaign, author=agent, data={"title": "x"}, proposal=proposal, publish=False
        )


def test_someone_else_cannot_withdraw_a_proposal(campaign, applicant, agent):
    proposal = ProposalFactory(campaign=campaign, author=applicant)
    with pytest.raises(Refused):
        services.withdraw_proposal(proposal, by=agent)
    assert services.withdraw_proposal(proposal, by=applicant).state == ProposalState.WITHDRAWN


@pytest.mark.parametrize("state", ProposalState.values)
def test_lifecycle_allows_only_written_transitions(state, campaign):
    for target in ProposalState.values:
        proposal = ProposalFactory(campaign=campaign, state=state)
        if target in TRANSITIONS[state]:
            assert services.transition(proposal, to=target).state == target
        else:
            with pytest.raises(ValidationError):
                services.transition(proposal, to=target)


def test_merged_and_withdrawn_are_final():
    assert TRANSITIONS[ProposalState.MERGED] == frozenset()
    assert TRANSITIONS[ProposalState.WITHDRAWN] == frozenset()


def test_moderators_are_editors_of_an_organiser(campaign, editor, agent, other_agent):
    assert permissions.can_moderate(editor, campaign)
    assert not permissions.can_moderate(agent, campaign)
    assert not permissions.can_moderate(other_agent, campaign)


def test_membership_of_an_admitted_organisation_counts(organisation, other_organisation):
    campaign = CampaignFactory(organisations=[organisation], audience=Audience.AGENTS)
    campaign.audience_organisations.set([organisation, other_organisation])
    member = MembershipFactory(organisation=other_organisation).user
    assert permissions.in_audience(member, campaign)
