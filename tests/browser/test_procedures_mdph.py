"""The MDPH demonstration procedure in a real browser, JavaScript off: an applicant fills part of
it, leaves, comes back from « Mes dossiers », is stopped by the completeness summary, completes
(documents included) and submits. axe-core audits every page."""

import pytest
from playwright.sync_api import expect

from essaim.accounts import demo as accounts_demo
from essaim.procedures import demo
from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SLUG = "demande-mdph-du-nord"


@pytest.fixture
def mdph(transactional_db):
    accounts_demo.load()
    demo.load()


def _next(page):
    page.get_by_role("button", name="Suivant", exact=True).last.click()


def test_applicant_fills_the_mdph_demo_leaves_comes_back_and_submits(
    new_page, visit, axe, mdph, tmp_path
):
    page = new_page(java_script_enabled=False)
    page.set_default_navigation_timeout(60_000)  # a busy machine makes the first page slow
    applicant = UserFactory()
    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(applicant.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)
    visit(f"/demarches/{SLUG}/", page=page)
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Pour qui faites-vous cette demande")).to_be_visible()
    axe(page)
    page.get_by_text("Pour moi-même", exact=True).click()  # the DSFR label
    page.get_by_role("textbox", name="Nom de naissance", exact=True).fill("Moreau")
    page.get_by_role("textbox", name="Prénom", exact=True).fill("Lucas")
    page.locator("#champ-date_naissance").fill("1980-05-17")
    page.locator("label[for=champ-reside_nord-oui]").click()
    _next(page)
    expect(page.get_by_text("Est-ce une première demande à une MDPH")).to_be_visible()
    axe(page)
    page.locator("label[for=champ-premiere_demande-oui]").click()
    page.get_by_role("button", name="Enregistrer le brouillon").click()
    expect(page.get_by_text("Brouillon enregistré")).to_be_visible()
    axe(page)

    # The person leaves, then comes back from « Mes dossiers »: nothing typed is lost.
    visit("/demarches/mes-dossiers/", page=page)
    page.get_by_role("link", name="Reprendre").first.click()
    page.wait_for_load_state()
    axe(page)
    page.get_by_role("link", name="Voir le récapitulatif").click()
    expect(page.get_by_text("manquent ou sont à corriger avant le dépôt")).to_be_visible()
    expect(page.get_by_text("Moreau")).to_be_visible()
    expect(page.get_by_role("button", name="Déposer mon dossier")).to_have_count(0)
    axe(page)
    page.get_by_role("link", name="Situation actuelle").click()
    expect(page.locator("#champ-situation-erreur")).to_contain_text("Répondez à cette question")
    axe(page)
    page.get_by_text("Retraité(e)", exact=True).click()
    _next(page)
    expect(page.get_by_text("Dans quels domaines avez-vous besoin d’aide")).to_be_visible()
    axe(page)
    page.get_by_text("Se déplacer", exact=True).click()
    _next(page)
    expect(page.get_by_role("textbox", name="Vos attentes, vos projets")).to_be_visible()
    axe(page)
    _next(page)
    expect(page.get_by_text("Quelles aides demandez-vous")).to_be_visible()
    axe(page)
    _next(page)
    expect(page.get_by_text("Certificat médical de moins d’un an")).to_be_visible()
    axe(page)
    for key in ("certificat_medical", "piece_identite", "justificatif_domicile"):
        document = tmp_path / f"{key}.pdf"
        document.write_bytes(PDF)
        page.locator(f"#champ-{key}-fichier").set_input_files(document)
    page.get_by_role("button", name="Voir le récapitulatif").click()
    expect(page.get_by_text("Votre dossier est complet")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Déposer mon dossier").click()
    expect(page.get_by_text("est déposé")).to_be_visible()
    axe(page)
    dossier = Dossier.objects.get(applicant=applicant)
    assert dossier.state == "submitted"
    assert dossier.answers["situation"] == "retraite" and dossier.answers["nom"] == "Moreau"
    assert dossier.attachments.count() == 3
