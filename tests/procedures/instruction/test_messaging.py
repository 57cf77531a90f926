"""Messages with documents between the applicant and the instructors: each side writes, the
other is told by e-mail; documents are checked and served only to the people of the dossier."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from essaim.procedures.models import Attachment, Message
from tests.accounts.factories import UserFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pdf(name="piece.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _links(html):
    return re.findall(r'href="(/demarches/documents/[^"]+/)"', html)


def test_instructor_sends_a_document_the_applicant_downloads(
    client, dossier, instructor, applicant
):
    client.force_login(instructor)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("procedures:instruction_message", args=[dossier.public_id]),
            {"body": "Voici le formulaire à signer.", "files": [_pdf("formulaire.pdf")]},
        )
    assert response.status_code == 302
    message = Message.objects.get()
    assert [a.original_name for a in message.attachments.all()] == ["formulaire.pdf"]
    assert mail.outbox[-1].to == [applicant.email]
    owner = Client()
    owner.force_login(applicant)
    html = owner.get(reverse("procedures:dossier", args=[dossier.public_id])).content.decode()
    assert "Voici le formulaire à signer." in html and "formulaire.pdf" in html
    (link,) = _links(html)
    assert b"".join(owner.get(link).streaming_content) == PDF
    # The link was made for the applicant: nobody else gets the file through it.
    stranger = Client()
    stranger.force_login(UserFactory())
    assert stranger.get(link).status_code == 404
    assert Client().get(link).status_code == 404


def test_applicant_answers_with_a_document_and_instructors_are_told(
    client, dossier, instructor, applicant
):
    client.force_login(applicant)
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = client.post(
            reverse("procedures:dossier_message", args=[dossier.public_id]),
            {"body": "Le justificatif demandé.", "files": [_pdf("justificatif.pdf")]},
        )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.from_applicant and message.author == applicant
    assert mail.outbox[-1].to == [instructor.email]
    assert "Il a joint 1 document." in mail.outbox[-1].body
    agent = Client()
    agent.force_login(instructor)
    html = agent.get(
        reverse("procedures:instruction_dossier", args=[dossier.public_id])
    ).content.decode()
    assert "Le justificatif demandé." in html
    (link,) = _links(html)  # the only document of the dossier
    assert b"".join(agent.get(link).streaming_content) == PDF


def test_a_refused_file_sends_nothing_and_keeps_the_text(client, dossier, applicant):
    client.force_login(applicant)
    fake = SimpleUploadedFile("photo.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(
        reverse("procedures:dossier_message", args=[dossier.public_id]),
        {"body": "Mon texte à garder", "files": [fake]},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "n’est pas d’un type accepté" in html
    assert "Mon texte à garder" in html
    assert not Message.objects.exists() and not Attachment.objects.exists()


def test_too_many_files_are_refused(client, dossier, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("procedures:instruction_message", args=[dossier.public_id]),
        {"body": "Trop", "files": [_pdf(f"{n}.pdf") for n in range(4)]},
    )
    assert response.status_code == 400
    assert "Joignez au plus 3 fichiers" in response.content.decode()
    assert not Message.objects.exists()


def test_others_cannot_write_on_the_dossier(client, dossier, other_instructor):
    url = reverse("procedures:dossier_message", args=[dossier.public_id])
    client.force_login(UserFactory())
    assert client.post(url, {"body": "Intrus"}).status_code == 404
    client.force_login(other_instructor)
    agent_url = reverse("procedures:instruction_message", args=[dossier.public_id])
    assert client.post(agent_url, {"body": "Intrus"}).status_code == 404
    client.logout()
    response = client.post(url, {"body": "Intrus"})
    assert response.status_code == 302 and reverse("accounts:login") in response.url
    assert not Message.objects.exists()


def test_no_messaging_on_a_draft(client, dossier, applicant):
    dossier.state = "draft"
    dossier.save()
    client.force_login(applicant)
    response = client.post(
        reverse("procedures:dossier_message", args=[dossier.public_id]), {"body": "Bonjour"}
    )
    assert response.status_code == 302
    assert not Message.objects.exists()
