"""Démarches in a real browser: an editor builds a small procedure with a condition, reorders
it by drag and drop, previews and publishes it; an instructor decides on a dossier. Every page
is audited by axe-core."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from essaim.procedures.models import Procedure
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.procedures.factories import (
    DossierFactory,
    InstructorFactory,
    InstructorGroupFactory,
    ProcedureFactory,
    build_form,
)

pytestmark = pytest.mark.browser


def _sign_in(page, visit, axe, user):
    # The first page of a session can be slow on a loaded machine: wait longer for it only.
    page.set_default_navigation_timeout(60_000)
    visit("/compte/connexion/")
    page.set_default_navigation_timeout(10_000)
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()


def test_editor_builds_previews_and_publishes_a_procedure(page, visit, axe, transactional_db):
    editor = MembershipFactory(role="editor", organisation__name="Département du Nord").user
    _sign_in(page, visit, axe, editor)
    visit("/demarches/gestion/")
    page.get_by_role("link", name="Créer une démarche").click()
    axe()
    page.get_by_label("Titre").fill("Crédit-Loisirs")
    page.get_by_label("Temps de remplissage estimé (minutes)").fill("10")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crédit-Loisirs")
    axe()
    page.get_by_role("link", name="Ajouter une partie").click()
    axe()
    page.get_by_label("Titre de la partie").fill("Votre situation")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Partie ajoutée.")).to_be_visible()
    axe()
    page.get_by_label("Ajouter un champ à « Votre situation »").select_option(label="Choix unique")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    axe()
    page.get_by_role("textbox", name="Libellé", exact=True).fill("Situation")
    page.get_by_label("Choix proposés").fill("Salarié\nSans emploi")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Champ ajouté.")).to_be_visible()
    axe()
    page.get_by_label("Ajouter un champ à « Votre situation »").select_option(label="Texte court")
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Texte court")
    axe()
    page.get_by_role("textbox", name="Libellé", exact=True).fill("Employeur")
    page.get_by_label("Afficher ce champ seulement si").fill("situation = salarie")
    page.get_by_role("button", name="Enregistrer").click()
    # A value must be quoted: the parser says so and keeps what was typed.
    expect(page.get_by_label("Afficher ce champ seulement si")).to_have_value("situation = salarie")
    axe()
    page.get_by_label("Afficher ce champ seulement si").fill('situation = "salarie"')
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Conditionnel", exact=True)).to_be_visible()
    axe()
    # Drag and drop « Employeur » above « Situation »; the order is saved.
    rows = page.locator("li[data-reorder-id].essaim-builder__row")
    rows.nth(1).drag_to(rows.nth(0))
    expect(page.get_by_text("Nouvel ordre enregistré.")).to_be_attached()
    procedure = Procedure.objects.get()
    labels = list(
        procedure.draft_version.fields.order_by("position").values_list("label", flat=True)
    )
    assert labels == ["Employeur", "Situation"]
    # Keyboard and no-JavaScript fallback: the « Monter » button puts it back.
    page.reload()
    axe()
    page.get_by_role("button", name="Monter « Situation »").click()
    expect(page.locator("li[data-reorder-id].essaim-builder__row").first).to_contain_text(
        "Situation"
    )
    axe()
    page.get_by_role("link", name="Aperçu", exact=True).click()
    expect(page.get_by_text('Affiché si : situation = "salarie".')).to_be_visible()
    axe()
    page.get_by_role("link", name="Revenir au formulaire").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Crédit-Loisirs")
    axe()
    page.get_by_role("link", name="Publier la version 1").click()
    axe()
    page.get_by_role("button", name="Publier").click()
    expect(page.get_by_text("Version 1 publiée")).to_be_visible()
    axe()
    procedure.refresh_from_db()
    assert procedure.status == "published"
    assert procedure.published_version.number == 1


def test_instructor_takes_then_accepts_a_dossier(page, visit, axe, transactional_db):
    procedure = ProcedureFactory(title="Aide d’urgence AMASES")
    build_form(procedure, [("Demande", [dict(key="nom", label="Nom")])])
    group = InstructorGroupFactory(procedure=procedure, is_default=True)
    instructor = InstructorFactory(group=group).user
    dossier = DossierFactory(
        procedure=procedure,
        group=group,
        state="submitted",
        answers={"nom": "Durand"},
        state_changed_at=timezone.now(),
    )
    _sign_in(page, visit, axe, instructor)
    visit("/demarches/instruction/")
    page.get_by_role("link", name="Aide d’urgence AMASES").click()
    axe()
    page.get_by_role("link", name=f"Dossier n° {dossier.pk}").click()
    # The answer « Durand », exactly: the factory's applicant may be named Durand too.
    expect(page.get_by_text("Durand", exact=True)).to_be_visible()
    axe()
    page.get_by_role("button", name="Passer en instruction").click()
    expect(page.get_by_text("« Passer en instruction » fait")).to_be_visible()
    axe()
    page.get_by_role("button", name="Accepter").click()
    expect(page.get_by_text("« Accepter » fait")).to_be_visible()
    axe()
    dossier.refresh_from_db()
    assert dossier.state == "accepted"
