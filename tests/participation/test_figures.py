"""Figures defined once: the same numbers on the public page, the dashboard, the exports and
the API; the dashboard is for the campaign's organisers only; the JSON export."""

import json
import re

import pytest
from django.utils import timezone

from essaim.participation import discussion_services, services
from essaim.participation.figures import campaign_figures
from tests.participation.factories import (
    CommentFactory,
    ParticipantFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _streamed(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


@pytest.fixture
def busy(campaign, editor):
    """Two themes, supports (one carried over by a merge), comments (one hidden), a hidden
    proposal and a draft that must count nowhere."""
    papers, people = ThemeFactory(campaign=campaign), ThemeFactory(campaign=campaign)
    a = ProposalFactory(campaign=campaign, theme=papers)
    b = ProposalFactory(campaign=campaign, theme=papers)
    c = ProposalFactory(campaign=campaign, theme=people)
    ProposalFactory(campaign=campaign, theme=people, hidden_at=timezone.now())
    ProposalFactory(campaign=campaign, state="draft")
    alice, bob = ParticipantFactory.create_batch(2)
    for proposal, supporters in ((a, [alice, bob]), (b, [bob]), (c, [alice])):
        for person in supporters:
            services.support(proposal, user=person)
    discussion_services.post_comment(c, author=bob, body="D’accord.")
    CommentFactory(proposal=c, hidden_at=timezone.now())
    discussion_services.merge_proposals([a], into=b, by=editor, reason="Doublon")
    return campaign


def test_figures_follow_their_definitions(busy):
    figures = campaign_figures(busy)
    assert figures["proposals"] == 3  # the merged one stays public; hidden and draft do not
    assert figures["supports"] == 4  # alice's carried-over support is not counted twice
    assert figures["comments"] == 1
    assert figures["participants"] == 5  # three authors, alice, bob
    for breakdown in ("by_theme", "by_territory"):
        for metric in ("proposals", "supports", "comments"):
            assert sum(row[metric] for row in figures[breakdown]) == figures[metric]
    assert sum(row["proposals"] for row in figures["by_day"]) == 3
    assert [row["key"] for row in figures["by_phase"]] == ["submission", "support", "selection"]


def _numbers_of(html: str) -> list[str]:
    """The figures section of a page, as the sequence of numbers a reader sees."""
    section = html.split('id="chiffres"', 1)[1].split("</section>", 1)[0]
    text = re.sub(r"<[^>]+>", " ", section)
    return re.findall(r"\b\d+\b", text)


def test_same_figures_on_page_dashboard_exports_and_api(client, busy, editor):
    figures = campaign_figures(busy)
    public = client.get(busy.get_absolute_url()).content.decode()
    api = client.get(f"/api/v1/campaigns/{busy.slug}/figures").json()
    api_campaign = client.get(f"/api/v1/campaigns/{busy.slug}").json()["figures"]
    csv_text = client.get(f"/consultations/{busy.slug}/chiffres.csv").content.decode("utf-8")
    document = json.loads(_streamed(client.get(f"/consultations/{busy.slug}/donnees.json")))
    client.force_login(editor)
    dashboard = client.get(f"/consultations/{busy.slug}/tableau-de-bord/").content.decode()

    assert _numbers_of(public) == _numbers_of(dashboard)
    totals = {k: figures[k] for k in ("participants", "proposals", "supports", "comments")}
    assert {k: api[k] for k in totals} == totals == api_campaign
    assert {k: document["figures"][k] for k in totals} == totals
    for breakdown in ("by_phase", "by_theme", "by_territory", "by_day"):
        expected = [
            [r["label"], r["proposals"], r["supports"], r["comments"]] for r in figures[breakdown]
        ]
        assert [
            [r["label"], r["proposals"], r["supports"], r["comments"]] for r in api[breakdown]
        ] == expected
        assert [
            [r["label"], r["proposals"], r["supports"], r["comments"]]
            for r in document["figures"][breakdown]
        ] == expected
        for label, *counts in expected:
            assert f"{breakdown};{label};{';'.join(map(str, counts))}" in csv_text
    assert f"total;Ensemble;{figures['proposals']};{figures['supports']};{figures['comments']}" in (
        csv_text
    )
    for row in figures["by_theme"]:
        assert row["label"] in public and row["label"] in dashboard


def test_dashboard_is_for_the_campaign_organisers_only(
    client, campaign, agent, other_agent, applicant, editor
):
    path = f"/consultations/{campaign.slug}/tableau-de-bord/"
    assert client.get(path).status_code == 302
    for person in (agent, other_agent, applicant):
        client.force_login(person)
        assert client.get(path).status_code == 403
    client.force_login(editor)
    assert client.get(path).status_code == 200


def test_json_export_pseudonymised_without_hidden_content(client, campaign, editor):
    from essaim.participation import selection_services

    proposal = ProposalFactory(campaign=campaign, title="Moins de papier")
    ProposalFactory(campaign=campaign, title="Cachée", hidden_at=timezone.now())
    CommentFactory(proposal=proposal, body="Visible")
    CommentFactory(proposal=proposal, body="Masqué", hidden_at=timezone.now())
    selection_services.answer_proposal(proposal, by=editor, kind="selected", text="Bravo.")
    response = client.get(f"/consultations/{campaign.slug}/donnees.json")
    assert response["Content-Type"].startswith("application/json")
    text = _streamed(response)
    data = json.loads(text)
    assert [p["title"] for p in data["proposals"]] == ["Moins de papier"]
    assert data["proposals"][0]["answer"]["label"] == "Retenue"
    assert data["proposals"][0]["author"].startswith("participant-")
    assert [c["body"] for c in data["comments"]] == ["Visible"]
    assert "Masqué" not in text and "Cachée" not in text
    assert proposal.author.email not in text and proposal.author.last_name not in text


def test_hidden_comment_absent_from_page_export_and_api(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    CommentFactory(proposal=proposal, body="Propos visible")
    CommentFactory(proposal=proposal, body="Propos masqué", hidden_at=timezone.now())
    page = client.get(proposal.get_absolute_url()).content.decode()
    csv_text = client.get(f"/consultations/{campaign.slug}/commentaires.csv")
    json_text = _streamed(client.get(f"/consultations/{campaign.slug}/donnees.json"))
    api = client.get(f"/api/v1/proposals/{proposal.pk}/comments").json()
    assert "Propos visible" in page and "Propos masqué" not in page
    assert "Propos masqué" not in _streamed(csv_text)
    assert "Propos masqué" not in json_text and "Propos visible" in json_text
    assert [c["body"] for c in api["items"]] == ["Propos visible"]
