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
    notify.set_frequency(proposal.author, DigestFrequency.IMMEDIATE)
    notify.follow(user=proposal.author, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=applicant)
    assert len(mail.outbox) == 1
    assert proposal.title in mail.outbox[0].body


CONNECTIONS = 100
# Connections left to the other databases of the machine while the test runs.
SPARE_CONNECTIONS = 15


def _free_connection_slots() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT current_setting('max_connections')::int"
            " - current_setting('superuser_reserved_connections')::int"
            " - (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend')"
        )
        return cursor.fetchone()[0]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_supports_from_100_connections_count_exactly_once_each():
    """100 people, each on a separate database connection, support one proposal at the same
    time, each double-clicking (200 requests): 100 supports, a counter of 100.

    PostgreSQL's max_connections (100 on this machine) is shared with the other databases:
    the 100 connections start together but at most the free slots minus a margin are open at
    once (all of them on a server with room), so the test never exhausts the server.
    """
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL")
    proposal = ProposalFactory()
    people = ParticipantFactory.create_batch(CONNECTIONS)
    at_once = max(10, min(CONNECTIONS, _free_connection_slots() - SPARE_CONNECTIONS))
    gate = threading.BoundedSemaphore(at_once)
    start = threading.Barrier(CONNECTIONS)
    backends, errors = set(), []

    def click_twice(person):
        start.wait()  # every thread ready before the first connection opens
        with gate:
            try:
                with connection.cursor() as cursor:
                    cursor.execute(
                        "SELECT pid, backend_start FROM pg_stat_activity"
                        " WHERE pid = pg_backend_pid()"
                    )
                    backends.add(cursor.fetchone())
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
    assert len(backends) == CONNECTIONS  # one server process per person: 100 connections
    assert Support.objects.filter(proposal=proposal).count() == CONNECTIONS
    assert Proposal.objects.get(pk=proposal.pk).support_count == CONNECTIONS
