"""Expert opinions: an instructor asks by e-mail, the expert reads the dossier read-only through
the secret link (no account) and answers once; the answer shows in the dossier."""

import datetime
import re

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.test import Client, TestCase
from django.urls import reverse

from essaim.procedures.models import Attachment, ExpertOpinion
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db


def _ask(client, dossier, instructor, **data):
    client.force_login(instructor)
    payload = {"expert_email": "medecin@example.org", "question": "Le besoin est-il avéré ?"}
    payload.update(data)
    with TestCase.captureOnCommitCallbacks(execute=True):  # the e-mail leaves on commit
        return client.post(
            reverse("procedures:instruction_opinion", args=[dossier.public_id]), payload
        )


def _expert_link():
    message = next(m for m in mail.outbox if m.to == ["medecin@example.org"])
    return re.search(r"https?://\S+/demarches/avis/\S+/", message.body).group(0)


@pytest.fixture
def document(dossier):
    attachment = Attachment(
        dossier=dossier,
        field_key="piece",
        original_name="certificat.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    attachment.file.save("certificat.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    attachment.save()
    return attachment


def test_expert_reads_the_dossier_and_answers_without_an_account(
    client, dossier, instructor, document
):
    response = _ask(client, dossier, instructor)
    assert response.status_code == 302
    link = _expert_link()
    expert = Client()  # no account, no session
    page = expert.get(link)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Le besoin est-il avéré ?" in html
    assert "Durand" in html  # the answers, read-only
    assert "certificat.pdf" in html
    document_url = re.search(r'href="(/demarches/documents/[^"]+/)"', html).group(1)
    assert b"".join(expert.get(document_url).streaming_content) == b"%PDF-1.4\n"
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = expert.post(link, {"answer": "Oui, le besoin est avéré."})
    assert response.status_code == 302
    opinion = ExpertOpinion.objects.get()
    assert opinion.answer == "Oui, le besoin est avéré." and opinion.answered_at
    assert mail.outbox[0].to == [instructor.email]
    # The answer shows in the dossier; the link no longer opens the dossier nor its documents.
    agent_page = client.get(reverse("procedures:instruction_dossier", args=[dossier.public_id]))
    assert "Oui, le besoin est avéré." in agent_page.content.decode()
    html = expert.get(link).content.decode()
    assert "Votre avis, transmis" in html and "certificat.pdf" not in html
    assert expert.get(document_url).status_code == 404


def test_an_answer_is_given_once(client, dossier, instructor):
    _ask(client, dossier, instructor)
    link = _expert_link()
    Client().post(link, {"answer": "Premier avis"})
    response = Client().post(link, {"answer": "Second avis"})
    assert response.status_code == 400
    assert ExpertOpinion.objects.get().answer == "Premier avis"


def test_empty_answer_is_refused_with_a_message(client, dossier, instructor):
    _ask(client, dossier, instructor)
    response = Client().post(_expert_link(), {"answer": "  "})
    assert response.status_code == 400
    assert "Écrivez votre avis avant de l’envoyer." in response.content.decode()
    assert ExpertOpinion.objects.get().answered_at is None


def test_link_closes_after_thirty_days(client, dossier, instructor, document):
    _ask(client, dossier, instructor)
    link = _expert_link()
    ExpertOpinion.objects.update(
        requested_at=datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=31)
    )
    html = Client().get(link).content.decode()
    assert "Cette demande d’avis est close" in html
    assert "certificat.pdf" not in html and "Durand" not in html
    assert Client().post(link, {"answer": "Trop tard"}).status_code == 400


def test_unknown_token_is_a_404(client):
    assert client.get(reverse("procedures:opinion", args=["pas-un-jeton"])).status_code == 404


def test_only_the_dossiers_instructors_may_ask(client, dossier, other_instructor):
    assert _ask(client, dossier, other_instructor).status_code == 404
    assert _ask(client, dossier, UserFactory()).status_code == 404
    client.logout()
    response = client.post(
        reverse("procedures:instruction_opinion", args=[dossier.public_id]),
        {"expert_email": "x@example.org", "question": "?"},
    )
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert not ExpertOpinion.objects.exists()


def test_invalid_request_explains_and_keeps_the_question(client, dossier, instructor):
    response = _ask(client, dossier, instructor, expert_email="pas-une-adresse")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Saisissez une adresse électronique valide" in html
    assert "Le besoin est-il avéré ?" in html
    assert not ExpertOpinion.objects.exists()


def test_expert_link_does_not_open_another_dossiers_documents(
    client, dossier, instructor, procedure, nord
):
    from tests.procedures.instruction.conftest import make_dossier

    other = make_dossier(procedure, nord)
    foreign = Attachment(
        dossier=other,
        field_key="piece",
        original_name="autre.pdf",
        content_type="application/pdf",
        size=9,
        sha256="0" * 64,
    )
    foreign.file.save("autre.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    foreign.save()
    _ask(client, dossier, instructor)
    opinion = ExpertOpinion.objects.get()
    from essaim.procedures import documents

    url = documents.signed_url(foreign, holder=f"avis-{opinion.pk}")
    assert Client().get(url).status_code == 404
