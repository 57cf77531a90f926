"""The condition language: parsing (with French errors), printing, evaluation."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from essaim.procedures.conditions import (
    ConditionError,
    check,
    evaluate,
    parse,
    referenced_keys,
    to_text,
)
from tests.procedures import condition_vectors


def test_parse_reads_french_operators_and_precedence():
    assert parse('age >= 18 et (situation = "salarie" ou rempli(iban))') == {
        "all": [
            {"field": "age", "op": "ge", "value": 18},
            {
                "any": [
                    {"field": "situation", "op": "eq", "value": "salarie"},
                    {"field": "iban", "op": "filled"},
                ]
            },
        ]
    }


def test_parse_and_binds_tighter_than_or():
    assert parse("a = 1 ou b = 2 et c = 3") == {
        "any": [
            {"field": "a", "op": "eq", "value": 1},
            {
                "all": [
                    {"field": "b", "op": "eq", "value": 2},
                    {"field": "c", "op": "eq", "value": 3},
                ]
            },
        ]
    }


def test_parse_reads_not_contains_booleans_decimals_and_guillemets():
    assert parse("non (enfants contient «Léa»)") == {
        "not": {"field": "enfants", "op": "contains", "value": "Léa"}
    }
    assert parse("handicap = vrai")["value"] is True
    assert parse("revenu < 1234,5")["value"] == "1234.5"
    assert parse("x != -3")["value"] == -3
    assert parse("vide(iban)") == {"field": "iban", "op": "empty"}


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "vide"),
        ("age >=", "Une valeur est attendue"),
        ("age 18", "un opérateur est attendu"),
        ("(age > 3", "Il manque « ) »"),
        ("age > 3 age < 5", "est en trop"),
        ("age > 'x'", "Caractère inattendu"),
        ("= 3", "identifiant de champ"),
    ],
)
def test_parse_errors_say_where_and_how_to_fix(text, fragment):
    with pytest.raises(ConditionError) as error:
        parse(text)
    assert fragment in error.value.message


def test_check_reports_unknown_fields_and_operators():
    errors = check(
        {"all": [{"field": "nope", "op": "eq", "value": 1}, {"field": "a", "op": "zz"}]}, {"a"}
    )
    assert any("« nope » n’existe pas" in e for e in errors)
    assert any("Opérateur inconnu « zz »" in e for e in errors)
    assert check({"any": []}, {"a"}) == ["Un « ou » doit réunir au moins une condition."]
    assert check(None, set()) == []


@pytest.mark.parametrize(
    ("condition", "values", "expected"),
    [
        ({"field": "a", "op": "eq", "value": "oui"}, {"a": "Oui "}, True),
        ({"field": "a", "op": "eq", "value": 3}, {"a": "3.0"}, True),
        ({"field": "a", "op": "eq", "value": 3}, {}, False),
        ({"field": "a", "op": "ne", "value": 3}, {}, True),
        ({"field": "a", "op": "ne", "value": 3}, {"a": 4}, True),
        ({"field": "a", "op": "gt", "value": 17}, {"a": 18}, True),
        ({"field": "a", "op": "gt", "value": 17}, {"a": None}, False),
        ({"field": "a", "op": "lt", "value": "2000-01-01"}, {"a": "1999-12-31"}, True),
        ({"field": "a", "op": "le", "value": "12.5"}, {"a": "12.50"}, True),
        ({"field": "a", "op": "ge", "value": 1}, {"a": "texte"}, False),
        ({"field": "a", "op": "contains", "value": "x"}, {"a": ["x", "y"]}, True),
        ({"field": "a", "op": "contains", "value": "LIL"}, {"a": "Lille"}, True),
        ({"field": "a", "op": "eq", "value": "x"}, {"a": ["x"]}, True),
        ({"field": "a", "op": "eq", "value": True}, {"a": True}, True),
        ({"field": "a", "op": "eq", "value": True}, {"a": 1}, False),
        ({"field": "a", "op": "filled"}, {"a": {"files": [], "missing_reason": ""}}, False),
        ({"field": "a", "op": "empty"}, {"a": "  "}, True),
        ({"not": {"field": "a", "op": "filled"}}, {}, True),
        ({"any": [{"field": "a", "op": "filled"}, {"field": "b", "op": "filled"}]}, {"b": 0}, True),
        (
            {"all": [{"field": "a", "op": "filled"}, {"field": "b", "op": "filled"}]},
            {"b": 0},
            False,
        ),
        (None, {}, True),
    ],
)
def test_evaluate(condition, values, expected):
    assert evaluate(condition, values) is expected


def test_referenced_keys_walks_nested_conditions():
    assert referenced_keys(parse("a = 1 et (non b = 2 ou rempli(c))")) == {"a", "b", "c"}


# -- property-based: printing then parsing gives the same condition back; evaluation follows
# boolean logic.

keys = st.sampled_from(["age", "situation", "revenu", "enfants", "a_b"])
literals = st.one_of(
    st.integers(-(10**6), 10**6),
    st.booleans(),
    st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), max_size=12),
)
leaves = st.one_of(
    st.builds(
        lambda k, op, v: {"field": k, "op": op, "value": v},
        keys,
        st.sampled_from(["eq", "ne", "gt", "ge", "lt", "le", "contains"]),
        literals,
    ),
    st.builds(lambda k, op: {"field": k, "op": op}, keys, st.sampled_from(["filled", "empty"])),
)
trees = st.recursive(
    leaves,
    lambda children: st.one_of(
        st.builds(lambda c: {"all": c}, st.lists(children, min_size=2, max_size=3)),
        st.builds(lambda c: {"any": c}, st.lists(children, min_size=2, max_size=3)),
        st.builds(lambda c: {"not": c}, children),
    ),
    max_leaves=8,
)
answers = st.dictionaries(keys, st.one_of(st.integers(-50, 50), st.booleans(), st.text(max_size=5)))


@given(trees)
def test_to_text_then_parse_gives_the_condition_back(condition):
    assert parse(to_text(condition)) == condition


@settings(suppress_health_check=[HealthCheck.too_slow])  # generation slows on a loaded machine
@given(trees, answers)
def test_not_negates_and_parsed_text_evaluates_the_same(condition, values):
    assert evaluate({"not": condition}, values) is (not evaluate(condition, values))
    assert evaluate(parse(to_text(condition)), values) is evaluate(condition, values)


@given(trees, trees, answers)
def test_all_and_any_follow_boolean_logic(left, right, values):
    a, b = evaluate(left, values), evaluate(right, values)
    assert evaluate({"all": [left, right]}, values) is (a and b)
    assert evaluate({"any": [left, right]}, values) is (a or b)


@pytest.mark.parametrize(("text", "answers", "expected"), condition_vectors.flat())
def test_shared_vectors_evaluate_as_expected_on_the_server(text, answers, expected):
    assert evaluate(parse(text), answers) is expected
