"""Follows, immediate e-mails, daily and weekly digests, one-click unsubscribe."""

import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from essaim.participation import digests, discussion_services, notify, services
from essaim.participation.enums import DigestFrequency
from essaim.participation.models import Follow
from tests.participation.factories import ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _digest_now(frequency="daily"):
    call_command("send_consultation_digests", frequency=frequency, stdout=io.StringIO())


def test_follow_and_unfollow_buttons(client, campaign, applicant):
    client.force_login(applicant)
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Suivre cette consultation" in page
    client.post(f"/consultations/{campaign.slug}/suivre/", {"action": "follow"})
    assert Follow.objects.filter(user=applicant, campaign=campaign).exists()
    page = client.get("/consultations/mes-abonnements/").content.decode()
    assert campaign.title in page
    client.post(f"/consultations/{campaign.slug}/suivre/", {"action": "unfollow"})
    assert not Follow.objects.filter(user=applicant).exists()


def test_following_needs_an_account(client, campaign):
    response = client.post(f"/consultations/{campaign.slug}/suivre/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
    assert client.get("/consultations/mes-abonnements/").status_code == 302
    assert not Follow.objects.exists()


def test_frequency_is_chosen_once_per_person(client, applicant):
    client.force_login(applicant)
    client.post("/consultations/mes-abonnements/", {"frequency": "weekly"})
    assert notify.preference_of(applicant).frequency == DigestFrequency.WEEKLY
    response = client.post("/consultations/mes-abonnements/", {"frequency": "hourly"})
    assert response.status_code == 400


def test_daily_digest_is_short_tells_each_event_once(campaign, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(campaign=campaign, title="Zéro papier")
    follower = ParticipantFactory()
    notify.follow(user=follower, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        for person in ParticipantFactory.create_batch(3):
            services.support(proposal, user=person)
        discussion_services.post_comment(proposal, author=ParticipantFactory(), body="Oui !")
    assert mail.outbox == []  # daily by default: nothing immediate
    with django_capture_on_commit_callbacks(execute=True):
        _digest_now()
    assert [m.to for m in mail.outbox] == [[follower.email]]
    message = mail.outbox[0]
    assert "Zéro papier" in message.body
    assert "3 nouveaux soutiens" in message.body and "1 nouveau commentaire" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html = message.alternatives[0][0]
    assert "3 nouveaux soutiens" in html
    mail.outbox.clear()
    # Run again (even forcing the due date): nothing is told twice.
    notify.preference_of(follower).__class__.objects.update(last_digest_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        _digest_now()
    assert mail.outbox == []


def test_weekly_digest_waits_a_week(campaign, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(campaign=campaign)
    follower = ParticipantFactory()
    notify.set_frequency(follower, DigestFrequency.WEEKLY)
    notify.follow(user=follower, proposal=proposal)
    notify.preference_of(follower).__class__.objects.update(
        last_digest_at=timezone.now() - timedelta(days=2)
    )
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=ParticipantFactory())
        _digest_now("daily")
        _digest_now("weekly")
    assert mail.outbox == []
    assert digests.enqueue_due_digests(frequency="weekly", now=timezone.now() + timedelta(days=6))


def test_campaign_followers_hear_of_new_proposals(
    campaign, applicant, django_capture_on_commit_callbacks
):
    follower = ParticipantFactory()
    notify.set_frequency(follower, DigestFrequency.IMMEDIATE)
    notify.follow(user=follower, campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True):
        services.save_proposal(
            campaign=campaign,
            author=applicant,
            data={"title": "Signature électronique", "body": "Partout."},
            publish=True,
        )
    assert [m.to for m in mail.outbox] == [[follower.email]]
    assert "Signature électronique" in mail.outbox[0].subject


def test_nobody_hears_of_their_own_action(campaign, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(campaign=campaign)
    supporter = ParticipantFactory()
    notify.set_frequency(supporter, DigestFrequency.IMMEDIATE)
    notify.follow(user=supporter, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=supporter)
    assert mail.outbox == []


def test_none_means_no_email_even_for_an_answer(
    campaign, editor, django_capture_on_commit_callbacks
):
    from essaim.participation import selection_services

    proposal = ProposalFactory(campaign=campaign)
    notify.set_frequency(proposal.author, DigestFrequency.NONE)
    with django_capture_on_commit_callbacks(execute=True):
        selection_services.answer_proposal(proposal, by=editor, kind="selected", text="Oui.")
    assert mail.outbox == []


def test_one_click_unsubscribe_by_signed_link(client, campaign, django_capture_on_commit_callbacks):
    proposal = ProposalFactory(campaign=campaign)
    follower = ParticipantFactory()
    notify.set_frequency(follower, DigestFrequency.IMMEDIATE)
    notify.follow(user=follower, proposal=proposal)
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=ParticipantFactory())
    link = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    path = link.split("://", 1)[-1].split("/", 1)[-1]
    response = client.post("/" + path)  # the mail client's one-click POST, no session
    assert response.status_code == 200
    assert notify.preference_of(follower).frequency == DigestFrequency.NONE
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.support(proposal, user=ParticipantFactory())
    assert mail.outbox == []


def test_tampered_unsubscribe_link_is_refused(client, applicant):
    token = digests.unsubscribe_token(applicant)
    response = client.get(f"/consultations/desabonnement/{token}x/")
    assert response.status_code == 404
    assert notify.preference_of(applicant).frequency == DigestFrequency.DAILY
