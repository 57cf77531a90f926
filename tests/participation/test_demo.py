"""The demonstration consultations load, twice without duplicates, and hold together."""

import pytest

from essaim.accounts import demo as accounts_demo
from essaim.participation import demo
from essaim.participation.enums import ProposalState
from essaim.participation.figures import campaign_figures
from essaim.participation.models import Campaign, Proposal, Space, Support

pytestmark = pytest.mark.django_db


def test_demo_loads_the_three_consultations_idempotently():
    accounts_demo.load()
    first = demo.load()
    assert "Simplificathon" in first
    proposals = Proposal.objects.count()
    supports = Support.objects.count()
    assert demo.load() == first
    assert (Proposal.objects.count(), Support.objects.count()) == (proposals, supports)

    nord = Campaign.objects.get(slug=demo.NORD_SLUG)
    assert nord.proposals.count() == 120
    assert nord.themes.count() == 4
    assert nord.subjects.count() == 4
    assert sum(s.workshops.count() for s in nord.subjects.all()) == 12
    assert (
        not nord.proposals.filter(answer__isnull=True).exclude(state=ProposalState.MERGED).exists()
    )
    merged = nord.proposals.get(state=ProposalState.MERGED)
    assert merged.merged_into.supports.count() == merged.merged_into.support_count
    assert campaign_figures(nord)["proposals"] == 120

    dinum = Campaign.objects.get(slug=demo.DINUM_SLUG)
    assert dinum.question == "À quelles données publiques rêvez-vous d’avoir accès ?"
    space = Space.objects.get(slug="citoyens-en-communs")
    assert space.campaigns.count() == 2
