"""A campaign open to all (DINUM's call for ideas): a visitor proposes without an account.

The proposal is kept as a draft of a passwordless account for the address given, and a signed
link (24 hours) e-mailed there publishes it, without the author's name. Signed-in-citizens
campaigns still send the visitor to sign in; supporting still needs an account.
"""

import re
from datetime import timedelta

import pytest
import time_machine
from django.core import mail
from django.utils import timezone

from essaim.accounts.models import User
from essaim.participation import guests
from essaim.participation.enums import Audience, PhaseKind, ProposalState
from essaim.participation.models import Phase, Proposal
from tests.participation.factories import CampaignFactory, ProposalFactory

pytestmark = pytest.mark.django_db

ADDRESS = "camille.visiteur@exemple.fr"
DATA = {
    "title": "Ouvrir les horaires des piscines municipales",
    "body": "Publier chaque semaine les créneaux libres de toutes les piscines.",
    "email": ADDRESS,
    "action": "publish",
    "similar_checked": "1",
}


def _propose_path(campaign) -> str:
    return f"/consultations/{campaign.slug}/proposer/"


def _link_path(message) -> str:
    found = re.search(r"https?://[^/\s]+(/consultations/\S+/proposer/lien/\S+/)", message.body)
    assert found, message.body
    return found.group(1)


@pytest.fixture
def propose(client, django_capture_on_commit_callbacks):
    """Post the visitor's proposal; the e-mail leaves on commit, as in production."""

    def post(campaign, **changes):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(_propose_path(campaign), {**DATA, **changes})
        assert response.status_code == 302, response.content.decode()
        return response

    return post


