"""A visitor who proposed without an account corrects their published proposal through the
link they received, within the campaign's editing window: the signed-in author's rule."""

import datetime
import re

import pytest
import time_machine
from django.core import mail

from essaim.participation.enums import Audience, ProposalState
from essaim.participation.models import Proposal
from tests.participation.factories import CampaignFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)
DATA = {
    "title": "Ouvrir les horaires des piscines",
    "body": "Publier chaque semaine les créneaux libres des piscines municipales.",
    "email": "camille.visiteur@exemple.fr",
    "action": "publish",
    "similar_checked": "1",
}


def _at(**delta):
    return time_machine.travel(START + datetime.timedelta(**delta), tick=False)


@pytest.fixture
def campaign():
    with _at():
        return CampaignFactory(audience=Audience.OPEN, edit_window_minutes=60)


@pytest.fixture
def link(client, campaign, django_capture_on_commit_callbacks):
    """The path of the link e-mailed to a visitor whose proposal is not yet confirmed."""
    with _at(), django_capture_on_commit_callbacks(execute=True):
        client.post(f"/consultations/{campaign.slug}/proposer/", DATA)
    found = re.search(r"https?://[^/\s]+(/\S+/proposer/lien/\S+/)", mail.outbox[-1].body)
    return found.group(1)


def _html(response):
    return response.content.decode()


def test_confirmed_guest_corrects_the_proposal_through_the_link(client, link):
    assert "le même lien vous permet de la corriger pendant 60 minutes" in mail.outbox[-1].body
    with _at(minutes=5):
        confirmed = _html(client.post(link, follow=True))
    assert (
        f"Une correction à faire{NBSP}? Rouvrez le lien reçu par courriel{NBSP}: vous pouvez "
        "modifier votre proposition pendant 60 minutes."
    ) in confirmed

    with _at(minutes=30):
        opened = client.get(link)
        assert opened.status_code == 302 and opened["Location"] == f"{link}modifier/"
        page = _html(client.get(opened["Location"]))
        assert "Vous pouvez corriger votre proposition jusqu’au 2 novembre 2026 à 11:05." in page
        assert f'value="{DATA["title"]}"' in page
        saved = client.post(
            f"{link}modifier/",
            {"title": "Ouvrir les horaires des piscines le dimanche", "body": DATA["body"]},
            follow=True,
        )
    assert "Votre proposition est modifiée." in _html(saved)
    proposal = Proposal.objects.get()
    assert proposal.title == "Ouvrir les horaires des piscines le dimanche"
    assert proposal.state == ProposalState.PUBLISHED and proposal.anonymous
    assert "_auth_user_id" not in client.session  # nobody is signed in
    public = _html(client.get(proposal.get_absolute_url()))
    assert "le dimanche" in public and DATA["email"] not in public


def test_after_the_editing_window_the_link_corrects_nothing(client, link):
    with _at(minutes=5):
        client.post(link)
    with _at(minutes=66):
        opened = client.get(link)
        refused = client.post(f"{link}modifier/", {"title": "Autre titre", "body": "Autre."})

    proposal = Proposal.objects.get()
    assert opened.status_code == 302 and opened["Location"] == proposal.get_absolute_url()
    assert refused.status_code == 403
    assert "Le délai de modification (60 minutes après la publication) est passé." in _html(refused)
    assert proposal.title == DATA["title"]


def test_a_forged_link_corrects_nothing(client, link):
    with _at(minutes=5):
        client.post(link)
        token = link.rstrip("/").rsplit("/", 1)[-1]
        forged = link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))
        response = client.post(f"{forged}modifier/", {"title": "Piraté", "body": "Piraté."})

    assert response.status_code == 400
    assert "Ce lien n’est pas valide" in _html(response)
    assert Proposal.objects.get().title == DATA["title"]


def test_an_unconfirmed_proposal_is_confirmed_first(client, link):
    with _at(minutes=5):
        response = client.get(f"{link}modifier/")
    assert response.status_code == 302 and response["Location"] == link
    assert Proposal.objects.get().state == ProposalState.DRAFT
