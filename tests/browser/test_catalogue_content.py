"""Editing, lab and alert pages in a real browser, each audited by axe-core."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from essaim.catalogue.models import LabFigure, LabProfile, Theme
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.catalogue.factories import InitiativeFactory, LabFactory, RegionFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def content(transactional_db):
    Theme.objects.get_or_create(slug="social", defaults={"name": "Social"})
    region = RegionFactory(code="32", name="Hauts-de-France")
    lab = LabFactory(name="SIILAB", territory=region, description="Un laboratoire régional.")
    LabProfile.objects.create(organisation=lab, founded_on=datetime.date(2017, 1, 1))
    LabFigure.objects.create(
        organisation=lab,
        label="Ateliers animés",
        value=650,
        declared_on=datetime.date(2020, 11, 2),
        source="Dossier de presse",
    )
    editor = MembershipFactory(organisation=lab, role="editor").user
    initiative = InitiativeFactory(title="Citoyens en communs", carriers=[lab])
    initiative.stage_changes.create(stage="exploration", date=datetime.date(2020, 11, 18))
    return {"lab": lab, "editor": editor, "initiative": initiative}


def _sign_in(page, visit, axe, user):
    visit("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()


def test_editing_pages_are_accessible_and_say_what_to_fix(page, visit, axe, content):
    _sign_in(page, visit, axe, content["editor"])
    visit("/initiatives/")
    page.get_by_role("link", name="Proposer une initiative").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nouvelle initiative")
    axe()
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Certains champs sont à corriger")).to_be_visible()
    axe()
    slug = content["initiative"].slug
    visit(f"/initiatives/{slug}/modifier/")
    page.get_by_label("L’initiative en une phrase").fill("Un commun pour la participation.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Modifications enregistrées")).to_be_visible()
    axe()
    page.get_by_role("link", name="Historique des modifications").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Historique")
    axe()
    visit(f"/initiatives/{slug}/images/")
    visit(f"/initiatives/{slug}/historique/1/")


def test_lab_and_alert_pages_are_accessible(page, visit, axe, content):
    visit("/initiatives/?theme=social")
    axe()
    page.get_by_role("link", name="Les laboratoires d’innovation").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("aboratoires")
    axe()
    page.get_by_role("link", name="SIILAB").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SIILAB")
    axe()
    visit("/initiatives/?theme=social")
    page.get_by_role("link", name="Créer une alerte pour cette recherche").click()
    expect(page).to_have_url(re.compile(r"/initiatives/alertes/nouvelle/\?theme=social$"))
    axe()
    page.get_by_label("Votre adresse électronique").fill("pas-une-adresse")
    page.get_by_role("button", name="Créer l’alerte").click()
    page.wait_for_load_state()
    axe()
