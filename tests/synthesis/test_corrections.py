import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from essaim.synthesis.engine import (
    Contribution,
    add_contributions,
    delete,
    merge,
    move,
    pin,
    recompute,
    rename,
    split,
    synthesize,
)
from tests.synthesis.conftest import load_sample


def theme_of(synthesis, cid):
    return synthesis.placements[cid].theme_id


@pytest.fixture
def synthesis(sample):
    return synthesize(sample, seed=0)


NEW = [
    Contribution(id="n1", text="Davantage de bus et de trains pour les villages ruraux."),
    Contribution(id="n2", text="Former davantage de médecins pour les déserts médicaux."),
    Contribution(id="n3", text="Réduire les emballages plastiques et mieux trier les déchets."),
]


def test_new_contributions_join_existing_themes_without_changing_them(synthesis, sample):
    before = {t.id: (t.label, set(synthesis.members(t.id))) for t in synthesis.themes}
    added = add_contributions(synthesis, [*sample, *NEW])
    assert added == 3
    assert theme_of(synthesis, "n1") == theme_of(synthesis, "t01")
    assert theme_of(synthesis, "n2") == theme_of(synthesis, "s01")
    assert theme_of(synthesis, "n3") == theme_of(synthesis, "e01")
    for theme in synthesis.themes:
        label, members = before[theme.id]
        assert theme.label == label
        assert set(synthesis.members(theme.id)) - members <= {"n1", "n2", "n3"}


def test_a_renamed_theme_keeps_its_name_through_new_contributions_and_a_recompute(
    synthesis, sample
):
    transports = theme_of(synthesis, "t01")
    rename(synthesis, sample, theme_id=transports, label="Mobilité dans les campagnes")
    add_contributions(synthesis, [*sample, *NEW])
    assert synthesis.theme(transports).label == "Mobilité dans les campagnes"
    fresh = recompute(synthesis, [*sample, *NEW])
    assert fresh.theme(theme_of(fresh, "t01")).label == "Mobilité dans les campagnes"
    assert fresh.theme(theme_of(fresh, "t01")).id == transports


def test_a_moved_contribution_and_a_pinned_quote_stay_after_a_recompute(synthesis, sample):
    health = theme_of(synthesis, "s01")
    move(synthesis, sample, contribution_id="t07", theme_id=health)
    pin(synthesis, sample, theme_id=health, contribution_id="s05")
    assert synthesis.theme(health).quotes[0] == "s05"
    fresh = recompute(synthesis, sample)
    assert theme_of(fresh, "t07") == theme_of(fresh, "s01") == health
    assert fresh.theme(health).quotes[0] == "s05"
    assert fresh.corrections == synthesis.corrections


def test_a_deleted_theme_does_not_come_back(synthesis, sample):
    waste = theme_of(synthesis, "e01")
    delete(synthesis, sample, theme_id=waste)
    assert theme_of(synthesis, "e01") is None
    assert synthesis.placements["e01"].reason == "deleted"
    add_contributions(synthesis, [*sample, *NEW])
    assert theme_of(synthesis, "n3") is None  # close to the deleted theme: not elsewhere
    fresh = recompute(synthesis, [*sample, *NEW])
    assert all(theme_of(fresh, cid) is None for cid in ("e01", "e02", "n3"))


def test_merged_themes_stay_merged_and_new_ones_join_them(synthesis, sample):
    transports, health = theme_of(synthesis, "t01"), theme_of(synthesis, "s01")
    merge(synthesis, sample, theme_ids=[transports, health], into=transports)
    assert theme_of(synthesis, "s01") == transports
    assert health not in {t.id for t in synthesis.themes}
    add_contributions(synthesis, [*sample, *NEW])
    assert theme_of(synthesis, "n2") == transports
    fresh = recompute(synthesis, [*sample, *NEW])
    assert theme_of(fresh, "t01") == theme_of(fresh, "s01")


def test_a_split_theme_keeps_both_parts_for_new_contributions(synthesis, sample):
    transports = theme_of(synthesis, "t01")
    trains = ["t04", "t07"]
    new_id = split(synthesis, sample, theme_id=transports, contribution_ids=trains,
                   label="Trains")  # fmt: skip
    assert theme_of(synthesis, "t04") == new_id and theme_of(synthesis, "t01") == transports
    assert synthesis.theme(new_id).label == "Trains"
    add_contributions(
        synthesis, [*sample, Contribution(id="n4", text="Le prix des billets de train")]
    )
    assert theme_of(synthesis, "n4") == new_id


def test_corrections_refuse_what_makes_no_sense_in_french(synthesis, sample):
    transports = theme_of(synthesis, "t01")
    with pytest.raises(ValueError, match="ne peut pas être vide"):
        rename(synthesis, sample, theme_id=transports, label="   ")
    with pytest.raises(ValueError, match="pas toutes"):
        split(synthesis, sample, theme_id=transports,
              contribution_ids=synthesis.members(transports), label="Tout")  # fmt: skip
    with pytest.raises(ValueError, match="Seule une contribution du thème"):
        pin(synthesis, sample, theme_id=transports, contribution_id="s01")


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(min_value=0, max_value=35), min_size=12), st.integers(0, 5))
def test_corrections_survive_a_recompute_whatever_the_contributions_and_seed(chosen, seed):
    contributions = [c for i, c in enumerate(load_sample()) if i in chosen]
    synthesis = synthesize(contributions, seed=seed)
    assume(len(synthesis.themes) >= 2)
    first, second = synthesis.themes[0].id, synthesis.themes[1].id
    moved = synthesis.members(first)[0]
    rename(synthesis, contributions, theme_id=second, label="Nom choisi par la coordinatrice")
    move(synthesis, contributions, contribution_id=moved, theme_id=second)
    fresh = recompute(synthesis, contributions)
    assert theme_of(fresh, moved) == second
    assert fresh.theme(second).label == "Nom choisi par la coordinatrice"
