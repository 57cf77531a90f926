"""A document's upload, sent by the field's autosave, is announced to screen readers as it
progresses (the step's live region), on a slow connection."""

import pytest
from playwright.sync_api import expect

from essaim.procedures.models import Dossier
from tests.accounts.factories import PASSWORD, UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.browser

# A PDF by its content, large enough to take a few seconds at the throttled speed below.
PDF = b"%PDF-1.4\n%" + b"0" * 600_000 + b"\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_upload_progress_is_announced_in_the_live_region(page, visit, axe, tmp_path):
    procedure = ProcedureFactory(title="Aide au permis")
    build_form(
        procedure,
        [("Pièces", [dict(key="piece", type="attachment", label="Pièce d’identité")])],
    )
    applicant = UserFactory()
    page.set_default_navigation_timeout(60_000)
    visit("/compte/connexion/")
    page.get_by_label("Adresse électronique").fill(applicant.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_load_state()
    axe()
    visit(f"/demarches/{procedure.slug}/")
    page.get_by_role("button", name="Commencer ma demande").click()
    expect(page.get_by_text("Pièce d’identité")).to_be_visible()
    axe()
    # About 200 kB/s upstream: the upload takes about three seconds.
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send(
        "Network.emulateNetworkConditions",
        {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": 200_000},
    )
    document = tmp_path / "piece.pdf"
    document.write_bytes(PDF)
    page.locator("#champ-piece-fichier").set_input_files(document)
    status = page.locator("#etat-enregistrement")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_contain_text("Envoi du fichier", timeout=15_000)
    expect(status).to_contain_text("Brouillon enregistré", timeout=30_000)
    axe()
    assert Dossier.objects.get(applicant=applicant).attachments.count() == 1