def test_visitor_proposes_without_account_and_publishes_through_the_link(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    page = client.get(_propose_path(campaign))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Votre adresse électronique" in html
    assert "Pour soutenir ou commenter des propositions, il faut un compte." in html

    propose(campaign)

    proposal = Proposal.objects.get(title=DATA["title"])
    assert proposal.state == ProposalState.DRAFT
    assert proposal.anonymous
    author = User.objects.get(email=ADDRESS)
    assert proposal.author == author
    assert not author.has_usable_password()
    assert author.email_confirmed_at is None
    assert "_auth_user_id" not in client.session  # nobody is signed in

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [ADDRESS]
    assert DATA["title"] in message.subject
    assert "Pour confirmer votre adresse électronique et publier votre proposition" in (
        message.body
    )
    link = _link_path(message)

    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    assert "Confirmer et publier ma proposition" in confirm_page.content.decode()
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.DRAFT  # opening the page alone publishes nothing

    published = client.post(link, follow=True)
    assert published.status_code == 200
    proposal.refresh_from_db()
    author.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED
    assert author.email_confirmed_at is not None
    assert "_auth_user_id" not in client.session

    public = client.get(proposal.get_absolute_url()).content.decode()
    assert "Participant ou participante anonyme" in public
    assert ADDRESS not in public
    listing = client.get(campaign.get_absolute_url()).content.decode()
    assert DATA["title"] in listing and ADDRESS not in listing


def test_second_use_of_the_link_publishes_nothing_more(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    propose(campaign)
    link = _link_path(mail.outbox[0])
    client.post(link)
    proposal = Proposal.objects.get(title=DATA["title"])
    published_at = proposal.published_at

    again = client.post(link, follow=True)
    assert "Cette proposition est déjà publiée." in again.content.decode()
    assert client.get(link).status_code == 302
    assert Proposal.objects.filter(title=DATA["title"]).count() == 1
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED
    assert proposal.published_at == published_at


def test_existing_account_is_only_the_author_of_the_draft(client, applicant, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    password = applicant.password
    propose(campaign, email=applicant.email.upper())

    proposal = Proposal.objects.get(title=DATA["title"])
    assert proposal.author == applicant
    assert proposal.anonymous
    applicant.refresh_from_db()
    assert applicant.password == password  # the account keeps its password
    assert User.objects.filter(email__iexact=applicant.email).count() == 1
    client.post(_link_path(mail.outbox[0]))
    assert "_auth_user_id" not in client.session


def test_visitor_is_sent_to_sign_in_in_a_citizens_campaign(client):
    campaign = CampaignFactory(audience=Audience.CITIZENS)

    page = client.get(_propose_path(campaign))
    assert page.status_code == 302
    assert page["Location"].startswith("/compte/connexion/")
    posted = client.post(_propose_path(campaign), DATA)
    assert posted.status_code == 302
    assert posted["Location"].startswith("/compte/connexion/")
    assert not Proposal.objects.exists()
    assert not User.objects.filter(email=ADDRESS).exists()
    assert mail.outbox == []
    detail = client.get(campaign.get_absolute_url()).content.decode()
    assert "Connectez-vous pour participer à cette consultation." in detail


def test_supporting_in_an_open_campaign_still_needs_an_account(client):
    campaign = CampaignFactory(audience=Audience.OPEN)
    other = ProposalFactory(campaign=campaign)

    page = client.get(other.get_absolute_url()).content.decode()
    assert "Connectez-vous pour soutenir" in page
    assert (
        "sans compte, vous pouvez faire une proposition\u00a0; pour soutenir ou commenter" in page
    )
    response = client.post(f"{other.get_absolute_url()}soutien/")
    assert response.status_code == 302
    assert response["Location"].startswith("/compte/connexion/")
    assert other.supports.count() == 0
    assert "sans compte" in client.get(campaign.get_absolute_url()).content.decode()


def test_tampered_link_is_refused_in_french_and_publishes_nothing(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    propose(campaign)
    link = _link_path(mail.outbox[0])
    token = link.rstrip("/").rsplit("/", 1)[-1]
    forged = link.replace(token, token[:-3] + ("aaa" if not token.endswith("aaa") else "bbb"))

    for response in (client.get(forged), client.post(forged)):
        assert response.status_code == 400
        assert "Ce lien n’est pas valide" in response.content.decode()
    assert Proposal.objects.get(title=DATA["title"]).state == ProposalState.DRAFT
    assert User.objects.get(email=ADDRESS).email_confirmed_at is None


def test_link_of_another_campaign_is_refused(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    other = CampaignFactory(audience=Audience.OPEN)
    propose(campaign)
    link = _link_path(mail.outbox[0]).replace(campaign.slug, other.slug)

    assert client.post(link).status_code == 400
    assert Proposal.objects.get(title=DATA["title"]).state == ProposalState.DRAFT


def test_expired_link_is_refused_in_french_and_publishes_nothing(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    propose(campaign)
    link = _link_path(mail.outbox[0])

    with time_machine.travel(timezone.now() + timedelta(hours=24, minutes=1)):
        response = client.post(link)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Ce lien a expiré" in page and "24\u00a0heures" in page
    assert Proposal.objects.get(title=DATA["title"]).state == ProposalState.DRAFT
    assert User.objects.get(email=ADDRESS).email_confirmed_at is None


def test_link_after_submissions_closed_explains_and_publishes_nothing(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    propose(campaign)
    link = _link_path(mail.outbox[0])
    Phase.objects.filter(campaign=campaign, kind=PhaseKind.SUBMISSION).update(
        ends_at=timezone.now() - timedelta(minutes=1)
    )

    page = client.get(link)
    assert page.status_code == 200
    assert "Votre proposition ne peut plus être publiée." in page.content.decode()
    refused = client.post(link)
    assert refused.status_code == 403
    assert "le dépôt des propositions est clos" in refused.content.decode()
    assert Proposal.objects.get(title=DATA["title"]).state == ProposalState.DRAFT


def test_invalid_address_keeps_the_text_and_sends_nothing(client):
    campaign = CampaignFactory(audience=Audience.OPEN)
    response = client.post(_propose_path(campaign), {**DATA, "email": "pas-une-adresse"})

    assert response.status_code == 400
    assert DATA["title"] in response.content.decode()
    assert not Proposal.objects.exists()
    assert mail.outbox == []


def test_an_address_cannot_be_flooded_with_links(client, propose):
    campaign = CampaignFactory(audience=Audience.OPEN)
    for n in range(guests.PENDING_LIMIT):
        propose(campaign, title=f"Idée numéro {n}")
    assert len(mail.outbox) == guests.PENDING_LIMIT

    response = client.post(_propose_path(campaign), {**DATA, "title": "Une de trop"})
    assert response.status_code == 200
    assert "ouvrez les liens reçus par courriel" in response.content.decode()
    assert not Proposal.objects.filter(title="Une de trop").exists()
    assert len(mail.outbox) == guests.PENDING_LIMIT
