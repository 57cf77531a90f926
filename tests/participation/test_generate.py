"""`essaim generate proposals|supports|comments`: the bench's data, consistent and searchable."""

import pytest
from django.core.management import call_command
from django.db.models import Count, F

from essaim.participation.generators import LOAD_SLUG
from essaim.participation.models import CampaignTerm, Comment, Proposal, ProposalTerm, Support
from essaim.participation.similar import similar_proposals

pytestmark = pytest.mark.django_db


def _generate():
    call_command("generate", "proposals", "--count", "400", "--seed", "5")
    call_command("generate", "supports", "--count", "4000", "--seed", "5")
    call_command("generate", "comments", "--count", "300", "--seed", "5")
    return Proposal.objects.filter(campaign__slug=LOAD_SLUG)


def test_generated_counters_agree_with_the_rows():
    proposals = _generate()
    assert proposals.count() == 400
    assert 3900 <= Support.objects.filter(proposal__in=proposals).count() <= 4000
    assert not proposals.annotate(n=Count("supports")).exclude(support_count=F("n")).exists()
    busy = proposals.annotate(n=Count("comments")).get(n=300)
    assert busy.support_count == max(p.support_count for p in proposals.active())
    assert (
        busy.comment_count == Comment.objects.filter(proposal=busy, hidden_at__isnull=True).count()
    )
    replies = Comment.objects.filter(proposal=busy, root__isnull=False)
    assert replies.count() > 150
    # A reply answers a comment of its own thread, whose root is a top-level comment.
    assert not replies.filter(root__root__isnull=False).exists()
    assert (
        not replies.exclude(parent_id=F("root_id")).exclude(parent__root_id=F("root_id")).exists()
    )


def test_generated_proposals_are_indexed_for_similarity():
    proposals = _generate()
    assert CampaignTerm.objects.get(campaign__slug=LOAD_SLUG, term="").documents == 400
    assert ProposalTerm.objects.filter(term="").count() == 400
    campaign = proposals.first().campaign
    found = similar_proposals(
        campaign=campaign, text="Faire circuler les visas en ligne plutôt que sur papier"
    )
    assert found
    assert any(word in found[0].title.lower() for word in ("parapheur", "sign", "valid", "visa"))
