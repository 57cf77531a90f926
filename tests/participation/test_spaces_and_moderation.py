"""Behaviour that existed without a test: the space that groups partners' campaigns, a
proposal hidden by a moderator or by reports (gone from the list, the exports and the API),
following a proposal until its answer, a proposal's commune and the figures by territory."""

import io
import json
import re

import pytest
from django.core import mail
from django.core.management import call_command

from essaim.core.models import Territory
from essaim.participation import notify, selection_services
from essaim.participation.enums import DigestFrequency, ModerationAction
from essaim.participation.models import ModerationLog, Proposal, Space
from tests.accounts.factories import OrganisationFactory
from tests.participation.factories import CampaignFactory, ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def _everywhere(client, campaign) -> dict[str, str]:
    """What the public reads of `campaign`: its page, both exports, the API's list."""
    api = client.get("/api/v1/proposals", {"campaign": campaign.slug}).json()
    return {
        "page": client.get(campaign.get_absolute_url()).content.decode(),
        "csv": _streamed(client.get(f"/consultations/{campaign.slug}/export.csv")),
        "json": _streamed(client.get(f"/consultations/{campaign.slug}/donnees.json")),
        "api": json.dumps(api, ensure_ascii=False),
    }


# The space: « Citoyens en communs ».


def test_space_page_shows_its_partners_and_their_published_campaigns(client):
    siilab, dreal = OrganisationFactory(name="SiiLab"), OrganisationFactory(name="DREAL")
    space = Space.objects.create(
        slug="citoyens-en-communs",
        name="Citoyens en communs",
        description="Une plateforme commune à onze acteurs de la participation citoyenne.",
    )
    space.partners.set([siilab, dreal])
    youth = CampaignFactory(
        organisations=[siilab],
        space=space,
        title="Engagement des jeunes",
        question="Comment donner envie aux jeunes de s’engager\u00a0?",
    )
    climate = CampaignFactory(organisations=[dreal], space=space, title="Climat et quartiers")
    CampaignFactory(
        organisations=[dreal], space=space, title="Brouillon d’appel", is_published=False
    )
    CampaignFactory(organisations=[siilab], title="Hors de l’espace")

    response = client.get(f"/consultations/espaces/{space.slug}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Citoyens en communs</h1>" in html
    assert "onze acteurs de la participation citoyenne" in html
    assert "SiiLab" in html and "DREAL" in html
    for campaign in (youth, climate):
        assert f'<a href="{campaign.get_absolute_url()}">{campaign.title}</a>' in html
    assert "«\u00a0Comment donner envie aux jeunes de s’engager\u00a0?\u00a0»" in html
    assert "Brouillon d’appel" not in html and "Hors de l’espace" not in html

    # The list of consultations leads to the space, and each campaign page back to it.
    assert space.get_absolute_url() in client.get("/consultations/").content.decode()
    assert space.get_absolute_url() in client.get(youth.get_absolute_url()).content.decode()


def test_empty_or_unknown_space(client):
    Space.objects.create(slug="vide", name="Espace vide")
    html = client.get("/consultations/espaces/vide/").content.decode()
    assert "Aucune consultation dans cet espace pour le moment." in html
    assert client.get("/consultations/espaces/inconnu/").status_code == 404


# Moderation of a proposal.


def test_moderator_hides_a_proposal_with_a_reason_everywhere(client, campaign, editor, applicant):
    kept = ProposalFactory(campaign=campaign, title="Des réunions plus courtes")
    spam = ProposalFactory(campaign=campaign, title="Achetez nos stylos publicitaires")
    client.force_login(applicant)
    client.post(f"{spam.get_absolute_url()}signaler/", {"reason": "Publicité"})
    client.logout()
    before = _everywhere(client, campaign)
    assert all(spam.title in text for text in before.values())
    figures = f"/api/v1/campaigns/{campaign.slug}/figures"
    assert client.get(figures).json()["proposals"] == 2

    client.force_login(editor)
    queue = client.get(f"/consultations/{campaign.slug}/moderation/").content.decode()
    assert spam.title in queue
    response = client.post(
        f"/consultations/{campaign.slug}/moderation/action/",
        {"target": f"proposal:{spam.pk}", "action": "hide", "reason": "Publicité commerciale"},
    )
    assert response.status_code == 302
    spam.refresh_from_db()
    assert spam.hidden_at is not None and spam.hidden_reason == "Publicité commerciale"
    entry = ModerationLog.objects.get(proposal=spam)
    assert (entry.action, entry.actor, entry.reason) == (
        ModerationAction.HIDE,
        editor,
        "Publicité commerciale",
    )
    assert not spam.reports.filter(handled_at__isnull=True).exists()
    assert (
        "Publicité commerciale"
        in client.get(f"/consultations/{campaign.slug}/moderation/").content.decode()
    )  # the moderators' log

    client.logout()
    after = _everywhere(client, campaign)
    for where, text in after.items():
        assert spam.title not in text, where
        assert kept.title in text, where
    assert client.get(spam.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/proposals/{spam.pk}").status_code == 404
    assert client.get(figures).json()["proposals"] == 1  # figures agree at once

    client.force_login(spam.author)  # the author alone reads why
    page = client.get(spam.get_absolute_url()).content.decode()
    assert "Proposition masquée par la modération\u00a0: Publicité commerciale" in page


def test_moderator_must_give_a_reason_to_hide_a_proposal(client, campaign, editor):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(editor)
    response = client.post(
        f"/consultations/{campaign.slug}/moderation/action/",
        {"target": f"proposal:{proposal.pk}", "action": "hide", "reason": "  "},
        follow=True,
    )
    assert "Indiquez le motif du masquage" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.hidden_at is None


def test_proposal_is_hidden_automatically_at_the_campaigns_threshold(client, organisation, editor):
    campaign = CampaignFactory(organisations=[organisation], auto_hide_reports=2)
    proposal = ProposalFactory(campaign=campaign, title="Un texte injurieux")
    first, second = ParticipantFactory.create_batch(2)
    report = f"{proposal.get_absolute_url()}signaler/"

    client.force_login(first)
    client.post(report, {"reason": "Insultes"})
    client.post(report, {"reason": "Encore des insultes"})  # the same person counts once
    proposal.refresh_from_db()
    assert proposal.hidden_at is None
    assert proposal.reports.count() == 1

    client.force_login(second)
    response = client.post(report, {"reason": "Propos injurieux"}, follow=True)
    assert "Merci\u00a0: les modérateurs examineront votre signalement." in (
        response.content.decode()
    )
    proposal.refresh_from_db()
    assert proposal.hidden_at is not None
    assert proposal.hidden_reason == "Masqué automatiquement après 2 signalements."
    entry = ModerationLog.objects.get(proposal=proposal)
    assert entry.action == ModerationAction.AUTO_HIDE and entry.actor is None

    client.logout()
    for where, text in _everywhere(client, campaign).items():
        assert proposal.title not in text, where
    # It waits in the moderators' queue, marked hidden, with the log's entry.
    client.force_login(editor)
    queue = client.get(f"/consultations/{campaign.slug}/moderation/").content.decode()
    assert proposal.title in queue and str(ModerationAction.AUTO_HIDE.label) in queue


def test_default_threshold_is_three_reports(campaign):
    from essaim.participation import discussion_services

    proposal = ProposalFactory(campaign=campaign)
    assert campaign.auto_hide_reports == 3
    for count, person in enumerate(ParticipantFactory.create_batch(3), start=1):
        discussion_services.report(by=person, reason="hors sujet", proposal=proposal)
        proposal.refresh_from_db()
        assert (proposal.hidden_at is not None) == (count == 3)


# Following a proposal.


def test_follower_of_a_proposal_hears_of_its_answer_at_once(
    client, campaign, editor, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(campaign=campaign, title="Un parapheur électronique")
    follower = ParticipantFactory()
    notify.set_frequency(follower, DigestFrequency.IMMEDIATE)
    notify.set_frequency(proposal.author, DigestFrequency.NONE)  # only the follower here
    client.force_login(follower)
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "Suivre cette proposition" in page
    client.post(f"{proposal.get_absolute_url()}suivre/", {"action": "follow"})
    assert notify.is_following(follower, proposal=proposal)
    assert proposal.title in client.get("/consultations/mes-abonnements/").content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        selection_services.answer_proposal(
            proposal, by=editor, kind="selected", text="Retenue : trois ateliers en novembre."
        )
    assert [m.to for m in mail.outbox] == [[follower.email]]
    message = mail.outbox[0]
    assert (
        "«\u00a0Un parapheur électronique\u00a0» a reçu une réponse\u00a0: retenue." in message.body
    )
    assert proposal.get_absolute_url() in message.body


def test_follower_with_a_daily_digest_reads_the_answer_in_it(
    client, campaign, editor, django_capture_on_commit_callbacks
):
    proposal = ProposalFactory(campaign=campaign, title="Des courriers en langage clair")
    follower = ParticipantFactory()  # daily digest, the default
    notify.set_frequency(proposal.author, DigestFrequency.NONE)
    client.force_login(follower)
    client.post(f"{proposal.get_absolute_url()}suivre/")
    with django_capture_on_commit_callbacks(execute=True):
        selection_services.answer_proposal(
            proposal, by=editor, kind="rejected", text="Déjà en place depuis 2019."
        )
    assert mail.outbox == []  # not immediate
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_consultation_digests", frequency="daily", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[follower.email]]
    body = mail.outbox[0].body
    assert "Des courriers en langage clair" in body
    assert "a reçu une réponse\u00a0: non retenue." in body

    # Unfollowed: the next answer is not told.
    mail.outbox.clear()
    client.post(f"{proposal.get_absolute_url()}suivre/", {"action": "unfollow"})
    with django_capture_on_commit_callbacks(execute=True):
        selection_services.answer_proposal(proposal, by=editor, kind="study", text="À revoir.")
        notify.preference_of(follower).__class__.objects.update(last_digest_at=None)
        call_command("send_consultation_digests", frequency="daily", stdout=io.StringIO())
    assert mail.outbox == []


# A proposal's commune, and the figures by territory.


@pytest.fixture
def geography():
    region = Territory.objects.create(level="region", code="32", name="Hauts-de-France")
    nord = Territory.objects.create(
        level="department", code="59", name="Nord", parent=region, region=region
    )
    pas_de_calais = Territory.objects.create(
        level="department", code="62", name="Pas-de-Calais", parent=region, region=region
    )
    return {
        "lille": Territory.objects.create(
            level="commune", code="59350", name="Lille", parent=nord, region=region
        ),
        "roubaix": Territory.objects.create(
            level="commune", code="59512", name="Roubaix", parent=nord, region=region
        ),
        "arras": Territory.objects.create(
            level="commune", code="62041", name="Arras", parent=pas_de_calais, region=region
        ),
    }


def test_author_places_a_proposal_in_a_commune(client, campaign, applicant, geography):
    client.force_login(applicant)
    propose = f"/consultations/{campaign.slug}/proposer/"
    data = {"title": "Un guichet unique", "body": "Pour les familles.", "action": "publish"}
    wrong = client.post(propose, {**data, "commune_name": "Lile-sur-Mer"})
    assert wrong.status_code == 400
    assert "Nous ne trouvons pas la commune «\u00a0Lile-sur-Mer\u00a0»" in wrong.content.decode()
    assert 'value="Lile-sur-Mer"' in wrong.content.decode()  # what was typed is kept
    assert client.post(propose, {**data, "commune_name": "59350"}).status_code == 302

    proposal = Proposal.objects.get(title="Un guichet unique")
    assert proposal.commune == geography["lille"]
    assert "Lille" in client.get(proposal.get_absolute_url()).content.decode()
    assert client.get(f"/api/v1/proposals/{proposal.pk}").json()["commune"] == "59350"
    csv_text = _streamed(client.get(f"/consultations/{campaign.slug}/export.csv"))
    assert ";59350;" in csv_text


def test_figures_by_territory_count_by_departement_and_agree(client, campaign, geography):
    from essaim.participation import services
    from essaim.participation.figures import campaign_figures

    lille = ProposalFactory(campaign=campaign, commune=geography["lille"])
    ProposalFactory(campaign=campaign, commune=geography["roubaix"])
    arras = ProposalFactory(campaign=campaign, commune=geography["arras"])
    ProposalFactory(campaign=campaign)  # no place
    supporter = ParticipantFactory()
    services.support(lille, user=supporter)
    services.support(arras, user=supporter)

    rows = {r["label"]: r for r in campaign_figures(campaign)["by_territory"]}
    assert {label: r["proposals"] for label, r in rows.items()} == {
        "Nord": 2,
        "Pas-de-Calais": 1,
        "Sans lieu": 1,
    }
    assert {label: r["supports"] for label, r in rows.items()} == {
        "Nord": 1,
        "Pas-de-Calais": 1,
        "Sans lieu": 0,
    }
    assert rows["Nord"]["participants"] == 3  # two authors and the supporter

    api = client.get(f"/api/v1/campaigns/{campaign.slug}/figures").json()
    assert [(r["label"], r["proposals"]) for r in api["by_territory"]] == [
        (label, r["proposals"]) for label, r in rows.items()
    ]
    page = client.get(campaign.get_absolute_url()).content.decode()
    assert "Par département de la commune concernée" in page
    for label, row in rows.items():
        cells = rf">\s*{re.escape(label)}\s*</th>\s*<td>{row['participants']}</td>"
        assert re.search(rf"{cells}\s*<td>{row['proposals']}</td>", page), label
    csv_text = client.get(f"/consultations/{campaign.slug}/chiffres.csv").content.decode()
    assert "by_territory;Nord;3;2;1;0" in csv_text
