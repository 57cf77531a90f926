"""Proposals made without an account and never confirmed do not stay forever: the daily
`essaim purge_guest_proposals` deletes them after PARTICIPATION_GUEST_PURGE_DAYS days, with the
account made for them; confirmed ones, and real accounts' drafts, stay."""

import datetime
import re
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from essaim.accounts.models import User
from essaim.participation import services
from essaim.participation.enums import Audience, ProposalState
from essaim.participation.models import Proposal
from tests.participation.factories import CampaignFactory

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def _at(**delta):
    return time_machine.travel(START + datetime.timedelta(**delta), tick=False)


@pytest.fixture
def campaign():
    with _at():
        return CampaignFactory(audience=Audience.OPEN)


@pytest.fixture
def propose(client, campaign, django_capture_on_commit_callbacks):
    """A visitor proposes without an account; returns the link e-mailed to them."""

    def post(email, title):
        data = {
            "title": title,
            "body": "Une description assez longue de la proposition.",
            "email": email,
            "action": "publish",
            "similar_checked": "1",
        }
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"/consultations/{campaign.slug}/proposer/", data)
        assert response.status_code == 302, response.content.decode()
        found = re.search(r"https?://[^/\s]+(/\S+/proposer/lien/\S+/)", mail.outbox[-1].body)
        return found.group(1)

    return post


def _purge() -> str:
    out = StringIO()
    call_command("purge_guest_proposals", stdout=out)
    return out.getvalue()


def _titles():
    return set(Proposal.objects.values_list("title", flat=True))


def test_unconfirmed_guest_proposals_go_after_seven_days_with_their_account(
    client, campaign, applicant, propose
):
    with _at():
        propose("oublie@exemple.fr", "Jamais confirmée")
        client.post(propose("confirme@exemple.fr", "Confirmée"))
        propose(applicant.email, "Au nom d’un compte existant")
        services.save_proposal(
            campaign=campaign, author=applicant, data={"title": "Mon brouillon"}, publish=False
        )
    with _at(days=6):
        propose("tardif@exemple.fr", "Déposée plus tard")
    everything = _titles()

    with _at(days=6, hours=23):
        assert "0 proposition(s) non confirmée(s) et 0 compte(s) supprimé(s)." in _purge()
    assert _titles() == everything

    with _at(days=7, minutes=1):
        assert "1 proposition(s) non confirmée(s) et 1 compte(s) supprimé(s)." in _purge()
        assert "0 proposition(s)" in _purge()  # run again: nothing more
    assert _titles() == everything - {"Jamais confirmée"}
    assert not User.objects.filter(email="oublie@exemple.fr").exists()
    assert Proposal.objects.get(title="Confirmée").state == ProposalState.PUBLISHED
    assert User.objects.filter(email="confirme@exemple.fr").exists()
    # A real account keeps its drafts, whoever wrote them.
    assert applicant.proposals.filter(state=ProposalState.DRAFT).count() == 2
    assert User.objects.filter(email="tardif@exemple.fr").exists()

    with _at(days=13, minutes=1):
        _purge()
    assert "Déposée plus tard" not in _titles()


def test_a_guest_account_with_a_recent_proposal_stays(propose):
    with _at():
        propose("camille@exemple.fr", "Ancienne")
    with _at(days=5):
        propose("camille@exemple.fr", "Récente")

    with _at(days=8):
        _purge()
    assert _titles() == {"Récente"}
    assert User.objects.filter(email="camille@exemple.fr").exists()


def test_the_setting_never_cuts_a_link_still_valid(settings, propose):
    settings.PARTICIPATION_GUEST_PURGE_DAYS = 0
    with _at():
        propose("presse@exemple.fr", "Pressée")

    with _at(hours=23):
        _purge()
        assert _titles() == {"Pressée"}  # its link works for 24 hours
    with _at(hours=24, minutes=1):
        _purge()
        assert _titles() == set()
