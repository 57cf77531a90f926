"""A moderator answers several proposals at once, without JavaScript; the public sees each
answer (axe-core on every page)."""

import re
import urllib.request

import pytest
from playwright.sync_api import expect

from tests.accounts.factories import PASSWORD, MembershipFactory, OrganisationFactory
from tests.participation.factories import CampaignFactory, ProposalFactory, ThemeFactory

pytestmark = pytest.mark.browser

REASON = "Hors des compétences du Département."


def test_moderator_answers_ticked_proposals_at_once(new_page, visit, axe, live_server):
    organisation = OrganisationFactory()
    moderator = MembershipFactory(organisation=organisation, role="editor").user
    campaign = CampaignFactory(organisations=[organisation], title="Simplificathon")
    theme = ThemeFactory(campaign=campaign, name="Services aux agents")
    first = ProposalFactory(campaign=campaign, theme=theme, title="Une cantine ouverte le soir")
    second = ProposalFactory(campaign=campaign, theme=theme, title="Un parking à vélos couvert")
    kept = ProposalFactory(campaign=campaign, theme=theme, title="Des badges sans contact")
    with urllib.request.urlopen(live_server.url + campaign.get_absolute_url(), timeout=120):
        pass  # warm the server outside the browser's page timeout
    page = new_page(java_script_enabled=False)

    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(moderator.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)

    visit(f"/consultations/{campaign.slug}/reponses/en-lot/", page=page)
    page.get_by_label("Thème").select_option(label="Services aux agents")
    page.get_by_role("button", name="Filtrer").click()
    expect(page.get_by_text("3 propositions correspondent aux filtres.")).to_be_visible()
    axe(page)
    page.locator("label", has_text=first.title).click()  # the DSFR label covers the box
    page.locator("label", has_text=second.title).click()
    expect(page.get_by_label(first.title)).to_be_checked()
    kind = page.get_by_role("combobox", name=re.compile(r"^Réponse\W*$"))
    kind.select_option(label="Non retenue")
    page.get_by_label("Motif, rendu public").fill(REASON)
    page.get_by_role("button", name="Publier cette réponse pour les propositions cochées").click()
    expect(page.get_by_role("status").first).to_contain_text(
        "2 propositions ont reçu la réponse «\u00a0Non retenue\u00a0»"
    )
    expect(page.get_by_label(kept.title)).to_be_visible()  # the one left without an answer
    axe(page)

    visit(first.get_absolute_url(), page=page)
    expect(page.get_by_text(REASON)).to_be_visible()
