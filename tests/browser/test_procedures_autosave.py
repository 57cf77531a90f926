"""Démarches, autosave in a real browser: nothing typed is lost when the connection drops (the
person is told, the save is tried again and its success announced) or when the page is left
or closed while a field is being typed in (static/procedures/autosave.js)."""

import time

import pytest
from playwright.sync_api import expect

from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.conftest import CONTEXT_DEFAULTS
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.browser

AUTOSAVE = "**/enregistrer"
FAILED = "Vos dernières réponses n’ont pas pu être enregistrées. Nouvel essai automatique…"
RESTORED = "La connexion est rétablie"


@pytest.fixture
def procedure(transactional_db):
    procedure = ProcedureFactory(title="Crédit-Loisirs")
    build_form(
        procedure,
        [
            (
                "Votre foyer",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(key="ville", label="Ville"),
                    dict(key="enfants", type="integer", label="Nombre d’enfants"),
                ],
            ),
            ("Vos revenus", [dict(key="revenu", type="decimal", label="Revenu mensuel")]),
        ],
    )
    return procedure


def _start(page, visit, axe, procedure):
    """Signs a new applicant in and opens the first step of a new dossier."""
    applicant = UserFactory()
    page.set_default_navigation_timeout(60_000)  # the first page can be slow on a busy machine
    visit("/compte/connexion/")
    page.set_default_navigation_timeout(10_000)
    page.get_by_label("Adresse électronique").fill(applicant.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()
    visit(f"/demarches/{procedure.slug}/")
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Étape 1 sur 3")).to_be_visible()
    axe()
    return applicant


def _answers_become(applicant, expected, timeout=10):
    """The dossier's answers, once they hold `expected` (the server runs in another thread)."""
    deadline = time.monotonic() + timeout
    while True:
        answers = Dossier.objects.get(applicant=applicant).answers
        if expected.items() <= answers.items() or time.monotonic() > deadline:
            return answers
        time.sleep(0.1)


def test_failed_autosave_is_told_retried_and_its_success_announced(page, visit, axe, procedure):
    applicant = _start(page, visit, axe, procedure)
    page.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))
    name = page.get_by_role("textbox", name="Nom", exact=True)
    name.fill("Curie")
    name.press("Tab")  # leaves the field: its autosave fails
    status = page.get_by_role("status").filter(has_text=FAILED)
    expect(status).to_be_visible()
    expect(status.locator(".fr-alert--warning")).to_be_visible()
    axe()
    assert Dossier.objects.get(applicant=applicant).answers == {}
    expect(name).to_have_value("Curie")  # nothing is redrawn, nothing typed is lost
    page.get_by_role("textbox", name="Ville").fill("Lyon")  # typed while it fails
    page.unroute(AUTOSAVE)
    restored = page.get_by_role("status").filter(has_text=RESTORED)
    expect(restored).to_contain_text("Brouillon enregistré à", timeout=15_000)
    axe()
    assert _answers_become(applicant, {"nom": "Curie", "ville": "Lyon"}) == {
        "nom": "Curie",
        "ville": "Lyon",
    }
    # The next save says only that it is saved.
    page.get_by_role("textbox", name="Ville").fill("Lyon 7e")
    page.get_by_role("textbox", name="Ville").press("Tab")
    expect(page.get_by_role("status")).not_to_contain_text(RESTORED)
    expect(page.get_by_role("status")).to_contain_text("Brouillon enregistré à")
    assert _answers_become(applicant, {"ville": "Lyon 7e"})["ville"] == "Lyon 7e"


def test_autosave_is_tried_again_as_soon_as_the_browser_is_back_online(page, visit, axe, procedure):
    applicant = _start(page, visit, axe, procedure)
    page.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))
    # A wrong answer: once saved, its field is redrawn with its message.
    children = page.get_by_role("textbox", name="Nombre d’enfants")
    children.fill("deux")
    children.press("Tab")
    expect(page.get_by_role("status")).to_contain_text(FAILED)
    page.wait_for_timeout(2_500)  # the retry after 2 s fails too: the next one waits 4 s more
    page.unroute(AUTOSAVE)
    # Not context.set_offline(): offline, the alert's DSFR icon cannot load, which the auditor
    # reports. The browser says it is back online:
    page.evaluate("window.dispatchEvent(new Event('online'))")
    expect(page.get_by_role("status")).to_contain_text(RESTORED, timeout=2_000)
    expect(page.locator("#champ-enfants-erreur")).to_contain_text("nombre entier")
    axe()
    dossier = Dossier.objects.get(applicant=applicant)
    assert dossier.invalid_inputs["enfants"]["raw"] == "deux"


def test_text_being_typed_is_saved_when_the_person_goes_elsewhere(page, visit, axe, procedure):
    applicant = _start(page, visit, axe, procedure)
    page.get_by_role("textbox", name="Nom", exact=True).focus()
    page.keyboard.type("Curie")  # never leaves the field: no autosave yet
    assert Dossier.objects.get(applicant=applicant).answers == {}
    visit("/demarches/mes-dossiers/")
    assert _answers_become(applicant, {"nom": "Curie"}) == {"nom": "Curie"}


def test_text_being_typed_is_saved_when_the_tab_is_closed(page, visit, axe, procedure, browser):
    applicant = _start(page, visit, axe, procedure)
    step_url = page.url
    # A second tab of the same person, untracked by the auditor since it will be closed.
    context = browser.new_context(**CONTEXT_DEFAULTS)
    try:
        context.add_cookies(page.context.cookies())
        tab = context.new_page()
        tab.goto(step_url)
        tab.get_by_role("textbox", name="Ville").focus()
        tab.keyboard.type("Lyon")
        assert "ville" not in Dossier.objects.get(applicant=applicant).answers
        tab.close(run_before_unload=True)
        assert _answers_become(applicant, {"ville": "Lyon"}) == {"ville": "Lyon"}
    finally:
        context.close()
