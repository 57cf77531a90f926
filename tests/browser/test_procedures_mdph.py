"""The MDPH demonstration procedure in a real browser: an applicant fills part of it, leaves
for « Mes dossiers », comes back, is stopped by the completeness summary, follows its link to
what is missing, completes (documents included) and submits. The same journey runs with
JavaScript off (mouse and form filling) and with the keyboard only (JavaScript on, so htmx
redraws parts of the page under the focus). After the first one, the demo instructor finds that
very dossier in the instruction table, asks for a correction with a deadline, the applicant
reads it from « Mes dossiers », corrects and sends the dossier back, the instructor accepts, and
both download the decision letter (PDF). axe-core audits every page."""

import re
import zlib
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from essaim.accounts import demo as accounts_demo
from essaim.core.demo_data import DEMO_PASSWORD
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


def _sign_in(page, visit, axe, actor, user, password=PASSWORD):
    visit("/compte/connexion/", page=page)
    actor.type_in(page.get_by_label("Adresse électronique"), user.email)
    actor.type_in(page.get_by_label("Mot de passe"), password)
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
    # The button's confirmation, not the autosave hint (it may say « Brouillon enregistré » too).
    expect(page.get_by_text("Vous pourrez le reprendre depuis")).to_be_visible()
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
    return dossier


def _dossier_link(page, dossier):
    """The link to `dossier` in a table (« Dossier n° 12 », « Voir — dossier n° 12 »)."""
    return page.get_by_role("link", name=re.compile(rf"ossier n°\s{dossier.pk}$"))


def _transition(page, name):
    page.get_by_role("button", name=name, exact=True).click()
    expect(page.get_by_text(f"« {name} » fait")).to_be_visible()


def _download_pdf(page, link_name) -> bytes:
    with page.expect_download() as download:
        page.get_by_role("link", name=link_name).click()
    with open(download.value.path(), "rb") as pdf:
        return pdf.read()


def _pdf_title(pdf: bytes) -> str:
    """The /Title of a WeasyPrint PDF: its metadata sit in a compressed object stream, the
    title as UTF-16 hexadecimal."""
    for stream in re.findall(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            data = zlib.decompress(stream)
        except zlib.error:
            continue
        title = re.search(rb"/Title\s*<feff([0-9a-fA-F]*)>", data)
        if title:
            return bytes.fromhex(title.group(1).decode()).decode("utf-16-be")
    raise AssertionError("the PDF has no title")


def _instruct_with_a_correction(instructor_page, page, visit, axe, dossier):
    """The demo instructor takes `dossier` from the table, asks for a correction; the applicant
    (in `page`, already signed in) corrects and sends it back; the instructor accepts."""
    instructor = demo.User.objects.get(email=demo.INSTRUCTOR_EMAIL)
    _sign_in(instructor_page, visit, axe, Pointer(instructor_page), instructor, DEMO_PASSWORD)
    visit("/demarches/instruction/", page=instructor_page)
    instructor_page.get_by_role("link", name=dossier.procedure.title).click()
    expect(instructor_page.get_by_role("heading", name=dossier.procedure.title)).to_be_visible()
    axe(instructor_page)
    _dossier_link(instructor_page, dossier).click()
    deadline = instructor_page.get_by_label("À corriger avant le")
    expect(deadline).to_be_visible()
    axe(instructor_page)
    instructor_page.get_by_label("Ce que le demandeur doit corriger").fill(
        "Décrivez vos attentes dans la partie « Projet de vie »."
    )
    deadline.fill((date.today() + timedelta(days=15)).isoformat())
    _transition(instructor_page, "Demander une correction")
    axe(instructor_page)

    # The applicant sees the request from « Mes dossiers », corrects and sends back.
    page.get_by_role("link", name="Mes dossiers").first.click()
    row = page.get_by_role("row").filter(has=_dossier_link(page, dossier))
    expect(row).to_contain_text("Correction demandée")
    axe(page)
    _dossier_link(page, dossier).click()
    expect(page.get_by_text("Le service vous demande une correction")).to_be_visible()
    expect(page.get_by_text("Décrivez vos attentes dans la partie")).to_be_visible()
    expect(page.get_by_text("À faire avant le")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Voir le récapitulatif").click()
    expect(page.get_by_role("link", name="Modifier « Projet de vie »")).to_be_visible()
    axe(page)
    page.get_by_role("link", name="Modifier « Projet de vie »").click()
    expect(page.get_by_role("textbox", name="Vos attentes, vos projets")).to_be_visible()
    axe(page)
    page.get_by_role("textbox", name="Vos attentes, vos projets").fill(
        "Garder mon autonomie pour me déplacer dans mon quartier."
    )
    _next(page, Pointer(page))
    expect(page.get_by_text("Quelles aides demandez-vous")).to_be_visible()
    axe(page)
    _next(page, Pointer(page))
    expect(page.get_by_text("Certificat médical de moins d’un an")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Voir le récapitulatif").click()
    expect(page.get_by_text("Votre dossier est complet")).to_be_visible()
    axe(page)
    page.get_by_role("button", name="Renvoyer mon dossier corrigé").click()
    expect(page.get_by_text("est déposé")).to_be_visible()
    axe(page)

    instructor_page.reload()
    expect(instructor_page.get_by_text("Garder mon autonomie")).to_be_visible()
    axe(instructor_page)
    _transition(instructor_page, "Passer en instruction")
    axe(instructor_page)
    _transition(instructor_page, "Accepter")
    axe(instructor_page)
    title = re.compile(rf"Décision sur le dossier n°\s{dossier.pk}\b")
    assert title.match(_pdf_title(_download_pdf(instructor_page, "Lettre de décision (PDF)")))

    visit(f"/demarches/dossiers/{dossier.public_id}/", page=page)
    expect(page.get_by_text("Accepté").first).to_be_visible()
    assert title.match(_pdf_title(_download_pdf(page, "Lettre de décision (PDF)")))
    dossier.refresh_from_db()
    assert dossier.state == "accepted"
    assert dossier.answers["projet_de_vie"].startswith("Garder mon autonomie")
    assert f"{dossier.pk}" in dossier.decision_letter
    assert [t.name for t in dossier.transitions.all()] == [
        "submit",
        "request_correction",
        "resubmit",
        "instruct",
        "accept",
    ]


def test_mdph_dossier_without_javascript_submitted_corrected_accepted_with_decision_letter(
    new_page, visit, axe, mdph, tmp_path
):
    page = new_page(java_script_enabled=False)
    dossier = _mdph_journey(page, visit, axe, Pointer(page), tmp_path, javascript=False)
    _instruct_with_a_correction(new_page(), page, visit, axe, dossier)


def test_applicant_with_the_keyboard_only_fills_the_mdph_demo_and_submits(
    page, visit, axe, mdph, tmp_path
):
    _mdph_journey(page, visit, axe, Keyboard(page), tmp_path, javascript=True)
