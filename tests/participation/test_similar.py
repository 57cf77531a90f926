"""Proposals that mean the same thing, not only the ones sharing letters."""

import pytest
from django.utils import timezone

from essaim.participation.enums import ProposalState
from essaim.participation.models import CampaignTerm
from essaim.participation.similar import score, similar_proposals, terms, word_stem
from tests.participation.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_word_forms_meet_on_one_stem():
    assert set(terms("dématérialiser")) & set(terms("la dématérialisation"))


def test_different_words_for_one_idea_meet_through_concepts():
    query = "Ne plus imprimer les bons de commande"
    scores = score(
        query,
        [
            "Supprimer le papier pour les achats : commandes en ligne",
            "Organiser des réunions plus courtes",
        ],
    )
    assert scores[0] > 0.3 > scores[1]


def test_similar_proposals_of_the_campaign_best_first(campaign):
    paper = ProposalFactory(
        campaign=campaign,
        title="Zéro papier pour les bons de commande",
        body="Dématérialiser les commandes de fournitures.",
    )
    ProposalFactory(
        campaign=campaign, title="Des réunions plus courtes", body="Trente minutes au plus."
    )
    ProposalFactory(title="Zéro papier pour les bons de commande")  # another campaign
    found = similar_proposals(
        campaign=campaign, text="Commander les fournitures en ligne sans imprimer de bon"
    )
    assert found == [paper]


def test_too_short_text_finds_nothing(campaign):
    ProposalFactory(campaign=campaign, title="Papier")
    assert similar_proposals(campaign=campaign, text="papier") == []


def test_reworded_proposal_with_few_shared_words_is_found(campaign):
    """Lemmas and concepts, not letters: « visas », « circuit », « papier » vs « parapheur
    électronique », « signer », « documents »."""
    parapheur = ProposalFactory(
        campaign=campaign,
        title="Un parapheur électronique pour tous les services",
        body="Les documents à signer attendent des jours sur les bureaux.",
    )
    ProposalFactory(
        campaign=campaign,
        title="Des horaires d’accueil le samedi matin",
        body="Pour les personnes qui travaillent en semaine.",
    )
    ProposalFactory(
        campaign=campaign,
        title="Un catalogue des formations en ligne",
        body="Trouver une formation prend trop de temps.",
    )
    found = similar_proposals(
        campaign=campaign,
        text="Faire circuler les visas numériquement plutôt que sur papier",
    )
    assert found[:1] == [parapheur]


def test_edited_text_is_reindexed_at_once(campaign):
    proposal = ProposalFactory(
        campaign=campaign,
        title="Zéro papier pour les bons de commande",
        body="Dématérialiser les commandes de fournitures.",
    )
    query = "Commander les fournitures en ligne sans imprimer de bon"
    assert similar_proposals(campaign=campaign, text=query) == [proposal]
    proposal.title = "Des réunions plus courtes"
    proposal.body = "Trente minutes au plus, avec un ordre du jour."
    proposal.save()
    assert similar_proposals(campaign=campaign, text=query) == []
    assert similar_proposals(campaign=campaign, text="Raccourcir nos réunions d’équipe") == [
        proposal
    ]


def test_hidden_merged_and_own_proposals_are_not_suggested(campaign):
    text = {"title": "Zéro papier pour les bons de commande", "body": "Commandes en ligne."}
    shown = ProposalFactory(campaign=campaign, **text)
    ProposalFactory(campaign=campaign, hidden_at=timezone.now(), **text)
    ProposalFactory(campaign=campaign, state=ProposalState.MERGED, **text)
    ProposalFactory(campaign=campaign, state=ProposalState.DRAFT, **text)
    query = "Bons de commande sans papier, en ligne"
    assert similar_proposals(campaign=campaign, text=query) == [shown]
    assert similar_proposals(campaign=campaign, text=query, exclude_pk=shown.pk) == []


def test_document_frequencies_follow_the_proposals(campaign):
    proposal = ProposalFactory(campaign=campaign, title="Parapheur électronique", body="Signer.")
    ProposalFactory(campaign=campaign, title="Parapheur partagé", body="Un seul parapheur.")
    frequencies = dict(
        CampaignTerm.objects.filter(campaign=campaign).values_list("term", "documents")
    )
    assert frequencies[""] == 2
    assert frequencies[word_stem("parapheur")] == 2
    proposal.title, proposal.body = "Réunions courtes", "Trente minutes."
    proposal.save()
    assert CampaignTerm.objects.get(campaign=campaign, term=word_stem("parapheur")).documents == 1
    assert CampaignTerm.objects.get(campaign=campaign, term="").documents == 2
