from bench.synthesis.duplicates import evaluate
from essaim.synthesis.engine.duplicates import group_duplicates, normal_form


def test_precision_on_pairs_labelled_by_hand_is_at_least_95_percent():
    scores = evaluate()
    assert scores["pairs"] == 66
    assert scores["precision"] >= 0.95
    assert scores["recall"] >= 0.6


def test_same_wording_with_another_key_word_is_not_a_duplicate():
    forms = [
        normal_form("La TVA sur les produits de première nécessité, vraiment trop élevée."),
        normal_form("La CSG sur les produits de première nécessité, vraiment trop élevée."),
        normal_form("La TVA sur les produits de première nécessité, vraiment trop élevée !!"),
    ]
    groups = group_duplicates(forms)
    assert groups[0] == groups[2] >= 0
    assert groups[1] == -1
