"""Comments (threads, keyset pages), reports, moderation and merges."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from essaim.participation import discussion_services as discussion
from essaim.participation import services
from essaim.participation.enums import ModerationAction, ProposalState
from essaim.participation.models import Merge, ModerationLog, Proposal, Support
from essaim.participation.permissions import Refused
from tests.participation.factories import (
    CampaignFactory,
    CommentFactory,
    ParticipantFactory,
    ProposalFactory,
)

pytestmark = pytest.mark.django_db


def test_thread_replies_hang_under_their_root(campaign, applicant, agent):
    proposal = ProposalFactory(campaign=campaign)
    root = discussion.post_comment(proposal, author=applicant, body="Bonne idée")
    reply = discussion.post_comment(proposal, author=agent, body="D’accord", parent=root)
    answer = discussion.post_comment(proposal, author=applicant, body="Merci", parent=reply)
    assert (reply.root_id, answer.root_id) == (root.pk, root.pk)
    threads, cursor = discussion.comment_page(proposal)
    assert threads == [root]
    assert threads[0].shown_replies == [reply, answer]
    assert cursor is None
    proposal.refresh_from_db()
    assert proposal.comment_count == 3


def test_comment_pages_follow_each_other_by_cursor(campaign):
    proposal = ProposalFactory(campaign=campaign)
    author = ParticipantFactory()
    comments = CommentFactory.create_batch(45, proposal=proposal, author=author)
    first, cursor = discussion.comment_page(proposal)
    second, cursor2 = discussion.comment_page(proposal, after=cursor)
    third, cursor3 = discussion.comment_page(proposal, after=cursor2)
    assert [c.pk for c in first + second + third] == [c.pk for c in comments]
    assert cursor3 is None


def test_comment_page_costs_two_queries_whatever_the_page(campaign, django_assert_num_queries):
    proposal = ProposalFactory(campaign=campaign)
    author = ParticipantFactory()
    CommentFactory.create_batch(30, proposal=proposal, author=author)
    with django_assert_num_queries(2):
        discussion.comment_page(proposal, after=20)


def test_empty_comment_says_what_to_do(campaign, applicant):
    with pytest.raises(ValidationError, match="Écrivez votre commentaire"):
        discussion.post_comment(ProposalFactory(campaign=campaign), author=applicant, body="  ")


def test_reports_hide_a_comment_after_the_threshold(campaign):
    comment = CommentFactory(proposal=ProposalFactory(campaign=campaign))
    reporters = ParticipantFactory.create_batch(3)
    assert discussion.report(by=reporters[0], reason="insulte", comment=comment)
    assert not discussion.report(by=reporters[0], reason="encore", comment=comment)
    discussion.report(by=reporters[1], reason="insulte", comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    discussion.report(by=reporters[2], reason="insulte", comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is not None
    entry = ModerationLog.objects.get(comment=comment)
    assert entry.action == ModerationAction.AUTO_HIDE and entry.actor is None
    threads, _cursor = discussion.comment_page(comment.proposal)
    assert threads == [comment] and threads[0].hidden_at is not None  # shown as a notice
    comment.proposal.refresh_from_db()
    assert comment.proposal.comment_count == 0


def test_moderator_hides_with_a_reason_and_restores(campaign, editor):
    comment = CommentFactory(proposal=ProposalFactory(campaign=campaign))
    with pytest.raises(ValidationError, match="motif"):
        discussion.hide(by=editor, reason="", comment=comment)
    discussion.hide(by=editor, reason="Propos injurieux", comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_reason == "Propos injurieux"
    discussion.restore(by=editor, comment=comment)
    comment.refresh_from_db()
    assert comment.hidden_at is None
    assert list(ModerationLog.objects.values_list("action", flat=True)) == [
        ModerationAction.RESTORE,
        ModerationAction.HIDE,
    ]


def test_agent_without_editor_role_cannot_moderate(campaign, agent, other_agent):
    comment = CommentFactory(proposal=ProposalFactory(campaign=campaign))
    for person in (agent, other_agent):
        with pytest.raises(Refused):
            discussion.hide(by=person, reason="non", comment=comment)
        with pytest.raises(Refused):
            discussion.merge_proposals([comment.proposal], by=person, title="t", body="b")


def test_merge_keeps_originals_and_counts_distinct_supporters(
    campaign, editor, django_capture_on_commit_callbacks
):
    a, b, c = ProposalFactory.create_batch(3, campaign=campaign)
    alice, bob, carol, dan = ParticipantFactory.create_batch(4)
    for proposal, people in ((a, [alice, bob]), (b, [bob, carol]), (c, [carol, dan])):
        for person in people:
            services.support(proposal, user=person)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        result = discussion.merge_proposals([a, b], by=editor, into=c, reason="Doublons")
    assert result.pk == c.pk
    c.refresh_from_db()
    assert c.support_count == 4  # alice, bob, carol, dan: once each
    assert Support.objects.filter(proposal=c).count() == 4
    for original in (a, b):
        original.refresh_from_db()
        assert original.state == ProposalState.MERGED
        assert original.merged_into_id == c.pk
        assert original.support_count == 2  # still readable, with its own history
    assert set(Merge.objects.get().sources.all()) == {a, b}
    assert sorted(m.to[0] for m in mail.outbox) == sorted([a.author.email, b.author.email])


def test_merge_into_a_new_proposal(campaign, editor):
    a, b = ProposalFactory.create_batch(2, campaign=campaign)
    services.support(a, user=ParticipantFactory())
    result = discussion.merge_proposals(
        [a, b], by=editor, title="Moins de papier", body="Les deux idées réunies."
    )
    assert result.title == "Moins de papier"
    assert result.support_count == 1
    assert set(result.merged_sources.all()) == {a, b}


def test_carried_supports_do_not_use_up_the_limit(organisation, editor):
    campaign = CampaignFactory(organisations=[organisation], supports_per_person=1)
    a, b = ProposalFactory.create_batch(2, campaign=campaign)
    person = ParticipantFactory()
    services.support(a, user=person)
    discussion.merge_proposals([a], by=editor, into=b)
    assert services.supports_left(person, campaign) == 0
    assert Proposal.objects.get(pk=b.pk).support_count == 1


def test_queue_lists_reported_contents_most_reported_first(campaign):
    proposal = ProposalFactory(campaign=campaign)
    comment = CommentFactory(proposal=proposal)
    people = ParticipantFactory.create_batch(2)
    discussion.report(by=people[0], reason="hors sujet", proposal=proposal)
    for person in people:
        discussion.report(by=person, reason="insulte", comment=comment)
    queue = discussion.moderation_queue(campaign)
    assert [target for target, _reports in queue] == [comment, proposal]


def test_nobody_answers_a_hidden_comment(campaign, editor, applicant):
    proposal = ProposalFactory(campaign=campaign)
    root = discussion.post_comment(proposal, author=applicant, body="Hors sujet")
    discussion.hide(by=editor, reason="Hors sujet", comment=root)
    root.refresh_from_db()
    with pytest.raises(ValidationError, match="masqué"):
        discussion.post_comment(proposal, author=applicant, body="Mais si", parent=root)
