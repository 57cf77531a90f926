"""CSV exports and the read API: the same figures, pseudonymised, hidden content never shown."""

import pytest
from django.utils import timezone

from essaim.participation.enums import ProposalState
from essaim.participation.figures import campaign_figures
from tests.participation.factories import (
    CommentFactory,
    ParticipantFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _body(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_proposals_csv_for_french_spreadsheets(client, campaign):
    ProposalFactory(campaign=campaign, title="Moins de papier")
    ProposalFactory(campaign=campaign, title="Cachée", hidden_at=timezone.now())
    ProposalFactory(campaign=campaign, title="Brouillon", state=ProposalState.DRAFT)
    response = client.get(f"/consultations/{campaign.slug}/export.csv")
    text = _body(response)
    assert text.startswith("\ufeffidentifiant;titre;")
    assert "Moins de papier" in text
    assert "Cachée" not in text and "Brouillon" not in text
    assert "participant-" in text


def test_hidden_comment_disappears_from_export_and_api(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    CommentFactory(proposal=proposal, body="Visible")
    CommentFactory(proposal=proposal, body="Masqué", hidden_at=timezone.now())
    text = _body(client.get(f"/consultations/{campaign.slug}/commentaires.csv"))
    assert "Visible" in text and "Masqué" not in text
    data = client.get(f"/api/v1/proposals/{proposal.pk}/comments").json()
    assert [c["body"] for c in data["items"]] == ["Visible"]


def test_api_campaigns_with_the_same_figures_as_the_page(client, campaign):
    ProposalFactory.create_batch(2, campaign=campaign)
    data = client.get("/api/v1/campaigns").json()
    assert data["count"] == 1
    item = data["items"][0]
    assert item["slug"] == campaign.slug
    figures = campaign_figures(campaign)
    assert item["figures"]["proposals"] == figures["proposals"] == 2
    assert {p["kind"] for p in item["phases"]} == {"submission", "support", "selection"}


def test_api_proposals_filters(client, campaign):
    ProposalFactory(campaign=campaign, title="Zéro papier", state=ProposalState.PUBLISHED)
    ProposalFactory(campaign=campaign, title="Télétravail", state=ProposalState.SELECTED)
    ProposalFactory(title="Autre consultation")
    data = client.get("/api/v1/proposals", {"campaign": campaign.slug, "state": "selected"}).json()
    assert [p["title"] for p in data["items"]] == ["Télétravail"]
    data = client.get("/api/v1/proposals", {"campaign": campaign.slug, "text": "papier"}).json()
    assert data["count"] == 1 and data["items"][0]["title"] == "Zéro papier"
    assert "email" not in str(data)


def test_api_proposals_filters_by_theme_and_text_across_campaigns(client, campaign):
    papers = ThemeFactory(campaign=campaign, slug="papier", name="Papier")
    ProposalFactory(campaign=campaign, title="Zéro papier", theme=papers)
    ProposalFactory(campaign=campaign, title="Moins de papier")
    ProposalFactory(title="Un papier ailleurs")
    data = client.get("/api/v1/proposals", {"theme": "papier"}).json()
    assert [p["title"] for p in data["items"]] == ["Zéro papier"]
    data = client.get("/api/v1/proposals", {"text": "PAPIER moins"}).json()
    assert [p["title"] for p in data["items"]] == ["Moins de papier"]
    data = client.get("/api/v1/proposals", {"campaign": campaign.slug, "theme": "papier"}).json()
    assert data["count"] == 1


def test_api_proposals_text_filter_is_named_text_as_documented(client, campaign):
    """The issue names the filters campaign, theme, state and text: `?text=` filters, and
    `?q=`, its first name, keeps working for existing clients (`text` wins when both come)."""
    ProposalFactory(campaign=campaign, title="Zéro papier dans les services")
    ProposalFactory(campaign=campaign, title="Des réunions plus courtes")
    ProposalFactory(title="Papier recyclé ailleurs")

    def titles(**params):
        return sorted(p["title"] for p in client.get("/api/v1/proposals", params).json()["items"])

    assert titles(campaign=campaign.slug, text="PAPIER") == ["Zéro papier dans les services"]
    assert titles(text="papier") == ["Papier recyclé ailleurs", "Zéro papier dans les services"]
    assert titles(text="réunions courtes") == ["Des réunions plus courtes"]
    assert titles(q="reunions") == ["Des réunions plus courtes"]  # the old name
    assert titles(text="papier", q="reunions") == titles(text="papier")
    assert len(titles()) == 3

    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/proposals"]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert {"campaign", "theme", "state", "text"} <= set(parameters)
    assert "titre ou la description" in parameters["text"]["description"]
    assert parameters["q"].get("deprecated") is True
    assert "`text`" in operation["description"]


def test_api_never_shows_a_hidden_proposal(client, campaign):
    hidden = ProposalFactory(campaign=campaign, hidden_at=timezone.now())
    assert client.get(f"/api/v1/proposals/{hidden.pk}").status_code == 404
    assert client.get("/api/v1/proposals").json()["count"] == 0


def test_anonymous_proposal_cannot_be_tied_to_its_author_in_open_data(client, campaign):
    """The author's named proposal shows their name on its page; their anonymous one must not
    share a pseudonym with it (nor with their comments) in the CSV, the JSON or the API."""
    import json

    from essaim.participation import discussion_services

    author = ParticipantFactory(last_name="Dupont")
    named = ProposalFactory(campaign=campaign, author=author, title="Signée")
    hidden_name = ProposalFactory(
        campaign=campaign, author=author, title="Sans mon nom", anonymous=True
    )
    other_anonymous = ProposalFactory(campaign=campaign, author=author, anonymous=True)
    discussion_services.post_comment(named, author=author, body="Je précise.")
    assert "Dupont" in client.get(named.get_absolute_url()).content.decode()

    proposals_csv = _body(client.get(f"/consultations/{campaign.slug}/export.csv"))
    comments_csv = _body(client.get(f"/consultations/{campaign.slug}/commentaires.csv"))
    document = json.loads(_body(client.get(f"/consultations/{campaign.slug}/donnees.json")))
    api_items = client.get("/api/v1/proposals", {"campaign": campaign.slug}).json()["items"]
    api_one = client.get(f"/api/v1/proposals/{hidden_name.pk}").json()
    api_comments = client.get(f"/api/v1/proposals/{named.pk}/comments").json()["items"]

    by_id = {p["id"]: p["author"] for p in document["proposals"]}
    secret = by_id[hidden_name.pk]
    assert secret == api_one["author"] == {p["id"]: p["author"] for p in api_items}[hidden_name.pk]
    assert secret not in {by_id[named.pk], by_id[other_anonymous.pk]}
    assert api_comments[0]["author"] == document["comments"][0]["author"] == by_id[named.pk]
    everything_else = [
        comments_csv,
        json.dumps(document["comments"]),
        json.dumps([p for p in document["proposals"] if p["id"] != hidden_name.pk]),
        json.dumps([p for p in api_items if p["id"] != hidden_name.pk]),
        json.dumps(api_comments),
    ]
    for text in everything_else:
        assert secret not in text
    assert proposals_csv.count(secret) == 1
    assert "Dupont" not in proposals_csv + comments_csv + json.dumps(document)
