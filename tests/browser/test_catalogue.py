"""The catalogue in a real browser: list, filters by keyboard, htmx updates, detail, map."""

import pytest
from playwright.sync_api import expect

from essaim.catalogue.models import Theme
from essaim.catalogue.services import set_origin
from tests.catalogue.factories import (
    DepartmentFactory,
    IndicatorFactory,
    InitiativeFactory,
    RegionFactory,
    StageChangeFactory,
)

pytestmark = pytest.mark.browser


@pytest.fixture
def catalogue(transactional_db):
    # Themes are seeded by a data migration, which a transactional test database flushes.
    handicap, _ = Theme.objects.get_or_create(slug="handicap", defaults={"name": "Handicap"})
    sante, _ = Theme.objects.get_or_create(slug="sante", defaults={"name": "Santé"})
    nord = DepartmentFactory(
        code="59", name="Nord", parent=RegionFactory(code="32", name="Hauts-de-France")
    )
    seine_et_marne = DepartmentFactory(
        code="77", name="Seine-et-Marne", parent=RegionFactory(code="11", name="Île-de-France")
    )
    origin = InitiativeFactory(
        title="Nord autonomie",
        pitch="Un formulaire guidé pour les demandes MDPH.",
        territory=nord,
        themes=[handicap],
    )
    StageChangeFactory(initiative=origin)
    IndicatorFactory(initiative=origin)
    tablets = InitiativeFactory(
        title="Des tablettes pour les pompiers",
        pitch="La dématérialisation des bilans de secours.",
        territory=seine_et_marne,
        themes=[sante],
    )
    replication = InitiativeFactory(title="Le formulaire guidé ailleurs", territory=seine_et_marne)
    set_origin(replication, origin=origin, by=None)
    InitiativeFactory.create_batch(22, pitch="Une initiative de démonstration.")
    return {"origin": origin, "tablets": tablets}


def test_catalogue_list_filters_by_keyboard_and_updates_in_place(page, visit, axe, catalogue):
    visit("/initiatives/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Initiatives")
    checkbox = page.get_by_label("Handicap (1)")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(page.get_by_role("status")).to_contain_text("1 initiative")
    # The address bar holds the canonical, shareable URL of this search.
    assert page.url.endswith("/initiatives/?theme=handicap")
    # The results were swapped in place and the focus stayed on the checkbox.
    expect(page.get_by_label("Handicap (1)")).to_be_focused()
    expect(page.get_by_role("link", name="Nord autonomie")).to_be_visible()
    axe()


def test_catalogue_search_works_without_javascript(new_page, visit, axe, catalogue):
    page = new_page(java_script_enabled=False)
    visit("/initiatives/", page=page)
    page.get_by_label("Rechercher une initiative").fill("dematerialisation")
    page.get_by_role("button", name="Rechercher", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("1 initiative")
    expect(page.get_by_role("link", name="Des tablettes pour les pompiers")).to_be_visible()
    axe(page)


def test_catalogue_detail_page_is_accessible(page, visit, catalogue):
    visit(catalogue["origin"].get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text("Nord autonomie")
    expect(page.get_by_role("link", name="Le formulaire guidé ailleurs")).to_be_visible()


def test_catalogue_map_is_accessible_and_links_to_the_list(page, visit, axe, catalogue):
    visit("/initiatives/carte/")
    page.get_by_role("link", name="Hauts-de-France : 1 initiative").first.click()
    expect(page.get_by_role("status")).to_contain_text("1 initiative")
    axe()
    visit("/initiatives/carte/?niveau=departement")
