"""Synthèses in a real browser: the result page (chart, table, filters, corrections) and a theme
page pass axe-core; the progress page and the published page work without JavaScript."""

import urllib.request

import pytest
from playwright.sync_api import expect

from essaim.synthesis import services
from essaim.synthesis.enums import Publication, Status
from essaim.synthesis.models import Synthesis
from essaim.synthesis.runs import run
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.synthesis.factories import computed, uploaded

pytestmark = pytest.mark.browser


@pytest.fixture
def coordinator(transactional_db, settings, tmp_path, live_server):
    settings.MEDIA_ROOT = tmp_path
    membership = MembershipFactory(role="editor")
    synthesis = computed(membership.organisation, by=membership.user)
    # Warm the server up outside the browser's page timeout (slow shared machine).
    with urllib.request.urlopen(live_server.url + "/syntheses/", timeout=120):
        pass
    return membership.user, synthesis


def _sign_in(page, visit, axe, user):
    visit("/compte/connexion/", page=page)
    page.get_by_label("Adresse électronique").fill(user.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe(page)


def test_result_page_and_theme_correction_are_accessible(page, visit, axe, coordinator):
    user, synthesis = coordinator
    _sign_in(page, visit, axe, user)
    visit(synthesis.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(synthesis.title)
    expect(
        page.get_by_role("table", name="Les thèmes, du plus fréquent au moins fréquent")
    ).to_be_visible()
    first = synthesis.themes[0]
    page.get_by_role("link", name=first["label"], exact=True).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(first["label"])
    axe()
    page.get_by_label("Nouveau nom du thème").fill("Transports en milieu rural")
    page.get_by_role("button", name="Renommer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Transports en milieu rural")
    axe()


def test_progress_and_published_pages_work_without_javascript(new_page, visit, coordinator):
    user, synthesis = coordinator
    services.set_publication(
        synthesis,
        by=user,
        to=Publication.VALIDATED,
        method_note="Thèmes trouvés par la plateforme, relus par l’équipe.",
    )
    services.set_publication(synthesis, by=user, to=Publication.PUBLISHED)
    running = uploaded(synthesis.organisation, by=user)
    Synthesis.objects.filter(pk=running.pk).update(
        status=Status.RUNNING, progress=30, step="Analyse des textes", publication="published"
    )
    page = new_page(java_script_enabled=False)
    visit(synthesis.get_absolute_url(), page=page)
    expect(page.get_by_text("Validée par")).to_be_visible()
    visit(f"/syntheses/{running.pk}/", page=page)
    expect(page.get_by_role("link", name="Rafraîchir")).to_be_visible()


def test_progress_page_polls_and_shows_the_result_when_done(page, visit, axe, coordinator):
    user, done = coordinator
    queued = uploaded(done.organisation, by=user)
    # Queued but not run (the test's task backend would run it at once): the worker's part
    # is played below.
    Synthesis.objects.filter(pk=queued.pk).update(status=Status.QUEUED, text_column="text")
    _sign_in(page, visit, axe, user)
    visit(queued.get_absolute_url())
    expect(page.get_by_text("En attente de calcul")).to_be_visible()
    run(queued.pk)  # what the worker does; htmx polling then reloads the page
    expect(page.get_by_role("heading", name="Ce qui a été lu")).to_be_visible(timeout=30_000)
    axe()
