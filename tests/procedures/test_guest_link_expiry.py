"""A guest's resume link is valid PROCEDURES_GUEST_RESUME_DAYS days (said in the e-mail and on
the pages); once expired, its page offers to send a new one to the address given at the start."""

import re
import time

import pytest
from django.core import mail, signing
from django.test import Client, TestCase
from django.urls import reverse

from essaim.procedures import guests
from essaim.procedures.enums import Audience
from essaim.procedures.models import Dossier
from tests.procedures.factories import InstructorGroupFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.django_db
DAY = 86400


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(title="Signalement ouvert à tous", audience=Audience.ANYONE)
    build_form(procedure, [("Vous", [dict(key="nom", label="Nom", required=True)])])
    InstructorGroupFactory(procedure=procedure, name="Accueil", is_default=True)
    return procedure


@pytest.fixture
def dossier(client, procedure):
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(
            reverse("procedures:start", args=[procedure.slug]), {"email": "camille@example.org"}
        )
    return Dossier.objects.get(guest_email="camille@example.org")


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def _links() -> list[str]:
    return [
        re.search(r"https?://\S+(/demarches/reprise/\S+/)", m.body).group(1)
        for m in mail.outbox
        if "reprendre" in m.subject.lower()
    ]


def _later(monkeypatch, days):
    """Move the signing clock `days` ahead (links are dated by django.core.signing)."""
    moment = time.time() + days * DAY
    monkeypatch.setattr(signing.time, "time", lambda: moment)


def test_the_email_and_the_start_page_say_how_long_the_link_lasts(client, procedure, dossier):
    body = mail.outbox[-1].body.replace("\xa0", " ")
    assert "Ce lien est valable 30 jours, jusqu’au " in body
    assert "la page vous proposera d’en recevoir un nouveau à cette adresse" in body
    page = _text(client.get(reverse("procedures:dossier", args=[dossier.public_id]), follow=True))
    assert "valable 30 jours" in page


def test_link_works_within_its_validity_then_expires(procedure, dossier, monkeypatch):
    link = _links()[-1]
    _later(monkeypatch, 29)
    response = Client().get(link)
    assert response.status_code == 302 and str(dossier.public_id) in response["Location"]
    _later(monkeypatch, 31)
    browser = Client()
    response = browser.get(link)
    page = _text(response)
    assert response.status_code == 410
    assert "Ce lien pour reprendre votre dossier a expiré" in page
    assert "ne vaut que 30 jours" in page and "Recevoir un nouveau lien" in page
    # The expired link does not open the dossier in this browser.
    dossier_page = browser.get(reverse("procedures:dossier", args=[dossier.public_id]))
    assert dossier_page.status_code in {302, 404}


def test_validity_follows_the_setting(settings, procedure, dossier, monkeypatch):
    settings.PROCEDURES_GUEST_RESUME_DAYS = 7
    link = _links()[-1]
    _later(monkeypatch, 8)
    page = _text(Client().get(link))
    assert "ne vaut que 7 jours" in page


def test_expired_link_sends_a_new_one_to_the_address_given_at_the_start(
    procedure, dossier, monkeypatch
):
    old = _links()[-1]
    _later(monkeypatch, 31)
    browser = Client()
    renew = old + "nouveau-lien"
    assert browser.get(renew).status_code == 405  # a GET sends nothing
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = browser.post(renew, {"email": "intrus@example.org"})
    page = _text(response)
    assert response.status_code == 200 and "Un nouveau lien vous a été envoyé" in page
    assert "c•••@example.org" in page and "camille" not in page
    assert mail.outbox[-1].to == ["camille@example.org"]
    new = _links()[-1]
    assert new != old
    response = browser.get(new)
    assert response.status_code == 302 and str(dossier.public_id) in response["Location"]
    # Reloading the page does not flood the person's mailbox.
    count = len(mail.outbox)
    with TestCase.captureOnCommitCallbacks(execute=True):
        page = _text(browser.post(renew))
    assert "Un lien vous a déjà été envoyé" in page and len(mail.outbox) == count


def test_links_sent_before_they_had_a_date_count_as_expired(procedure, dossier):
    undated = signing.Signer(salt=guests.UNDATED_SALT).sign(str(dossier.public_id))
    response = Client().get(reverse("procedures:resume", args=[undated]))
    assert response.status_code == 410 and "a expiré" in _text(response)


def test_forged_link_offers_no_new_link(procedure, dossier):
    forged = f"{dossier.public_id}:1abc:forged"
    response = Client().get(reverse("procedures:resume", args=[forged]))
    assert response.status_code == 404 and "Recevoir un nouveau lien" not in _text(response)
    with TestCase.captureOnCommitCallbacks(execute=True):
        refused = Client().post(reverse("procedures:resume_renew", args=[forged]))
    assert refused.status_code == 404 and len(_links()) == 1
