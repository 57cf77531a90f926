"""The consultation pages as a visitor, a participant, a moderator and a juror see them."""

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.participation import discussion_services
from essaim.participation.enums import Audience, ProposalState
from essaim.participation.models import Proposal, Support
from tests.participation.factories import (
    CampaignFactory,
    CommentFactory,
    CriterionFactory,
    JurorFactory,
    ProposalFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def url(name, campaign, *args):
    return reverse(f"participation:{name}", args=[campaign.slug, *args])


def test_index_lists_campaigns(client, campaign):
    html = client.get("/consultations/").content.decode()
    assert campaign.title in html
    assert campaign.question in html


def test_campaign_page_shows_phases_figures_and_public_proposals_only(client, campaign):
    visible = ProposalFactory(campaign=campaign, title="Visible")
    ProposalFactory(campaign=campaign, title="Brouillon caché", state=ProposalState.DRAFT)
    ProposalFactory(campaign=campaign, title="Masquée", hidden_at=timezone.now())
    Support.objects.create(proposal=visible, user=visible.author)
    response = client.get(campaign.get_absolute_url())
    html = response.content.decode()
    assert "Dépôt des propositions" in html and "en cours" in html
    assert "Visible" in html
    assert "Brouillon caché" not in html and "Masquée" not in html
    assert "1 proposition" in html


def test_campaign_list_filters_by_theme(client, campaign):
    theme = ThemeFactory(campaign=campaign, name="E-administration")
    ProposalFactory(campaign=campaign, title="Dans le thème", theme=theme)
    ProposalFactory(campaign=campaign, title="Ailleurs")
    html = client.get(campaign.get_absolute_url() + f"?theme={theme.slug}").content.decode()
    assert "Dans le thème" in html and "Ailleurs" not in html


def test_anonymous_visitor_is_sent_to_sign_in_to_propose(client, organisation):
    """A campaign for signed-in citizens (open ones take a proposal without an account:
    test_open_audience)."""
    campaign = CampaignFactory(organisations=[organisation], audience=Audience.CITIZENS)
    response = client.get(url("propose", campaign))
    assert response.status_code == 302
    assert "/compte/connexion/" in response["Location"]


def test_citizen_is_refused_an_agents_only_campaign(client, organisation, applicant):
    campaign = CampaignFactory(organisations=[organisation], audience=Audience.AGENTS)
    client.force_login(applicant)
    response = client.get(url("propose", campaign))
    assert response.status_code == 403
    assert "réservée aux agents" in response.content.decode()


def test_publish_a_proposal(client, campaign, applicant):
    client.force_login(applicant)
    response = client.post(
        url("propose", campaign),
        {
            "title": "Moins de réunions",
            "body": "Des réunions de trente minutes.",
            "action": "publish",
        },
    )
    proposal = Proposal.objects.get(title="Moins de réunions")
    assert response.status_code == 302 and response["Location"] == proposal.get_absolute_url()
    assert proposal.state == ProposalState.PUBLISHED and proposal.author == applicant


def test_draft_is_kept_and_can_be_resumed(client, campaign, applicant):
    client.force_login(applicant)
    client.post(url("propose", campaign), {"title": "À finir", "body": "Début", "action": "draft"})
    draft = Proposal.objects.get(title="À finir")
    assert draft.state == ProposalState.DRAFT
    html = client.get(url("edit", campaign, draft.pk)).content.decode()
    assert 'value="À finir"' in html


def test_errors_keep_what_was_typed_and_say_how_to_fix(client, campaign, applicant):
    client.force_login(applicant)
    response = client.post(
        url("propose", campaign),
        {"title": "", "body": "Un texte que je ne veux pas perdre", "action": "publish"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Un texte que je ne veux pas perdre" in html
    assert "fr-error-text" in html or "fr-input-group--error" in html


def test_similar_proposal_is_offered_before_publishing(client, campaign, applicant):
    existing = ProposalFactory(
        campaign=campaign,
        title="Zéro papier pour les bons de commande",
        body="Dématérialiser les commandes de fournitures.",
    )
    client.force_login(applicant)
    data = {
        "title": "Commander les fournitures en ligne",
        "body": "Ne plus imprimer de bon de commande papier.",
        "action": "publish",
    }
    response = client.post(url("propose", campaign), data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Votre idée existe peut-être déjà" in html
    assert existing.title in html
    assert not Proposal.objects.filter(title=data["title"]).exists()
    response = client.post(url("propose", campaign), {**data, "similar_checked": "1"})
    assert response.status_code == 302
    assert Proposal.objects.filter(title=data["title"], state=ProposalState.PUBLISHED).exists()


def test_similar_fragment_while_typing(client, campaign):
    ProposalFactory(
        campaign=campaign,
        title="Zéro papier pour les bons de commande",
        body="Dématérialiser les commandes de fournitures.",
    )
    response = client.get(
        url("similar", campaign),
        {"title": "Commandes de fournitures en ligne", "body": "sans papier"},
        headers={"HX-Request": "true"},
    )
    html = response.content.decode()
    assert "Zéro papier pour les bons de commande" in html
    assert "<html" not in html


def test_someone_else_cannot_edit(client, campaign, agent):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(agent)
    assert client.get(url("edit", campaign, proposal.pk)).status_code == 403


def test_author_withdraws_a_proposal_that_stays_readable(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(proposal.author)
    assert "Retirer ma proposition" in client.get(proposal.get_absolute_url()).content.decode()
    response = client.post(url("withdraw", campaign, proposal.pk), follow=True)
    html = response.content.decode()
    assert "Votre proposition est retirée" in html and proposal.title in html
    assert "Retirer ma proposition" not in html
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.WITHDRAWN


def test_only_the_author_withdraws(client, campaign, agent):
    proposal = ProposalFactory(campaign=campaign)
    response = client.post(url("withdraw", campaign, proposal.pk))
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    client.force_login(agent)
    assert "Retirer ma proposition" not in client.get(proposal.get_absolute_url()).content.decode()
    html = client.post(url("withdraw", campaign, proposal.pk), follow=True).content.decode()
    assert "Seul l’auteur ou l’autrice peut retirer cette proposition." in html
    proposal.refresh_from_db()
    assert proposal.state == ProposalState.PUBLISHED


def test_support_button(client, campaign, applicant):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(applicant)
    client.post(url("support", campaign, proposal.pk), {"action": "support"})
    client.post(url("support", campaign, proposal.pk), {"action": "support"})
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Vous soutenez cette proposition." in html


def test_anonymous_support_goes_to_sign_in(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    response = client.post(url("support", campaign, proposal.pk), {"action": "support"})
    assert response.status_code == 302 and "/compte/connexion/" in response["Location"]
    assert not Support.objects.exists()


def test_anonymous_display_hides_the_name(client, campaign):
    proposal = ProposalFactory(campaign=campaign, anonymous=True)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert proposal.author.last_name not in html
    assert "Participant ou participante anonyme" in html


def test_comment_and_hidden_comment(client, campaign, applicant):
    proposal = ProposalFactory(campaign=campaign)
    CommentFactory(proposal=proposal, body="Commentaire injurieux", hidden_at=timezone.now())
    client.force_login(applicant)
    client.post(url("comments", campaign, proposal.pk), {"body": "Très bonne idée"})
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert "Très bonne idée" in html
    assert "Commentaire injurieux" not in html


def test_a_thread_longer_than_the_page_shows_shows_the_rest_on_its_own_page(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    root = CommentFactory(proposal=proposal, body="Le fil")
    replies = [
        CommentFactory(proposal=proposal, parent=root, root=root, body=f"Réponse {n}")
        for n in range(discussion_services.REPLIES_PER_THREAD + 2)
    ]
    html = client.get(proposal.get_absolute_url()).content.decode()
    shown, hidden = replies[: discussion_services.REPLIES_PER_THREAD], replies[-2:]
    assert f"commentaire-{shown[-1].pk}" in html
    assert f"commentaire-{hidden[0].pk}" not in html
    assert f"Lire la suite de ce fil ({len(replies)} réponses en tout)" in html
    rest = client.get(
        proposal.get_absolute_url(), {"fil": root.pk, "apres": shown[-1].pk}
    ).content.decode()
    assert all(f"commentaire-{r.pk}" in rest for r in hidden)
    assert f"commentaire-{shown[0].pk}" not in rest
    assert "Revenir à tous les commentaires" in rest
    other = client.get(proposal.get_absolute_url(), {"fil": 999999}).content.decode()
    assert "Revenir à tous les commentaires" in other and "Le fil" not in other


def test_comments_next_page_link_without_and_with_htmx(client, campaign):
    proposal = ProposalFactory(campaign=campaign)
    comments = CommentFactory.create_batch(25, proposal=proposal)
    html = client.get(proposal.get_absolute_url()).content.decode()
    assert f"?apres={comments[19].pk}" in html
    fragment = client.get(
        url("comments", campaign, proposal.pk) + f"?apres={comments[19].pk}",
        headers={"HX-Request": "true"},
    ).content.decode()
    assert f"commentaire-{comments[24].pk}" in fragment
    assert f"commentaire-{comments[0].pk}" not in fragment


def test_draft_of_someone_else_is_not_found(client, campaign, applicant):
    draft = ProposalFactory(campaign=campaign, state=ProposalState.DRAFT)
    client.force_login(applicant)
    assert client.get(draft.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("name", ["moderation", "merge"])
def test_moderation_pages_refuse_non_moderators(client, campaign, agent, editor, name):
    assert client.get(url(name, campaign)).status_code == 302  # anonymous: sign in
    client.force_login(agent)
    assert client.get(url(name, campaign)).status_code == 403
    client.force_login(editor)
    assert client.get(url(name, campaign)).status_code == 200


def test_moderator_hides_a_reported_comment_from_the_queue(client, campaign, editor, applicant):
    comment = CommentFactory(proposal=ProposalFactory(campaign=campaign), body="Spam")
    client.force_login(applicant)
    client.post(
        url("report", campaign, comment.proposal_id), {"reason": "pub", "comment": comment.pk}
    )
    client.force_login(editor)
    assert "Spam" in client.get(url("moderation", campaign)).content.decode()
    client.post(
        url("moderate", campaign),
        {"target": f"comment:{comment.pk}", "action": "hide", "reason": "Publicité"},
    )
    comment.refresh_from_db()
    assert comment.hidden_reason == "Publicité"
    assert "Publicité" in client.get(url("moderation", campaign)).content.decode()  # the log


def test_agent_cannot_post_a_moderation_action(client, campaign, agent):
    comment = CommentFactory(proposal=ProposalFactory(campaign=campaign))
    client.force_login(agent)
    response = client.post(
        url("moderate", campaign),
        {"target": f"comment:{comment.pk}", "action": "hide", "reason": "x"},
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.hidden_at is None


def test_merge_page_merges(client, campaign, editor):
    a, b = ProposalFactory.create_batch(2, campaign=campaign)
    client.force_login(editor)
    response = client.post(
        url("merge", campaign), {"sources": [a.pk], "into": b.pk, "reason": "Doublon"}
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert a.merged_into == b
    html = client.get(a.get_absolute_url()).content.decode()
    assert "a été fusionnée" in html and b.get_absolute_url() in html


def test_jury_grid_and_scoring(client, campaign, applicant):
    criterion = CriterionFactory(campaign=campaign, name="Utilité")
    juror = JurorFactory(campaign=campaign)
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(applicant)
    assert client.get(url("jury", campaign)).status_code == 403
    assert client.get(url("score", campaign, proposal.pk)).status_code == 403
    client.force_login(juror.user)
    response = client.post(url("score", campaign, proposal.pk), {f"criterion-{criterion.pk}": "9"})
    assert response.status_code == 400 and "entre 0 et 5" in response.content.decode()
    client.post(url("score", campaign, proposal.pk), {f"criterion-{criterion.pk}": "4"})
    html = client.get(url("jury", campaign)).content.decode()
    assert "<td>4</td>" in html.replace(" ", "").replace("\n", "").replace(
        "<td>4</td>", "<td>4</td>"
    )


def test_juror_with_a_conflict_cannot_score(client, campaign):
    criterion = CriterionFactory(campaign=campaign)
    juror = JurorFactory(campaign=campaign)
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(juror.user)
    client.post(url("score", campaign, proposal.pk), {"action": "conflict", "reason": "Mon équipe"})
    html = client.get(url("score", campaign, proposal.pk)).content.decode()
    assert "Vous avez déclaré un conflit d’intérêts" in html
    client.post(url("score", campaign, proposal.pk), {f"criterion-{criterion.pk}": "4"})
    assert not juror.scores.exists()


def test_a_juror_sees_that_they_do_not_score_their_own_proposal(client, campaign):
    criterion = CriterionFactory(campaign=campaign)
    juror = JurorFactory(campaign=campaign)
    own = ProposalFactory(campaign=campaign, author=juror.user, state=ProposalState.REVIEW)
    client.force_login(juror.user)
    html = client.get(url("score", campaign, own.pk)).content.decode()
    assert "Conflit d’intérêts\u00a0: vous êtes l’auteur ou l’autrice" in html
    assert f'name="criterion-{criterion.pk}"' not in html
    client.post(url("score", campaign, own.pk), {f"criterion-{criterion.pk}": "4"})
    assert not juror.scores.exists()
    grid = client.get(url("jury", campaign)).content.decode()
    assert own.title in grid and "conflit" in grid.split(own.title, 1)[1].split("</tr>", 1)[0]


def test_answer_page_is_for_moderators_and_the_answer_is_public(client, campaign, editor, agent):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(agent)
    assert client.get(url("answer", campaign, proposal.pk)).status_code == 403
    client.force_login(editor)
    client.post(
        url("answer", campaign, proposal.pk),
        {"kind": "selected", "text": "Retenue : ateliers en novembre."},
    )
    client.logout()
    assert (
        "Retenue : ateliers en novembre."
        in client.get(proposal.get_absolute_url()).content.decode()
    )
    assert (
        "Retenue : ateliers en novembre." in client.get(url("answers", campaign)).content.decode()
    )
