"""Démarches in a real browser, on a small procedure with a condition: the applicant's journey
with the keyboard only, and without an account for a procedure open to everyone. (Correction,
acceptance and the decision letter continue the MDPH dossier in test_procedures_mdph.py.)
Every page is audited by axe-core."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.procedures.factories import InstructorGroupFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.browser

CHILDREN = {"field": "enfants", "op": "eq", "value": True}


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
                    dict(key="enfants", type="yes_no", label="Avez-vous des enfants ?"),
                    dict(
                        key="nombre",
                        type="integer",
                        label="Nombre d’enfants",
                        required=True,
                        condition=CHILDREN,
                    ),
                ],
            ),
            ("Vos revenus", [dict(key="revenu", type="integer", label="Revenu mensuel")]),
        ],
    )
    InstructorGroupFactory(procedure=procedure, name="Accueil", is_default=True)
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


def _settle_autosave(page):
    """Leave the field and come back, so its autosave (on "change") ends before Enter submits.

    SQLite's test database is one connection shared by the live server's threads: an autosave
    racing the submission would collide there (PostgreSQL, as in production, has no such issue).
    """
    page.keyboard.press("Tab")
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Shift+Tab")


def test_applicant_fills_and_submits_with_the_keyboard_only(page, visit, axe, procedure):
    applicant = UserFactory()
    _sign_in(page, visit, axe, applicant)
    visit(f"/demarches/{procedure.slug}/")
    page.get_by_role("button", name="Commencer ma demande").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Étape 1 sur 3")).to_be_visible()
    axe()
    page.get_by_role("textbox", name="Nom", exact=True).focus()
    page.keyboard.type("Curie")
    page.keyboard.press("Tab")  # to the yes/no group: its first radio, "Oui"
    page.keyboard.press("Space")
    expect(page.get_by_role("textbox", name="Nombre d’enfants")).to_be_visible()
    page.keyboard.press("Tab")  # out of the radio group, to the question that appeared
    expect(page.get_by_role("textbox", name="Nombre d’enfants")).to_be_focused()
    page.keyboard.type("2")
    _settle_autosave(page)
    page.keyboard.press("Enter")  # submits the step: next
    expect(page.get_by_text("Étape 2 sur 3")).to_be_visible()
    axe()
    page.get_by_role("textbox", name="Revenu mensuel").focus()
    page.keyboard.type("1500")
    _settle_autosave(page)
    page.keyboard.press("Enter")
    expect(page.get_by_text("Votre dossier est complet")).to_be_visible()
    axe()
    page.get_by_role("button", name="Déposer mon dossier").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("est déposé")).to_be_visible()
    axe()
    dossier = Dossier.objects.get(applicant=applicant)
    assert dossier.state == "submitted"
    assert dossier.answers == {"nom": "Curie", "enfants": True, "nombre": 2, "revenu": 1500}


def test_guest_without_javascript_resumes_by_the_emailed_link_and_submits(
    new_page, visit, axe, procedure
):
    procedure.audience = "anyone"
    procedure.save()
    first = new_page(java_script_enabled=False)
    first.set_default_navigation_timeout(60_000)
    visit(f"/demarches/{procedure.slug}/", page=first)
    first.get_by_label("Votre adresse électronique").fill("camille@example.org")
    first.get_by_role("button", name="Commencer ma demande").click()
    expect(first.get_by_text("Nous avons envoyé à camille@example.org")).to_be_visible()
    axe(first)
    first.get_by_role("textbox", name="Nom", exact=True).fill("Camille")
    first.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(first.get_by_text("Brouillon enregistré")).to_be_visible()
    axe(first)
    # The tab is left: in another browser, only the e-mailed link leads back.

    link = re.search(r"https?://\S+/demarches/reprise/\S+/", mail.outbox[0].body).group(0)
    second = new_page(java_script_enabled=False)
    second.set_default_navigation_timeout(60_000)
    visit(re.sub(r"^https?://[^/]+", "", link), page=second)
    expect(second.get_by_text("Camille")).to_be_visible()
    second.get_by_role("link", name="Voir le récapitulatif").click()
    expect(second.get_by_text("Votre dossier est complet")).to_be_visible()
    axe(second)
    second.get_by_role("button", name="Déposer mon dossier").click()
    expect(second.get_by_text("est déposé")).to_be_visible()
    axe(second)
    dossier = Dossier.objects.get(guest_email="camille@example.org")
    assert dossier.state == "submitted" and dossier.applicant is None
