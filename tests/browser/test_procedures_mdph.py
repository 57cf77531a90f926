"""The MDPH demonstration procedure in a real browser: an applicant fills part of it, leaves
for « Mes dossiers », comes back, is stopped by the completeness summary, follows its link to
what is missing, completes (documents included) and submits. The same journey runs with
JavaScript off (mouse and form filling) and with the keyboard only (JavaScript on, so htmx
redraws parts of the page under the focus). axe-core audits every page."""

from datetime import date

import pytest
from playwright.sync_api import expect

from essaim.accounts import demo as accounts_demo
from essaim.procedures import demo
from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.actors import Keyboard, Pointer

pytestmark = pytest.mark.browser

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SLUG = "demande-mdph-du-nord"
DOCUMENTS = ("certificat_medical", "piece_identite", "justificatif_domicile")


@pytest.fixture
def mdph(transactional_db):
    accounts_demo.load()
    demo.load()


def _option(page, key, label):
    """The radio button or box `label` of the field `key`."""
    return page.locator(f"#zone-{key}").get_by_label(label, exact=True)


def _next(page, actor):
    # .last: the first « Suivant » is the form's hidden default button, for Enter in a field.
    actor.press(page.get_by_role("button", name="Suivant", exact=True).last)


def _sign_in(page, visit, axe, actor, applicant):
    visit("/compte/connexion/", page=page)
    actor.type_in(page.get_by_label("Adresse électronique"), applicant.email)
    actor.type_in(page.get_by_label("Mot de passe"), PASSWORD)
    actor.press(page.get_by_role("button", name="Se connecter"))
    page.wait_for_url(lambda url: "/compte/connexion/" not in url)
    axe(page)


def _mdph_journey(page, visit, axe, actor, tmp_path, *, javascript):
    page.set_default_navigation_timeout(60_000)  # a busy machine makes the first page slow
    applicant = UserFactory()
    _sign_in(page, visit, axe, actor, applicant)
    visit(f"/demarches/{SLUG}/", page=page)
    actor.press(page.get_by_role("button", name="Commencer ma demande"))
    expect(page.get_by_text("Pour qui faites-vous cette demande")).to_be_visible()
    axe(page)
    actor.choose(_option(page, "demande_pour", "Pour moi-même"))
    actor.type_in(page.get_by_role("textbox", name="Nom de naissance", exact=True), "Moreau")
    actor.type_in(page.get_by_role("textbox", name="Prénom", exact=True), "Lucas")
    actor.type_date(page.locator("#champ-date_naissance"), date(1980, 5, 17))
    actor.choose(_option(page, "reside_nord", "Oui"))
    _next(page, actor)
    expect(page.get_by_text("Est-ce une première demande à une MDPH")).to_be_visible()
    axe(page)
    actor.choose(_option(page, "premiere_demande", "Oui"))
    actor.press(page.get_by_role("button", name="Enregistrer le brouillon"))
    expect(page.get_by_text("Brouillon enregistré")).to_be_visible()
    axe(page)

    # The person leaves, then comes back from « Mes dossiers »: nothing typed is lost.
    actor.press(page.get_by_role("main").get_by_role("link", name="Mes dossiers"))
    expect(page.get_by_role("heading", name="Mes dossiers")).to_be_visible()
    axe(page)
    actor.press(page.get_by_role("link", name="Reprendre").first)
    expect(page.get_by_role("link", name="Voir le récapitulatif")).to_be_visible()
    axe(page)
    actor.press(page.get_by_role("link", name="Voir le récapitulatif"))
    expect(page.get_by_text("manquent ou sont à corriger avant le dépôt")).to_be_visible()
    expect(page.get_by_text("Moreau", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Déposer mon dossier")).to_have_count(0)
    axe(page)
    actor.press(page.get_by_role("link", name="Situation actuelle"))
    expect(page.locator("#champ-situation-erreur")).to_contain_text("Répondez à cette question")
    axe(page)
    actor.choose(_option(page, "situation", "Retraité(e)"))
    _next(page, actor)
    expect(page.get_by_text("Dans quels domaines avez-vous besoin d’aide")).to_be_visible()
    axe(page)
    actor.choose(_option(page, "besoins", "Se déplacer"))
    _next(page, actor)
    expect(page.get_by_role("textbox", name="Vos attentes, vos projets")).to_be_visible()
    axe(page)
    _next(page, actor)
    expect(page.get_by_text("Quelles aides demandez-vous")).to_be_visible()
    axe(page)
    _next(page, actor)
    expect(page.get_by_text("Certificat médical de moins d’un an")).to_be_visible()
    axe(page)
    for key in DOCUMENTS:
        document = tmp_path / f"{key}.pdf"
        document.write_bytes(PDF)
        actor.upload(page.locator(f"#champ-{key}-fichier"), document)
        if javascript:  # the file leaves at once, and the field shows it
            expect(
                page.locator(f"#zone-{key}").get_by_role("link", name=document.name)
            ).to_be_visible()
    actor.press(page.get_by_role("button", name="Voir le récapitulatif"))
    expect(page.get_by_text("Votre dossier est complet")).to_be_visible()
    axe(page)
    actor.press(page.get_by_role("button", name="Déposer mon dossier"))
    expect(page.get_by_text("est déposé")).to_be_visible()
    axe(page)
    dossier = Dossier.objects.get(applicant=applicant)
    assert dossier.state == "submitted"
    assert dossier.answers["situation"] == "retraite" and dossier.answers["nom"] == "Moreau"
    assert dossier.answers["date_naissance"] == "1980-05-17"
    assert dossier.attachments.count() == 3


def test_applicant_without_javascript_fills_the_mdph_demo_leaves_comes_back_and_submits(
    new_page, visit, axe, mdph, tmp_path
):
    page = new_page(java_script_enabled=False)
    _mdph_journey(page, visit, axe, Pointer(page), tmp_path, javascript=False)


def test_applicant_with_the_keyboard_only_fills_the_mdph_demo_and_submits(
    page, visit, axe, mdph, tmp_path
):
    _mdph_journey(page, visit, axe, Keyboard(page), tmp_path, javascript=True)
