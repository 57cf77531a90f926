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
    # participants by row: distinct people behind the row's proposals, supports and comments
    assert sorted(row["participants"] for row in figures["by_theme"]) == [3, 4]
    assert [row["participants"] for row in figures["by_phase"]] == [5, 5, 5]
    assert [row["participants"] for row in figures["by_day"]] == [5]
    assert [row["participants"] for row in figures["by_territory"]] == [5]  # « sans lieu »


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
    columns = ("participants", "proposals", "supports", "comments")
    for breakdown in ("by_phase", "by_theme", "by_territory", "by_day"):
        expected = [[r["label"], *(r[c] for c in columns)] for r in figures[breakdown]]
        assert [[r["label"], *(r[c] for c in columns)] for r in api[breakdown]] == expected
        assert [
            [r["label"], *(r[c] for c in columns)] for r in document["figures"][breakdown]
        ] == expected
        for label, *counts in expected:
            assert f"{breakdown};{label};{';'.join(map(str, counts))}" in csv_text
            assert re.search(rf">\s*{re.escape(label)}\s*</th>\s*<td>{counts[0]}</td>", public)
    assert f"total;Ensemble;{';'.join(str(totals[c]) for c in columns)}" in csv_text
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


def _page_comments(client, proposal) -> tuple[str, int]:
    """The proposal page and the number of comments it says it has."""
    html = client.get(proposal.get_absolute_url()).content.decode()
    return html, int(re.search(r"(\d+) commentaires?\b", html).group(1))


def test_hiding_a_root_comment_hides_it_alone_everywhere(client, campaign, editor, applicant):
    """A hidden comment is replaced on the page by the moderators' notice; its replies, which
    nobody moderated, stay readable. The page, both exports, the API, the figures and the
    counter agree before, after hiding and after restoring."""
    proposal = ProposalFactory(campaign=campaign)
    root = discussion_services.post_comment(proposal, author=applicant, body="Racine du fil")
    first = discussion_services.post_comment(
        proposal, author=ParticipantFactory(), body="Première réponse", parent=root
    )
    discussion_services.post_comment(
        proposal, author=ParticipantFactory(), body="Réponse à la réponse", parent=first
    )
    discussion_services.post_comment(proposal, author=applicant, body="Autre fil")
    bodies = {"Racine du fil", "Première réponse", "Réponse à la réponse", "Autre fil"}

    def everywhere() -> dict:
        html, said = _page_comments(client, proposal)
        csv_text = _streamed(client.get(f"/consultations/{campaign.slug}/commentaires.csv"))
        document = json.loads(_streamed(client.get(f"/consultations/{campaign.slug}/donnees.json")))
        api = client.get(f"/api/v1/proposals/{proposal.pk}/comments").json()
        api_proposal = client.get(f"/api/v1/proposals/{proposal.pk}").json()
        figures = client.get(f"/api/v1/campaigns/{campaign.slug}/figures").json()
        proposal.refresh_from_db()
        return {
            "page": {b for b in bodies if b in html},
            "csv": {b for b in bodies if b in csv_text},
            "json": {c["body"] for c in document["comments"]},
            "api": {c["body"] for c in api["items"]},
            "counts": {
                said,
                api["count"],
                api_proposal["comments"],
                document["figures"]["comments"],
                document["proposals"][0]["comments"],
                figures["comments"],
                proposal.comment_count,
            },
            "html": html,
        }

    before = everywhere()
    assert before["page"] == before["csv"] == before["json"] == before["api"] == bodies
    assert before["counts"] == {4}

    discussion_services.hide(by=editor, reason="Hors sujet", comment=root)
    hidden = everywhere()
    kept = bodies - {"Racine du fil"}
    assert hidden["page"] == hidden["csv"] == hidden["json"] == hidden["api"] == kept
    assert hidden["counts"] == {3}
    assert "Commentaire masqué par la modération\u00a0: Hors sujet" in hidden["html"]
    assert "en réponse à un commentaire masqué" not in hidden["html"]  # replies to the root
    assert campaign_figures(campaign)["comments"] == 3

    root.refresh_from_db()
    discussion_services.restore(by=editor, comment=root)
    after = everywhere()
    assert after["page"] == after["csv"] == after["json"] == after["api"] == bodies
    assert after["counts"] == {4}
    assert "Commentaire masqué" not in after["html"]


def test_charts_drawn_on_the_server_with_a_text_alternative(client, busy, editor):
    """By-theme and by-day charts are inline SVG (no JavaScript), each an image whose label
    says its numbers, followed by the table with the same numbers; same on the dashboard."""
    figures = campaign_figures(busy)
    client.force_login(editor)
    for path in (busy.get_absolute_url(), f"/consultations/{busy.slug}/tableau-de-bord/"):
        html = client.get(path).content.decode()
        section = html.split('id="chiffres"', 1)[1].split("</section>", 1)[0]
        labels = re.findall(r'<svg role="img" aria-label="([^"]+)"', section)
        assert len(labels) == 4
        themes = "\u00a0; ".join(f"{r['label']} {r['proposals']}" for r in figures["by_theme"])
        assert f"Propositions par thème\u00a0: {themes}." in labels
        day = figures["by_day"][0]
        assert any(
            label.startswith("Participants par jour")
            and f"au plus {day['participants']}, le {day['label']}" in label
            for label in labels
        )
        assert section.count("<rect") == 2 * len(figures["by_theme"]) + 2 * len(figures["by_day"])
        assert section.index("Propositions par thème") < section.index(
            "<table", section.index("Propositions par thème")
        )
        assert "<script" not in section
        assert not re.search(r'\b(width|height|x|y)="-?\d+,', section)  # SVG lengths, not French
