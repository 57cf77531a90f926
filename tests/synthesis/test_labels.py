"""Theme labels read as French key phrases: written forms, acronyms, no stray article."""

from essaim.synthesis.engine import synthesize
from essaim.synthesis.engine.clustering import MAX_THEMES, default_theme_count
from essaim.synthesis.engine.labels import label_themes
from essaim.synthesis.engine.text import analyse

VAT = [
    "Baisser la TVA sur les produits de première nécessité.",
    "La TVA sur les produits alimentaires est trop lourde pour les familles.",
    "Supprimer la TVA sur les produits de base, pâtes, lait, pain.",
    "Il faut une TVA plus faible sur les produits de première nécessité.",
]
EDUCATION = [
    "L’éducation nationale doit former les enseignants au numérique.",
    "Donner plus de moyens à l’éducation nationale dans les quartiers.",
    "L'éducation nationale manque de professeurs remplaçants.",
]
SHOUTED = [
    "PERSONNE NE PEUT VIVRE AVEC LE MINIMUM VIEILLESSE.",
    "Le minimum vieillesse est trop bas pour vivre.",
    "Augmenter le minimum vieillesse, personne ne peut vivre avec.",
]


def labels_of_three_themes() -> list[list[str]]:
    return label_themes([VAT, EDUCATION, SHOUTED])


def test_acronyms_keep_their_capitals_in_labels():
    assert labels_of_three_themes()[0][0] == "TVA sur les produits"


def test_a_label_does_not_start_with_an_elided_article():
    assert labels_of_three_themes()[1][0] == "Éducation nationale"


def test_a_text_typed_in_capitals_does_not_shout_in_labels():
    phrases = labels_of_three_themes()[2]
    assert phrases[0] == "Minimum vieillesse"
    assert "Personne ne peut vivre" in phrases


def test_more_contributions_give_more_themes_within_a_readable_bound():
    counts = [default_theme_count(n) for n in (1, 50, 200, 1_000, 1_000_000)]
    assert counts == sorted(counts)
    assert counts[0] >= 4 and counts[-1] == MAX_THEMES


def test_sample_themes_are_named_by_what_several_people_said(sample):
    synthesis = synthesize(sample, seed=0)
    label = {cid: synthesis.theme(synthesis.placements[cid].theme_id).label for cid in
             ("c01", "e01", "s01", "i02")}  # fmt: skip
    # The campaign asks for a RIC: its label is the whole expression, not a qualifier of it
    # (« échelle nationale ») nor a cut-short « organisation d’un référendum ».
    assert label["c01"] == "Référendum d’initiative citoyenne"

    # Most waste texts say « déchets »; only two say « emballages en plastique ».
    assert label["e01"] == "Déchets"
    assert label["s01"] in ("Médecins", "Déserts médicaux")
    assert label["i02"] == "TVA sur les produits"
    lemmas = {c.id: set(analyse(c.text).terms) for c in sample}
    for theme in synthesis.themes:
        members = synthesis.members(theme.id)
        words = set(analyse(theme.label).terms)  # « hôpitaux publics » says « hôpital public »
        saying = [cid for cid in members if words <= lemmas[cid]]
        # No theme of three or more is named after the wording of a single contribution.
        assert len(saying) >= min(2, len(members)), (theme.label, members)
