"""The figures snapshot: a visit reads it and never recounts a campaign that has one; a stale
snapshot is recomputed by one background task; moderation refreshes it at once."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks import default_task_backend

from essaim.participation import discussion_services, services
from essaim.participation.figures import refresh_figures_task
from essaim.participation.models import FiguresSnapshot
from tests.participation.factories import CommentFactory, ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def queued_tasks(settings):
    """Tasks are kept in a list instead of running: we see what a visit queues."""
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks.backends.dummy.DummyBackend",
            "QUEUES": ["default", "email"],
        }
    }
    default_task_backend.clear()
    return default_task_backend.results


def _supports_shown(client, campaign) -> int:
    html = client.get(campaign.get_absolute_url()).content.decode()
    return int(re.search(r"(\d+) soutiens?\b", html).group(1))


def _age(campaign, minutes: int) -> None:
    FiguresSnapshot.objects.filter(campaign=campaign).update(
        computed_at=timezone.now() - timedelta(minutes=minutes)
    )


def test_a_visit_reads_the_snapshot_and_a_stale_one_queues_a_single_refresh(
    client, campaign, queued_tasks
):
    proposal = ProposalFactory(campaign=campaign)
    services.support(proposal, user=ParticipantFactory())
    assert _supports_shown(client, campaign) == 1  # first visit ever: computed and stored
    services.support(proposal, user=ParticipantFactory())

    assert _supports_shown(client, campaign) == 1  # within the period: the snapshot
    assert queued_tasks == []

    _age(campaign, 6)
    assert _supports_shown(client, campaign) == 1  # stale: still shown, while recomputed
    assert _supports_shown(client, campaign) == 1
    assert [r.task.name for r in queued_tasks] == ["refresh_figures_task"]  # once, not per visit

    refresh_figures_task.call(campaign_id=campaign.pk)  # what `essaim worker` runs
    assert _supports_shown(client, campaign) == 2
    assert FiguresSnapshot.objects.get(campaign=campaign).requested_at is None


def test_a_lost_refresh_request_is_made_again_after_the_period(client, campaign, queued_tasks):
    ProposalFactory(campaign=campaign)
    client.get(campaign.get_absolute_url())
    _age(campaign, 20)
    client.get(campaign.get_absolute_url())
    FiguresSnapshot.objects.filter(campaign=campaign).update(
        requested_at=timezone.now() - timedelta(minutes=10)  # its worker was stopped
    )
    client.get(campaign.get_absolute_url())
    assert len(queued_tasks) == 2


def test_hiding_a_comment_updates_the_figures_at_once(client, campaign, editor):
    proposal = ProposalFactory(campaign=campaign)
    comment = CommentFactory(proposal=proposal)
    CommentFactory(proposal=proposal)
    figures = client.get(f"/api/v1/campaigns/{campaign.slug}/figures").json()
    assert figures["comments"] == 2
    discussion_services.hide(by=editor, reason="Hors sujet", comment=comment)
    assert client.get(f"/api/v1/campaigns/{campaign.slug}/figures").json()["comments"] == 1
    assert "1 commentaire" in client.get(campaign.get_absolute_url()).content.decode()


def test_refresh_command_stores_every_campaigns_figures(campaign):
    ProposalFactory.create_batch(2, campaign=campaign)
    out = StringIO()
    call_command("refresh_consultation_figures", stdout=out)
    assert campaign.slug in out.getvalue()
    assert FiguresSnapshot.objects.get(campaign=campaign).data["proposals"] == 2
