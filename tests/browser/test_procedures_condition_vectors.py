"""The condition language's shared test vectors (tests/procedures/data/condition_vectors.json),
answered in Chromium: one form asks the vectors' questions, then one question per condition,
shown only when it holds. With JavaScript, htmx shows and hides them in place as the answers
change; without, the completeness summary lists exactly those that hold (each is required).
The server-side test of the same vectors is in tests/procedures/test_conditions.py."""

import pytest
from playwright.sync_api import expect

from essaim.procedures.conditions import parse
from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.actors import Pointer
from tests.procedures.condition_vectors import CASES, FIELDS
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.browser

TEXT_TYPES = {"integer", "decimal", "date", "text"}
CONDITIONS = list(dict.fromkeys(v["condition"] for case in CASES for v in case["vectors"]))


def _question(condition):
    """The label of the question shown when `condition` holds."""
    return f"Question n° {CONDITIONS.index(condition) + 1}"


@pytest.fixture
def procedure(transactional_db):
    procedure = ProcedureFactory(title="Vecteurs de conditions")
    questions = [
        dict(
            key=f"q{n}",
            label=_question(text),
            required=True,
            condition=parse(text),
        )
        for n, text in enumerate(CONDITIONS, start=1)
    ]
    build_form(procedure, [("Vos réponses", [*map(dict, FIELDS), *questions])])
    return procedure


def _start(page, visit, axe, procedure):
    page.set_default_navigation_timeout(60_000)  # the first page can be slow on a busy machine
    applicant = UserFactory()
    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(applicant.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(lambda url: "/compte/connexion/" not in url)
    axe(page)
    visit(f"/demarches/{procedure.slug}/", page=page)
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Vos réponses").first).to_be_visible()
    axe(page)
    return applicant


def _answer(page, answers):
    """Give the form `answers` (stored values, as in the vectors file)."""
    pointer = Pointer(page)
    for spec in FIELDS:
        key, value = spec["key"], answers.get(spec["key"])
        zone = page.locator(f"#zone-{key}")
        if spec["type"] in TEXT_TYPES:
            text = "" if value is None else str(value)
            field = zone.locator(f"#champ-{key}")
            field.fill(text.replace(".", ",") if spec["type"] == "decimal" else text)
            field.press("Tab")  # leaving the field saves it (with JavaScript)
        elif spec["type"] == "yes_no":
            if value is not None:
                pointer.choose(zone.get_by_label("Oui" if value else "Non", exact=True))
        else:
            chosen = value if isinstance(value, list) else [value]
            for option in spec["options"]:
                box = zone.get_by_label(option["label"], exact=True)
                if (option["value"] in chosen) != box.is_checked():
                    pointer.choose(box)


def _stored(applicant):
    answers = Dossier.objects.get(applicant=applicant).answers
    return {spec["key"]: answers[spec["key"]] for spec in FIELDS if spec["key"] in answers}


def test_with_javascript_each_question_shows_in_place_exactly_when_its_condition_holds(
    page, visit, axe, procedure
):
    applicant = _start(page, visit, axe, procedure)
    for case in CASES:
        _answer(page, case["answers"])
        # The server stored the vectors' very answers: its evaluation is the one tested.
        for _ in range(50):
            if _stored(applicant) == case["answers"]:
                break
            page.wait_for_timeout(100)
        assert _stored(applicant) == case["answers"]
        page.wait_for_function("() => !document.querySelector('.htmx-request')")
        for vector in case["vectors"]:
            question = page.get_by_role("textbox", name=_question(vector["condition"]), exact=True)
            expect(question, vector["condition"]).to_have_count(1 if vector["expected"] else 0)
        axe(page)


def test_without_javascript_the_summary_asks_exactly_the_questions_whose_condition_holds(
    new_page, visit, axe, procedure
):
    page = new_page(java_script_enabled=False)
    applicant = _start(page, visit, axe, procedure)
    for case in CASES:
        _answer(page, case["answers"])
        page.get_by_role("button", name="Voir le récapitulatif").click()
        page.wait_for_load_state()
        if "/recapitulatif/" not in page.url:  # new questions appeared: they come first
            expect(page.get_by_text("De nouvelles questions sont apparues")).to_be_visible()
            axe(page)
            page.get_by_role("button", name="Voir le récapitulatif").click()
        expect(page.get_by_role("heading", name="Vos réponses")).to_be_visible()
        axe(page)
        assert _stored(applicant) == case["answers"]
        missing = page.locator("#a-completer")
        for vector in case["vectors"]:
            link = missing.get_by_role("link", name=_question(vector["condition"]), exact=True)
            expect(link, vector["condition"]).to_have_count(1 if vector["expected"] else 0)
        page.get_by_role("link", name="Modifier « Vos réponses »").click()
        expect(page.get_by_role("button", name="Voir le récapitulatif")).to_be_visible()
        axe(page)
