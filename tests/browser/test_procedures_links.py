"""Démarches' links in a real browser, audited by axe-core: an editor makes and withdraws a
pre-filling link on the builder's page; a guest whose resume link expired asks for a new one."""

import pytest
from django.core import signing
from playwright.sync_api import expect

from essaim.procedures import guests
from essaim.procedures.models import PrefillLink
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.procedures.factories import DossierFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.browser


@pytest.fixture
def procedure(transactional_db):
    editor = MembershipFactory(role="editor", organisation__name="CCAS de Lille").user
    procedure = ProcedureFactory(
        title="Aide aux vacances", organisation=editor.memberships.get().organisation
    )
    build_form(procedure, [("Vous", [dict(key="commune", label="Commune", required=True)])])
    procedure.editor = editor
    return procedure


def test_editor_makes_then_withdraws_a_prefill_link(page, visit, axe, procedure):
    page.set_default_navigation_timeout(60_000)
    visit("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(procedure.editor.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()
    visit(f"/demarches/gestion/{procedure.pk}/")
    page.get_by_role("link", name="Liens de pré-remplissage").click()
    expect(page.get_by_role("heading", name="Liens de pré-remplissage")).to_be_visible()
    axe()
    page.get_by_label("Nom du lien").fill("Courrier de rentrée")
    page.get_by_label("Réponses pré-remplies").fill("inconnue = 1")
    page.get_by_role("button", name="Créer le lien").click()
    expect(page.get_by_text("Aucune question « inconnue »")).to_be_visible()
    axe()
    page.get_by_label("Réponses pré-remplies").fill("commune = Lille")
    page.get_by_role("button", name="Créer le lien").click()
    expect(page.get_by_text("Lien créé")).to_be_visible()
    link = PrefillLink.objects.get()
    expect(page.get_by_label("Adresse du lien Courrier de rentrée")).to_have_value(link.url)
    axe()
    page.get_by_role("button", name="Retirer le lien Courrier de rentrée").click()
    expect(page.get_by_text("Lien retiré")).to_be_visible()
    axe()
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_guest_with_an_expired_link_gets_a_new_one(new_page, visit, axe, procedure):
    dossier = DossierFactory(procedure=procedure, applicant=None, guest_email="camille@example.org")
    # A link sent before links had a date: genuine, and read as expired.
    token = signing.Signer(salt=guests.UNDATED_SALT).sign(str(dossier.public_id))
    page = new_page(java_script_enabled=False)
    page.set_default_navigation_timeout(60_000)
    visit(f"/demarches/reprise/{token}/", page=page, status=410)
    expect(
        page.get_by_role("heading", name="Ce lien pour reprendre votre dossier a expiré")
    ).to_be_visible()
    page.get_by_role("button", name="Recevoir un nouveau lien").click()
    expect(page.get_by_text("Un nouveau lien vous a été envoyé")).to_be_visible()
    expect(page.get_by_text("c•••@example.org")).to_be_visible()
    axe(page)
