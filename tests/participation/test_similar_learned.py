"""Learned concepts (data/concepts_fr.txt): two proposals without a word in common meet."""

import pytest

from essaim.participation.models import ProposalTerm
from essaim.participation.similar import learned_concepts, score, terms
from essaim.participation.similarity_index import rebuild
from tests.participation.factories import ProposalFactory

pytestmark = pytest.mark.django_db

# A town's consultation, written for this test.
SAMPLE = [
    ("Carte grise et permis de conduire : délivrance accélérée",
     "Le renouvellement des titres prend des semaines."),
    ("Des pistes cyclables sécurisées vers le collège",
     "Les enfants pourraient venir à vélo."),
    ("Ouvrir la médiathèque le dimanche", "Beaucoup d’habitants travaillent en semaine."),
    ("Un composteur dans chaque quartier", "Réduire les ordures ménagères."),
    ("Lutter contre les incivilités", "Les dégradations se multiplient le soir."),
    ("Rénover l’isolation des écoles", "Les bâtiments consomment trop de chauffage."),
    ("Un marché de producteurs locaux", "Acheter directement aux agriculteurs du coin."),
    ("Plus de places en crèche", "Les parents attendent une place pendant des mois."),
    ("Des bancs et de l’ombre sur la place", "Planter des arbres pour l’été."),
    ("Simplifier l’inscription à la cantine", "Un seul formulaire pour toute l’année."),
    ("Une navette pour les personnes âgées", "Aller chez le médecin sans voiture."),
    ("Limiter la vitesse à 30 km/h en ville", "Moins de bruit et plus de sécurité."),
]  # fmt: skip
QUERY = "Obtenir son passeport ou sa CNI en sous-préfecture sans tant patienter"


def test_same_idea_without_a_shared_word_comes_first():
    texts = [f"{title} {body}" for title, body in SAMPLE]
    licences = texts[0]
    # Not one stem nor hand-written concept in common: only the learned concepts join them.
    assert not set(terms(QUERY, learned=False)) & set(terms(licences, learned=False))
    scores = score(QUERY, texts)
    assert scores[0] > 0
    assert scores[0] == max(scores)
    assert sorted(scores, reverse=True)[1] < scores[0] / 2


def test_learned_concepts_group_words_of_one_idea():
    table = learned_concepts()
    assert table["passeport"] == table["permi"]
    assert table["passeport"] != table["chomag"]


def test_rebuild_indexes_the_proposals_again(campaign):
    proposal = ProposalFactory(campaign=campaign, title=SAMPLE[0][0], body=SAMPLE[0][1])
    learned = ProposalTerm.objects.filter(proposal=proposal, term__startswith="~~")
    expected = set(learned.values_list("term", flat=True))
    assert "~~" + learned_concepts()["permi"] in expected
    learned.delete()  # an index written before the learned concepts existed
    assert rebuild([campaign.pk]) == 1
    assert set(learned.values_list("term", flat=True)) == expected
