"""Moderators answer many proposals at once: filter, tick, one answer and one reason, all or
nothing, through the single answer's rule; authors are told; the public sees each answer."""

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.participation import selection_services
from essaim.participation.enums import AnswerKind, ProposalState
from essaim.participation.models import Answer, ModerationLog
from essaim.participation.permissions import Refused
from tests.participation.factories import ProposalFactory, ThemeFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"
REASON = "Hors du champ de compétence du Département."


def _url(campaign, query=""):
    return reverse("participation:answer_bulk", args=[campaign.slug]) + query


def _post(client, campaign, proposals, *, kind="rejected", text=REASON, query=""):
    data = {"proposals": [p.pk for p in proposals], "kind": kind, "text": text}
    return client.post(_url(campaign, query), data, follow=True)


def _html(response):
    return response.content.decode()


def test_moderator_answers_ticked_proposals_and_authors_and_public_see_it(
    client, campaign, editor, django_capture_on_commit_callbacks
):
    services = ThemeFactory(campaign=campaign, name="Services aux agents")
    other = ThemeFactory(campaign=campaign, name="Relations aux usagers")
    first, second, third = (ProposalFactory(campaign=campaign, theme=services) for _ in range(3))
    elsewhere = ProposalFactory(campaign=campaign, theme=other, title="Guichet unique")
    client.force_login(editor)

    page = _html(client.get(_url(campaign, f"?theme={services.slug}")))
    assert "3 propositions correspondent aux filtres." in page
    assert f'value="{first.pk}"' in page and elsewhere.title not in page

    with django_capture_on_commit_callbacks(execute=True):
        response = _post(client, campaign, [first, third], query=f"?theme={services.slug}")
    html = _html(response)
    assert (
        f"2 propositions ont reçu la réponse «{NBSP}Non retenue{NBSP}»{NBSP}; leurs auteurs" in html
    )
    assert response.redirect_chain[-1][0] == _url(campaign, f"?theme={services.slug}")
    # The list (« sans réponse » by default) now only offers the one left.
    assert "1 proposition correspond aux filtres." in html

    for proposal in (first, third):
        proposal.refresh_from_db()
        assert proposal.state == ProposalState.REJECTED
        assert proposal.answer.text == REASON
    second.refresh_from_db()
    assert (
        second.state == ProposalState.PUBLISHED
        and not Answer.objects.filter(proposal=second).exists()
    )
    assert sorted(m.to[0] for m in mail.outbox) == sorted([first.author.email, third.author.email])
    assert all("non retenue" in m.body for m in mail.outbox)

    client.logout()
    assert REASON in _html(client.get(first.get_absolute_url()))
    public_report = _html(client.get(reverse("participation:answers", args=[campaign.slug])))
    assert first.title in public_report and third.title in public_report
    assert public_report.count(REASON) == 2


def test_proposals_already_answered_are_skipped_and_named(client, campaign, editor):
    kept = ProposalFactory(campaign=campaign, title="Dématérialiser les congés")
    selection_services.answer_proposal(
        kept, by=editor, kind=AnswerKind.SELECTED, text="Retenue pour les ateliers."
    )
    fresh = ProposalFactory(campaign=campaign)
    client.force_login(editor)

    # « Toutes » lists the answered one too, with its current answer.
    assert "Retenue" in _html(client.get(_url(campaign, "?reponse=toutes")))
    html = _html(_post(client, campaign, [kept, fresh], query="?reponse=toutes"))

    assert f"1 proposition a reçu la réponse «{NBSP}Non retenue{NBSP}»" in html
    assert (
        f"1 proposition laissée de côté{NBSP}: «{NBSP}Dématérialiser les congés{NBSP}» "
        f"(elle avait déjà la réponse «{NBSP}Retenue{NBSP}», à changer sur sa page)" in html
    )
    kept.refresh_from_db()
    assert kept.state == ProposalState.SELECTED
    assert kept.answer.text == "Retenue pour les ateliers."


def test_a_form_sent_twice_answers_once(
    client, campaign, editor, django_capture_on_commit_callbacks
):
    proposals = [ProposalFactory(campaign=campaign) for _ in range(2)]
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, campaign, proposals)
        html = _html(_post(client, campaign, proposals))

    assert "ont reçu la réponse" not in html
    assert f"2 propositions laissées de côté{NBSP}:" in html
    assert "(elle avait déjà cette réponse)" in html
    assert Answer.objects.filter(proposal__in=proposals).count() == 2
    assert ModerationLog.objects.filter(proposal__in=proposals).count() == 2
    assert len(mail.outbox) == 2


