"""Démarches, the applicant's side in a real browser: with JavaScript disabled the form still
works step by step; with JavaScript a condition shows its question in place, by keyboard."""

import pytest
from playwright.sync_api import expect

from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.browser

CHILDREN = {"field": "enfants", "op": "eq", "value": True}


@pytest.fixture
def procedure(transactional_db):
    procedure = ProcedureFactory(
        title="Crédit-Loisirs",
        estimated_minutes=10,
        documents_to_prepare=[{"label": "Avis d’imposition"}],
    )
    build_form(
        procedure,
        [
            (
                "Votre foyer",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(
                        key="enfants",
                        type="yes_no",
                        label="Avez-vous des enfants\u00a0?",
                        required=True,
                    ),
                    dict(
                        key="nombre",
                        type="integer",
                        label="Nombre d’enfants",
                        required=True,
                        condition=CHILDREN,
                    ),
                ],
            ),
            (
                "Vos revenus",
                [dict(key="revenu", type="decimal", label="Revenu mensuel", required=True)],
            ),
        ],
    )
    return procedure


def _sign_in(page, visit, axe, user):
    page.set_default_navigation_timeout(60_000)  # the first page can be slow on a busy machine
    visit("/compte/connexion/", page=page)
    page.set_default_navigation_timeout(10_000)
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)


def test_applicant_without_javascript_is_stopped_by_the_summary_then_submits(
    new_page, visit, axe, procedure
):
    page = new_page(java_script_enabled=False)
    applicant = UserFactory()
    _sign_in(page, visit, axe, applicant)
    visit(f"/demarches/{procedure.slug}/", page=page)
    expect(page.get_by_text("Avis d’imposition")).to_be_visible()
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Étape 1 sur 3")).to_be_visible()
    axe(page)
    page.get_by_role("textbox", name="Nom", exact=True).fill("Curie")
    page.locator("label[for=champ-enfants-oui]").click()
    page.get_by_role("button", name="Suivant", exact=True).last.click()
    # The question that depends on the answer appears; nothing typed was lost.
    expect(page.get_by_text("De nouvelles questions sont apparues")).to_be_visible()
    expect(page.get_by_role("textbox", name="Nom", exact=True)).to_have_value("Curie")
    axe(page)
    page.get_by_role("button", name="Suivant", exact=True).last.click()
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Voir le récapitulatif").click()
    expect(
        page.get_by_text("2 éléments manquent ou sont à corriger avant le dépôt")
    ).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Nombre d’enfants").click()
    expect(page.locator("#champ-nombre-erreur")).to_contain_text("Répondez à cette question")
    axe(page)
    page.get_by_role("textbox", name="Nombre d’enfants").fill("deux")
    page.get_by_role("button", name="Suivant", exact=True).last.click()
    expect(page.locator("#champ-nombre-erreur")).to_contain_text("Saisissez un nombre entier")
    axe(page)
    page.get_by_role("textbox", name="Nombre d’enfants").fill("2")
    page.get_by_role("button", name="Suivant", exact=True).last.click()
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible()
    axe(page)
    page.get_by_role("textbox", name="Revenu mensuel").fill("1 234,50")
    page.get_by_role("button", name="Voir le récapitulatif").click()
    expect(page.get_by_text("Votre dossier est complet")).to_be_visible()
    expect(page.get_by_text("1\u202f234,50").or_(page.get_by_text("1 234,50"))).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Déposer mon dossier").click()
    expect(page.get_by_text("est déposé")).to_be_visible()
    axe(page)
    assert Dossier.objects.get(applicant=applicant).state == "submitted"


def test_condition_shows_its_question_in_place_with_the_keyboard(page, visit, axe, procedure):
    applicant = UserFactory()
    _sign_in(page, visit, axe, applicant)
    visit(f"/demarches/{procedure.slug}/")
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Étape 1 sur 3")).to_be_visible()
    axe()
    page.get_by_role("textbox", name="Nom", exact=True).focus()
    page.keyboard.type("Curie")
    page.keyboard.press("Tab")  # leaves the field: saved
    page.keyboard.press("Space")  # the "Oui" radio, first of the group
    expect(page.get_by_role("textbox", name="Nombre d’enfants")).to_be_visible()
    expect(page.get_by_role("status").filter(has_text="Brouillon enregistré")).to_be_visible()
    axe()
    dossier = Dossier.objects.get(applicant=applicant)
    assert dossier.answers == {"nom": "Curie", "enfants": True}
