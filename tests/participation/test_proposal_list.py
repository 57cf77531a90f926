"""The proposal list of a large campaign: counted up to a cap, filtered by theme and words."""

import pytest
from django.utils import timezone

from essaim.participation.enums import ProposalState
from essaim.participation.models import Proposal
from essaim.participation.queries import CappedPaginator, proposal_list
from tests.participation.factories import ParticipantFactory, ProposalFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_more_than_a_thousand_matches_are_announced_not_counted(client, campaign):
    author = ParticipantFactory()
    now = timezone.now()
    Proposal.objects.bulk_create(
        Proposal(
            campaign=campaign,
            author=author,
            title=f"Zéro papier n° {n}",
            body="Dématérialiser.",
            search_text=f"zero papier n {n} dematerialiser",
            state=ProposalState.PUBLISHED,
            published_at=now,
            support_count=n,
        )
        for n in range(CappedPaginator.CAP + 1)
    )
    response = client.get(campaign.get_absolute_url(), {"q": "papier"})
    assert "Plus de 1\u00a0000 propositions" in response.content.decode()
    assert response.context["page_obj"][0].support_count == CappedPaginator.CAP  # most supported
    response = client.get(campaign.get_absolute_url(), {"q": "papier n 999"})
    assert "1 proposition" in response.content.decode()


def test_theme_filter_keeps_only_that_theme_of_this_campaign(campaign):
    mine = ThemeFactory(campaign=campaign, slug="e-administration")
    other = ThemeFactory(slug="e-administration")  # same slug, another campaign
    kept = ProposalFactory(campaign=campaign, theme=mine)
    ProposalFactory(campaign=campaign)
    ProposalFactory(campaign=other.campaign, theme=other)
    assert list(proposal_list(campaign, theme="e-administration")) == [kept]
    assert list(proposal_list(campaign, theme="inconnu")) == []
