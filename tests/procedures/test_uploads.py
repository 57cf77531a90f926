"""Documents: type read from the content, size, name, signed short-lived links."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.procedures import documents, uploads
from essaim.procedures.fields import FieldError
from essaim.procedures.models import Attachment, Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EXE = b"MZ\x90\x00" + b"\x00" * 60


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.fixture
def dossier(client, applicant):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [
            (
                "Pièces",
                [
                    dict(
                        key="justificatif",
                        type="attachment",
                        label="Justificatif de domicile",
                        required=True,
                        params={"max_files": 2, "max_size_mb": 1, "accept": ["pdf", "png", "docx"]},
                    )
                ],
            )
        ],
    )
    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    return Dossier.objects.get(applicant=applicant)


def _upload(client, dossier, name, content, content_type="application/pdf"):
    return client.post(
        reverse("procedures:step", args=[dossier.public_id, 0]),
        {
            "_shown": ["justificatif"],
            "f-justificatif": SimpleUploadedFile(name, content, content_type),
            "action": "save",
        },
        follow=True,
    ).content.decode()


def test_documents_accepted_by_their_content(client, dossier):
    _upload(client, dossier, "facture.pdf", PDF)
    _upload(client, dossier, "contrat.docx", _docx(), "application/octet-stream")
    dossier.refresh_from_db()
    names = sorted(Attachment.objects.values_list("original_name", "content_type"))
    assert names == [
        ("contrat.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        ("facture.pdf", "application/pdf"),
    ]
    assert len(dossier.answers["justificatif"]["files"]) == 2
    assert Attachment.objects.first().scan_status == "not_scanned"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("facture.pdf", EXE, "n’est pas d’un type accepté ici (PDF, PNG, Word (DOCX))"),
        ("photo.png", b"<svg onload=alert(1)>", "n’est pas d’un type accepté"),
        ("gros.pdf", PDF + b"0" * (1024 * 1024), "la limite est de 1 Mo"),
        ("vide.pdf", b"", "est vide"),
    ],
)
def test_hostile_uploads_are_refused_with_a_way_out(client, dossier, name, content, message):
    html = _upload(client, dossier, name, content)
    assert message in html.replace("&#x27;", "'")
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    "name", ["facture\u202efdp.pdf", "a\x00b.pdf", "../../etc/passwd", "c:\\x.pdf"]
)
def test_hostile_names_are_refused(name):
    # Django already drops most of these from browser uploads; the API goes through here too.
    with pytest.raises(FieldError) as error:
        uploads.clean_name(name)
    assert "caractères interdits" in error.value.message


def test_long_names_are_shortened_keeping_the_extension():
    assert uploads.clean_name("a" * 300 + ".pdf") == "a" * 146 + ".pdf"


def test_misnamed_file_gets_the_extension_of_its_content(client, dossier):
    _upload(client, dossier, "scan.exe", PNG, "image/png")
    attachment = Attachment.objects.get()
    assert attachment.original_name == "scan.png"
    assert not attachment.file.name.endswith(".exe")
    assert "scan" not in attachment.file.name  # random name on disk


def test_missing_document_can_be_explained_when_allowed(client, applicant):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [
            (
                "Pièces",
                [
                    dict(
                        key="rib",
                        type="attachment",
                        label="RIB",
                        required=True,
                        params={"allow_missing_explanation": True},
                    )
                ],
            )
        ],
    )
    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=applicant)
    client.post(
        reverse("procedures:step", args=[dossier.public_id, 0]),
        {
            "_shown": ["rib"],
            "f-rib__missing_reason": "Compte en cours d’ouverture",
            "action": "next",
        },
    )
    html = client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()
    assert "Votre dossier est complet" in html
    assert "Absent : Compte en cours d’ouverture" in html.replace("&#x27;", "'").replace(
        "&rsquo;", "’"
    )


def test_document_link_works_for_its_owner_only(client, dossier, applicant):
    _upload(client, dossier, "facture.pdf", PDF)
    attachment = Attachment.objects.get()
    url = documents.signed_url(attachment, user=applicant)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # a link made for someone else
    assert client.get(documents.signed_url(attachment, user=UserFactory())).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404


def test_document_link_expires(client, dossier, applicant, monkeypatch):
    _upload(client, dossier, "facture.pdf", PDF)
    url = documents.signed_url(Attachment.objects.get(), user=applicant)
    monkeypatch.setattr(documents, "MAX_AGE_SECONDS", -1)
    response = client.get(url)
    assert response.status_code == 410
    assert "a expiré" in response.content.decode()


def test_removed_document_is_deleted(client, dossier):
    _upload(client, dossier, "facture.pdf", PDF)
    attachment = Attachment.objects.get()
    client.post(
        reverse("procedures:step", args=[dossier.public_id, 0]),
        {
            "_shown": ["justificatif"],
            "f-justificatif__remove": str(attachment.pk),
            "action": "save",
        },
    )
    dossier.refresh_from_db()
    assert not Attachment.objects.exists()
    assert "justificatif" not in dossier.answers
