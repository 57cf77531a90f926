import json
import os
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.synthesis.engine import Contribution, Synthesis, synthesize
from tests.synthesis.conftest import load_sample


def theme_of(synthesis, cid):
    return synthesis.placements[cid].theme_id


def test_reworded_versions_of_one_idea_land_in_one_theme(sample):
    synthesis = synthesize(sample, seed=0)
    # Same idea, different words: rural buses and trains; cheaper food through lower VAT;
    # too few doctors in the countryside.
    assert theme_of(synthesis, "t01") == theme_of(synthesis, "t04") is not None
    assert theme_of(synthesis, "i02") == theme_of(synthesis, "i03") is not None
    assert theme_of(synthesis, "s01") == theme_of(synthesis, "s02") is not None
    assert len({theme_of(synthesis, c) for c in ("t01", "s01", "e01")}) == 3


def test_an_english_contribution_does_not_make_a_theme_of_its_own(sample):
    synthesis = synthesize(sample, seed=0)
    placement = synthesis.placements["en1"]
    assert placement.theme_id is None and placement.reason == "language"
    assert synthesis.placements["x01"].reason == "empty"
    assert synthesis.placements["x04"].reason == "empty"  # emoji only
    assert synthesis.placements["x02"].reason == "no_content"  # « Non »


def test_labels_are_short_french_phrases_found_in_the_contributions(sample):
    synthesis = synthesize(sample, seed=0)
    corpus = " ".join(c.text.lower() for c in sample).replace("'", "’")
    labels = [t.label for t in synthesis.themes]
    assert len(set(labels)) == len(labels)
    for label in labels:
        assert 1 <= len(label.split()) <= 5
        assert label[0].isupper()
        assert label.lower() in corpus, label
    assert any(len(label.split()) >= 2 for label in labels)


def test_themes_give_size_share_quotes_and_evolution(sample):
    synthesis = synthesize(sample, seed=0)
    transports = synthesis.theme(theme_of(synthesis, "t01"))
    members = synthesis.members(transports.id)
    assert transports.size == len(members) >= 5
    assert transports.share == round(transports.size / len(sample), 4)
    assert 1 <= len(transports.quotes) <= 5 and set(transports.quotes) <= set(members)
    assert sum(transports.by_period.values()) == transports.size
    assert "23" in transports.by_territory  # the Creuse, from postcodes


def test_a_copy_paste_campaign_is_one_duplicate_group_and_short_answers_are_not(sample):
    synthesis = synthesize(sample, seed=0)
    group = synthesis.placements["c01"].duplicate_group
    assert group is not None
    assert set(synthesis.duplicate_groups[group]) == {"c01", "c02", "c03", "c04"}
    assert synthesis.placements["x02"].duplicate_group is None  # « Non » twice is no campaign


def test_same_seed_same_synthesis(sample):
    first = synthesize(sample, seed=3).to_dict()
    second = synthesize(sample, seed=3).to_dict()
    assert json.dumps(first, sort_keys=True) == json.dumps(second, sort_keys=True)


def test_the_state_survives_a_json_round_trip(sample):
    synthesis = synthesize(sample, seed=0)
    copy = Synthesis.from_dict(json.loads(json.dumps(synthesis.to_dict())))
    assert [t.label for t in copy.themes] == [t.label for t in synthesis.themes]
    assert copy.placements == synthesis.placements


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sets(st.integers(min_value=0, max_value=40), min_size=3), st.integers(0, 5))
def test_every_contribution_is_in_exactly_one_theme_or_unclassified(chosen, seed):
    contributions = [c for i, c in enumerate(load_sample()) if i in chosen]
    synthesis = synthesize(contributions, seed=seed)
    assert list(synthesis.placements) == [c.id for c in contributions]
    theme_ids = {t.id for t in synthesis.themes}
    for placement in synthesis.placements.values():
        assert (placement.theme_id in theme_ids) != (placement.theme_id is None)
        assert bool(placement.reason) == (placement.theme_id is None)
    assert sum(t.size for t in synthesis.themes) + len(synthesis.unclassified()) == len(
        contributions
    )
    again = synthesize(contributions, seed=seed)  # the same seed gives the same synthesis
    assert [t.label for t in again.themes] == [t.label for t in synthesis.themes]
    assert again.placements == synthesis.placements


def test_awkward_inputs_never_crash():
    awkward = [
        Contribution(id="empty", text=""),
        Contribution(id="none", text=None),
        Contribution(id="one", text="Impôts"),
        Contribution(id="long", text="Les transports en commun à la campagne. " * 1300),
        Contribution(id="emoji", text="Plus de bus 🚌🚌 s’il vous plaît 🙏"),
        Contribution(id="word", text='<html><body><p class="MsoNormal">Plus de bus&nbsp;!</p>'),
        Contribution(id="german", text="Wir brauchen mehr Busse auf dem Land und bessere Züge"),
        Contribution(id="date", text="Plus de trains", date="pas une date", territory="Creuse"),
    ]
    assert len(awkward[3].text) > 50_000
    synthesis = synthesize(awkward, seed=0)
    assert len(synthesis.placements) == len(awkward)
    assert synthesis.placements["german"].theme_id is None
    assert synthesize([], seed=0).themes == []


def test_duplicate_ids_are_refused_in_french():
    try:
        synthesize([Contribution(id="a", text="x"), Contribution(id="a", text="y")])
    except ValueError as exc:
        assert "« a » apparaît deux fois" in str(exc)
    else:
        raise AssertionError("duplicate ids were accepted")


def test_the_engine_imports_without_django():
    code = (
        "import sys, essaim.synthesis.engine, essaim.synthesis.engine.files; "
        "assert not any(m.split('.')[0] == 'django' for m in sys.modules), 'django imported'"
    )
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr
