"""Démarches, answers that could not be saved are kept on the applicant's device: restored and
saved when the step is opened again, after a failure, a change made in another tab or an
expired session — each told in words that say what to do (static/procedures/autosave.js)."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import expect

from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD
from tests.browser import test_procedures_autosave as autosave
from tests.browser.test_procedures_autosave import AUTOSAVE, FAILED, _answers_become, _start

pytestmark = pytest.mark.browser
procedure = autosave.procedure  # the same form: « Votre foyer », then « Vos revenus »

KEPT = "ont été retrouvées sur cet appareil et remises dans le formulaire"
KEPT_SAVED = "Les réponses retrouvées sur cet appareil sont enregistrées."
CONFLICT = "Ce brouillon a été modifié ailleurs, par exemple dans un autre onglet."
EXPIRED = "Votre session a expiré. Vos réponses restent gardées sur cet appareil"
SAVED = "Brouillon enregistré à"


def _copies(page):
    return page.evaluate(
        "Object.keys(localStorage).filter((key) => key.startsWith('essaim-autosave:')).length"
    )


def test_answers_kept_on_the_device_are_restored_then_saved(page, new_page, visit, axe, procedure):
    applicant = _start(page, visit, axe, procedure)
    step_url = page.url
    tab = page.context.new_page()  # untracked by the auditor: it will be closed
    tab.goto(step_url)
    # Offline: the autosaves fail, and so does the request sent as the tab closes. (Offline,
    # the alert's DSFR icon cannot load, which the auditor would report on its own pages.)
    page.context.set_offline(True)
    tab.get_by_role("textbox", name="Nom", exact=True).fill("Curie")
    tab.get_by_role("textbox", name="Nom", exact=True).press("Tab")
    expect(tab.get_by_role("status")).to_contain_text(FAILED)
    tab.get_by_role("textbox", name="Ville").fill("Lyon")  # typed while it fails, never left
    # Chromium's offline emulation leaves with the closing tab's DevTools session, so the
    # keepalive request sent as it closes sometimes reaches the server anyway. Like a request
    # lost with the connection, it must save nothing: this browser session loses its cookies
    # for good (the request is refused), and the person comes back in a new one that has this
    # device's storage. close() with unload handlers does not wait for the tab to go: wait.
    signed_in = page.context.cookies()
    page.context.clear_cookies()
    with tab.expect_event("close"):
        tab.close(run_before_unload=True)
    assert Dossier.objects.get(applicant=applicant).answers == {}
    device = page.context.storage_state()  # the answers kept in localStorage
    back = new_page(storage_state={**device, "cookies": signed_in})

    back.route(AUTOSAVE, lambda route: route.abort("internetdisconnected"))
    visit(step_url, page=back)  # the same step again, while saving still fails
    expect(back.get_by_role("textbox", name="Nom", exact=True)).to_have_value("Curie")
    expect(back.get_by_role("textbox", name="Ville")).to_have_value("Lyon")
    status = back.get_by_role("status")
    expect(status).to_contain_text(KEPT)
    expect(status).to_contain_text(FAILED)
    expect(status.locator(".fr-alert--info")).to_be_visible()
    axe(back)
    assert Dossier.objects.get(applicant=applicant).answers == {}

    back.unroute(AUTOSAVE)
    back.evaluate("window.dispatchEvent(new Event('online'))")
    expect(status).to_contain_text(KEPT_SAVED, timeout=5_000)
    expect(status).to_contain_text(SAVED)
    axe(back)
    assert _answers_become(applicant, {"nom": "Curie", "ville": "Lyon"}) == {
        "nom": "Curie",
        "ville": "Lyon",
    }
    assert _copies(back) == 0  # nothing left on the device once saved


def test_change_made_in_another_tab_is_not_undone_and_reloading_keeps_both(
    page, visit, axe, procedure
):
    applicant = _start(page, visit, axe, procedure)
    tab = page.context.new_page()  # untracked by the auditor: it will be closed
    tab.goto(page.url)
    tab.get_by_role("textbox", name="Ville").fill("Lyon")
    tab.get_by_role("textbox", name="Ville").press("Tab")
    expect(tab.get_by_role("status")).to_contain_text(SAVED)
    tab.close()

    name = page.get_by_role("textbox", name="Nom", exact=True)
    name.fill("Curie")
    name.press("Tab")  # this page still shows the draft without « Lyon »
    status = page.get_by_role("status")
    expect(status).to_contain_text(CONFLICT)
    expect(status.locator(".fr-alert--error")).to_be_visible()
    axe()
    assert Dossier.objects.get(applicant=applicant).answers == {"ville": "Lyon"}

    page.get_by_role("button", name="Recharger la dernière version").click()
    expect(status).to_contain_text(KEPT_SAVED)
    expect(name).to_have_value("Curie")
    expect(page.get_by_role("textbox", name="Ville")).to_have_value("Lyon")
    axe()
    assert _answers_become(applicant, {"nom": "Curie"}) == {"nom": "Curie", "ville": "Lyon"}
    assert _copies(page) == 0


def test_expired_session_is_told_and_answers_come_back_after_signing_in(
    page, visit, axe, procedure
):
    applicant = _start(page, visit, axe, procedure)
    Session.objects.all().delete()  # the session expires
    name = page.get_by_role("textbox", name="Nom", exact=True)
    name.fill("Curie")
    name.press("Tab")
    status = page.get_by_role("status")
    expect(status).to_contain_text(EXPIRED)
    axe()
    page.get_by_role("textbox", name="Ville").fill("Lyon")  # still kept
    page.get_by_role("link", name="Se reconnecter").click()
    page.get_by_label("Adresse électronique").fill(applicant.email)
    axe()
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(status).to_contain_text(KEPT_SAVED)  # back on the step
    expect(name).to_have_value("Curie")
    axe()
    assert _answers_become(applicant, {"nom": "Curie", "ville": "Lyon"}) == {
        "nom": "Curie",
        "ville": "Lyon",
    }


def _set_visibility(page, state):
    page.evaluate(
        """(state) => {
          Object.defineProperty(document, "visibilityState", { value: state, configurable: true });
          document.dispatchEvent(new Event("visibilitychange"));
        }""",
        state,
    )


def test_going_to_another_tab_while_typing_is_not_taken_for_a_change_made_elsewhere(
    page, visit, axe, procedure
):
    applicant = _start(page, visit, axe, procedure)
    name = page.get_by_role("textbox", name="Nom", exact=True)
    name.focus()
    page.keyboard.type("Curie")  # never leaves the field: no autosave yet
    _set_visibility(page, "hidden")  # the person looks at another tab: the field is sent
    assert _answers_become(applicant, {"nom": "Curie"}) == {"nom": "Curie"}
    _set_visibility(page, "visible")
    page.keyboard.type("-Skłodowska")
    name.press("Tab")
    status = page.get_by_role("status")
    expect(status).to_contain_text(SAVED)
    expect(status).not_to_contain_text(CONFLICT)
    assert _answers_become(applicant, {"nom": "Curie-Skłodowska"})["nom"] == "Curie-Skłodowska"
