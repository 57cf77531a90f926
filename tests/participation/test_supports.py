"""Supports: once per person and proposal, limits per campaign, concurrency, notifications."""

import threading

import pytest
from django.core import mail
from django.db import connection, connections

from essaim.participation import notify, services
from essaim.participation.enums import DigestFrequency, ProposalState
from essaim.participation.models import Proposal, Support
from essaim.participation.permissions import Refused
from tests.participation.factories import CampaignFactory, ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def test_one_support_per_person_and_proposal(campaign, applicant):
    proposal = ProposalFactory(campaign=campaign)
    first = services.support(proposal, user=applicant)
    second = services.support(proposal, user=applicant)
    assert first.pk == second.pk
    proposal.refresh_from_db()
    assert proposal.support_count == 1


def test_withdrawing_a_support_counts_down(campaign, applicant):
    proposal = ProposalFactory(campaign=campaign)
    services.support(proposal, user=applicant)
    assert services.withdraw_support(proposal, user=applicant)
    assert not services.withdraw_support(proposal, user=applicant)
    proposal.refresh_from_db()
    assert proposal.support_count == 0


def test_campaign_limit_of_supports_per_person(organisation, applicant):
    campaign = CampaignFactory(organisations=[organisation], supports_per_person=2)
    first, second, third = ProposalFactory.create_batch(3, campaign=campaign)
    services.support(first, user=applicant)
    services.support(second, user=applicant)
    assert services.supports_left(applicant, campaign) == 0
    with pytest.raises(Refused, match="vos 2 soutiens"):
        services.support(third, user=applicant)
    services.withdraw_support(first, user=applicant)
    services.support(third, user=applicant)


def test_support_refused_outside_audience_and_phase(organisation, applicant):
    closed = CampaignFactory(organisations=[organisation], open_phases=False)
    with pytest.raises(Refused):
        services.support(ProposalFactory(campaign=closed), user=applicant)


def test_merged_proposal_cannot_be_supported(campaign, applicant):
    proposal = ProposalFactory(campaign=campaign, state=ProposalState.MERGED)
    with pytest.raises(Refused, match="ne peut plus être soutenue"):
        services.support(proposal, user=applicant)


def test_author_hears_about_supports_when_they_chose_immediate(
    campaign, applicant, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(campaign=campaign)
    notify.follow(user=proposal.author, proposal=proposal, frequency=DigestFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=applicant)
    assert len(mail.outbox) == 1
    assert proposal.title in mail.outbox[0].body


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_count_exactly_once_each():
    """40 connections at once: 40 people, each also double-clicking (80 requests in all).

    PostgreSQL's max_connections (100) is shared with the other test databases of the
    machine: 40 simultaneous connections is what a test may take here; the rule is the same.
    """
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    proposal = ProposalFactory()
    people = ParticipantFactory.create_batch(40)
    barrier = threading.Barrier(len(people))
    errors = []

    def click_twice(person):
        try:
            barrier.wait()
            services.support(proposal, user=person)
            services.support(proposal, user=person)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click_twice, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Support.objects.filter(proposal=proposal).count() == 40
    assert Proposal.objects.get(pk=proposal.pk).support_count == 40
