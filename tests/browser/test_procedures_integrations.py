"""The « Intégrations » page in a real browser: the delivery log lists each attempt of a webhook
delivery (Paris time, HTTP status or error, duration) in a table folded under its delivery.
Audited by axe-core, folded and unfolded."""

import datetime

import pytest
from playwright.sync_api import expect

from essaim.procedures.models import Webhook, WebhookDelivery
from tests.accounts.factories import PASSWORD, MembershipFactory
from tests.procedures.factories import ProcedureFactory

pytestmark = pytest.mark.browser

START = datetime.datetime(2026, 12, 5, 9, 0, 0, tzinfo=datetime.UTC)


def test_administrator_reads_each_attempt_of_a_delivery(page, visit, axe, transactional_db):
    admin = MembershipFactory(role="admin").user
    procedure = ProcedureFactory(organisation=admin.memberships.get().organisation)
    webhook = Webhook.objects.create(procedure=procedure, url="https://iodas.exemple.fr/essaim")
    attempts = [(0, None, "Connexion refusée", 12), (30, 503, "", 85), (150, 200, "", 40)]
    WebhookDelivery.objects.create(
        webhook=webhook,
        event="dossier.state_changed",
        idempotency_key="essaim-1-1",
        payload={},
        status="delivered",
        attempts=3,
        last_status_code=200,
        log=[
            {
                "at": (START + datetime.timedelta(seconds=delay)).isoformat(),
                "status_code": code,
                "error": error,
                "duration_ms": ms,
            }
            for delay, code, error, ms in attempts
        ],
    )
    page.set_default_navigation_timeout(60_000)  # the first page can be slow on a busy machine
    visit("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(admin.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()
    visit(f"/demarches/gestion/{procedure.pk}/integrations/")
    page.locator("summary", has_text="Tentatives de l’envoi du").click()  # unfolds <details>
    table = page.get_by_role("table", name="Tentatives de l’envoi du")
    expect(table).to_be_visible()
    axe()
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    # 9:00 UTC is 10:00 in Paris in December.
    expect(rows.nth(0)).to_contain_text("5 décembre 2026 10:00:00")
    expect(rows.nth(0)).to_contain_text("Pas de réponse")
    expect(rows.nth(0)).to_contain_text("Connexion refusée")
    expect(rows.nth(1)).to_contain_text("10:00:30")
    expect(rows.nth(1)).to_contain_text("Réponse HTTP 503")
    expect(rows.nth(2)).to_contain_text("10:02:30")
    expect(rows.nth(2)).to_contain_text("Réponse HTTP 200")
    expect(rows.nth(2)).to_contain_text("40")
