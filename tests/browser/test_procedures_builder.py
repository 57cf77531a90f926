"""Démarches in a real browser: an editor builds a small procedure with a condition, reorders
it by drag and drop, previews and publishes it. (Instruction continues the MDPH dossier in
test_procedures_mdph.py.) Every page is audited by axe-core."""

import pytest
from playwright.sync_api import expect

from essaim.procedures import builder_services as builder
from essaim.procedures.models import Procedure
from tests.accounts.factories import PASSWORD, MembershipFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def test_editor_uploads_a_model_file_that_the_preview_offers(
    page, visit, axe, transactional_db, tmp_path
):
    editor = MembershipFactory(role="editor").user
    procedure = builder.create_procedure(
        by=editor, organisation=editor.memberships.get().organisation, title="MDPH"
    )
    builder.add_section(procedure.draft_version, title="Pièces justificatives")
    model = tmp_path / "cerfa-15695.pdf"
    model.write_bytes(PDF)
    _sign_in(page, visit, axe, editor)
    visit(f"/demarches/gestion/{procedure.pk}/")
    page.get_by_label("Ajouter un champ à « Pièces justificatives »").select_option(
        label="Pièce justificative"
    )
    page.get_by_role("button", name="Ajouter", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pièce justificative")
    axe()
    page.get_by_role("textbox", name="Libellé", exact=True).fill("Certificat médical")
    page.get_by_label("Nom du modèle").fill("le certificat")
    page.get_by_label("Modèle à télécharger (fichier)").set_input_files(model)
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Champ ajouté.")).to_be_visible()
    axe()
    page.get_by_role("link", name="Aperçu", exact=True).click()
    link = page.get_by_role("link", name="Télécharger le certificat à remplir")
    expect(link).to_be_visible()
    axe()
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "cerfa-15695.pdf"
    with open(download.value.path(), "rb") as downloaded:
        assert downloaded.read() == PDF
