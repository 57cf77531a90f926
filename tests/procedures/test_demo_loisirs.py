"""The Crédit-Loisirs demo: the eligibility check tells the person, as soon as the answers
allow it, whether they are eligible and what else to claim."""

import pytest

from essaim.procedures import demo, demo_forms_loisirs, engine
from essaim.procedures.enums import Audience
from essaim.procedures.spec import FormSpec
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(organisation, editor):
    UserFactory(email=demo.INSTRUCTOR_EMAIL)  # the demo joins them to the instructors
    data = demo_forms_loisirs.PROCEDURE | {"audience": Audience.CITIZENS}
    procedure = demo._procedure(data, organisation=organisation, editor=editor)
    return FormSpec.for_version(procedure.published_version)


def _titles(rules):
    return [rule.title for rule in rules]


def test_outside_the_metropolis_is_told_where_to_turn(spec):
    evaluation = engine.evaluate(spec, {"habite_metropole": False})
    (rule,) = evaluation.ineligible
    assert "métropole lilloise" in rule.title and rule.link_url
    assert not evaluation.is_complete  # submission blocked


def test_resources_above_the_ceiling_are_ineligible(spec):
    answers = {"habite_metropole": True, "situation": "autre", "quotient_familial": 900}
    assert _titles(engine.evaluate(spec, answers).ineligible) == [
        "Vos ressources dépassent le plafond du Crédit-Loisirs"
    ]
    answers["quotient_familial"] = 650
    evaluation = engine.evaluate(spec, answers)
    assert not evaluation.ineligible
    assert "Vous avez probablement droit au Crédit-Loisirs" in _titles(evaluation.entitled)


def test_young_people_of_the_mission_locale_skip_the_documents_and_hear_of_pass_culture(spec):
    answers = {
        "habite_metropole": True,
        "situation": "mission_locale",
        "date_naissance": "2009-01-15",
    }
    evaluation = engine.evaluate(spec, answers)
    assert not evaluation.visible("attestation_ressources")
    assert not evaluation.visible("quotient_familial")
    assert "Pensez aussi au pass Culture" in _titles(evaluation.entitled)


def test_the_family_quotient_is_asked_for_only_when_the_situation_is_other(spec):
    # « Obligatoire seulement si » alone, without the « obligatoire » box: required then only.
    other = engine.evaluate(spec, {"habite_metropole": True, "situation": "autre"})
    assert other.required("quotient_familial")
    assert "quotient_familial" in other.errors
    student = engine.evaluate(spec, {"habite_metropole": True, "situation": "etudiant"})
    assert student.visible("quotient_familial") and not student.required("quotient_familial")
