"""Proposals that mean the same thing, not only the ones sharing letters."""

import pytest

from essaim.participation.similar import score, similar_proposals, terms
from tests.participation.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def test_word_forms_meet_on_one_stem():
    assert set(terms("dématérialiser")) & set(terms("la dématérialisation"))


def test_different_words_for_one_idea_meet_through_concepts():
    query = "Ne plus imprimer les bons de commande"
    scores = score(
        query,
        [
            "Supprimer le papier pour les achats : commandes en ligne",
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
