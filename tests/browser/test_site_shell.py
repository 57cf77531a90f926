"""The DSFR shell in a real browser: accessible, usable by keyboard, on a phone, without JS."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

NAV_LABELS = ["Initiatives", "Agenda", "Consultations", "Démarches"]


@pytest.mark.parametrize(
    "path, heading",
    [
        pytest.param("/", "L’innovation publique", id="home"),
        pytest.param("/accessibilite/", "Déclaration d’accessibilité", id="accessibility"),
        pytest.param("/mentions-legales/", "Mentions légales", id="legal"),
        pytest.param("/donnees-personnelles/", "Données personnelles", id="privacy"),
        pytest.param("/plan-du-site/", "Plan du site", id="sitemap"),
        pytest.param("/initiatives/", "Initiatives", id="initiatives"),
        pytest.param("/agenda/", "Agenda", id="section"),
        pytest.param("/compte/connexion/", "Se connecter", id="login"),
    ],
)
def test_shell_page_has_no_accessibility_violation(page, visit, path, heading):
    visit(path)
    expect(page.get_by_role("heading", level=1)).to_contain_text(heading)
    # The service name, never the server's domain (Django's auth views set their own site_name).
    expect(page.locator(".fr-header__service-title")).to_have_text("Essaim")
    expect(page).to_have_title(re.compile(r" — Essaim$"))
    expect(page.get_by_role("contentinfo")).to_contain_text(
        "Essaim est opéré par la Direction interministérielle"
    )


def test_home_in_dark_scheme_has_no_accessibility_violation(new_page, visit):
    dark = new_page(color_scheme="dark")
    visit("/", page=dark)
    expect(dark.locator("html")).to_have_attribute("data-fr-theme", "dark")


def test_unknown_page_is_an_accessible_404(page, visit):
    visit("/cette-page-n-existe-pas/", status=404)
    expect(page.get_by_role("heading", level=1)).to_have_text("Page non trouvée")
    expect(page.get_by_role("link", name="Page d’accueil")).to_be_visible()


def test_server_error_page_is_accessible(page, visit, settings):
    settings.ROOT_URLCONF = "tests.browser.error_urls"
    visit("/echec/", status=500)
    expect(page.get_by_role("heading", level=1)).to_have_text("Erreur inattendue")
    expect(page.get_by_role("link", name="Page d’accueil")).to_be_visible()


def test_dsfr_styles_and_fonts_load_from_static(page, visit):
    visit("/")
    # The DSFR stylesheet is applied (its Marianne font family on the body) and the font loads.
    assert "Marianne" in page.evaluate("getComputedStyle(document.body).fontFamily")
    assert page.evaluate("document.fonts.check('1rem Marianne')")
    expect(page.locator(".fr-header__brand .fr-logo")).to_be_visible()


def test_first_tab_reaches_skip_link_and_enter_moves_to_main(page, visit):
    visit("/")
    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Contenu")
    expect(skip_link).to_be_focused()
    expect(skip_link).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()


def test_mobile_menu_opens_with_navigation_links(new_page, visit, axe):
    phone = new_page(viewport={"width": 375, "height": 812})
    visit("/", page=phone)
    nav = phone.get_by_role("navigation", name="Menu principal")
    expect(nav).to_be_hidden()
    phone.get_by_role("button", name="Menu").click()
    for label in NAV_LABELS:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    axe(phone)
    phone.get_by_role("button", name="Fermer").click()
    expect(nav).to_be_hidden()


@pytest.mark.parametrize("width", [1280, 375])
def test_navigation_works_without_javascript(new_page, visit, width):
    no_js = new_page(java_script_enabled=False, viewport={"width": width, "height": 800})
    visit("/", page=no_js)
    nav = no_js.get_by_role("navigation", name="Menu principal")
    for label in NAV_LABELS:
        expect(nav.get_by_role("link", name=label)).to_be_visible()
    nav.get_by_role("link", name="Agenda").click()
    expect(no_js.get_by_role("heading", level=1)).to_contain_text("Agenda")