def test_nothing_is_applied_when_one_proposal_fails_the_rule(
    campaign, editor, django_capture_on_commit_callbacks
):
    """The rule of `answer_proposal` refuses a merged proposal: the proposals answered before
    it in the batch are rolled back too, and nobody is e-mailed."""
    before = ProposalFactory(campaign=campaign)
    merged = ProposalFactory(campaign=campaign, title="Doublon", state=ProposalState.MERGED)
    after = ProposalFactory(campaign=campaign)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as err:
        selection_services.answer_proposals(
            campaign,
            proposals=[after, merged, before],
            by=editor,
            kind=AnswerKind.REJECTED,
            text=REASON,
        )

    assert f"«{NBSP}Doublon{NBSP}»{NBSP}:" in err.value.messages[0]
    assert "Aucune réponse n’a été publiée." in err.value.messages[0]
    assert not Answer.objects.exists()
    assert not ModerationLog.objects.exists()
    before.refresh_from_db()
    assert before.state == ProposalState.PUBLISHED
    assert mail.outbox == []


def test_a_proposal_merged_meanwhile_cancels_the_whole_form(client, campaign, editor):
    fine = ProposalFactory(campaign=campaign)
    gone = ProposalFactory(campaign=campaign)
    client.force_login(editor)
    assert f'value="{gone.pk}"' in _html(client.get(_url(campaign)))
    gone.state = ProposalState.MERGED  # another moderator merged it after the page was shown
    gone.save(update_fields=["state"])

    response = client.post(
        _url(campaign), {"proposals": [fine.pk, gone.pk], "kind": "rejected", "text": REASON}
    )

    assert response.status_code == 400
    assert "ne peut plus recevoir de réponse" in _html(response)
    assert f'id="proposition-{fine.pk}" name="proposals" value="{fine.pk}" checked' in _html(
        response
    )
    assert not Answer.objects.exists()


def test_a_reason_and_a_ticked_proposal_are_required(client, campaign, editor):
    proposal = ProposalFactory(campaign=campaign)
    client.force_login(editor)

    without_reason = client.post(
        _url(campaign), {"proposals": [proposal.pk], "kind": "rejected", "text": ""}
    )
    nothing_ticked = client.post(_url(campaign), {"kind": "rejected", "text": REASON})

    assert without_reason.status_code == nothing_ticked.status_code == 400
    assert "Cochez au moins une proposition." in _html(nothing_ticked)
    assert not Answer.objects.exists()


def test_filters_by_state_and_answer(client, campaign, editor):
    review = ProposalFactory(campaign=campaign, title="En examen", state=ProposalState.REVIEW)
    ProposalFactory(campaign=campaign, title="Juste publiée")
    answered = ProposalFactory(campaign=campaign, title="Déjà répondue")
    selection_services.answer_proposal(answered, by=editor, kind="rejected", text="Non.")
    ProposalFactory(campaign=campaign, title="Retirée", state=ProposalState.WITHDRAWN)
    client.force_login(editor)

    by_state = _html(client.get(_url(campaign, "?etat=review")))
    with_answer = _html(client.get(_url(campaign, "?reponse=avec")))
    default = _html(client.get(_url(campaign)))

    assert review.title in by_state and "Juste publiée" not in by_state
    assert "Déjà répondue" in with_answer and "Juste publiée" not in with_answer
    assert "Déjà répondue" not in default and "Retirée" not in default
    assert "2 propositions correspondent aux filtres." in default


def test_only_the_campaigns_moderators_answer_in_bulk(
    client, campaign, agent, other_agent, applicant, editor
):
    proposal = ProposalFactory(campaign=campaign)
    data = {"proposals": [proposal.pk], "kind": "selected", "text": REASON}

    assert client.get(_url(campaign)).status_code == 302  # to the sign-in page
    for person in (agent, other_agent, applicant):
        client.force_login(person)
        assert client.get(_url(campaign)).status_code == 403
        assert client.post(_url(campaign), data).status_code == 403
        with pytest.raises(Refused):
            selection_services.answer_proposals(
                campaign, proposals=[proposal], by=person, kind="selected", text=REASON
            )
    assert not Answer.objects.exists()

    client.force_login(editor)
    dashboard = _html(client.get(reverse("participation:dashboard", args=[campaign.slug])))
    assert _url(campaign) in dashboard
