"""XLSX and ZIP-of-documents exports: readable by spreadsheet software and unzip, streamed,
limited to the instructor's dossiers."""

import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.http import StreamingHttpResponse
from django.urls import reverse
from openpyxl import load_workbook

from essaim.procedures.export_streams import xlsx_rows, zip_files
from essaim.procedures.models import Attachment
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _body(response) -> bytes:
    assert isinstance(response, StreamingHttpResponse)
    return b"".join(response.streaming_content)


def _attach(dossier, name, content=PDF, field_key="justificatif"):
    attachment = Attachment(
        dossier=dossier,
        field_key=field_key,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256="0" * 64,
    )
    attachment.file.save(name, ContentFile(content), save=False)
    attachment.save()
    return attachment


def test_xlsx_export_opens_with_answers_annotations_and_filters(
    client, procedure, nord, pas_de_calais, instructor
):
    mine = make_dossier(procedure, nord, nom="Durand <& fils>", montant=450)
    mine.annotations = {"avis_service": "Urgent\x07"}
    mine.save()
    make_dossier(procedure, pas_de_calais, nom="Autre groupe")
    make_dossier(procedure, nord, state="accepted", nom="Accepté")
    client.force_login(instructor)
    url = reverse("procedures:instruction_export_xlsx", args=[procedure.pk])
    response = client.get(url, {"etat": "submitted"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert ".xlsx" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(_body(response)), read_only=True).active
    header, *lines = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert header[:2] == ["Numéro", "État"]
    assert len(lines) == 1
    line = dict(zip(header, lines[0], strict=True))
    assert line["Numéro"] == mine.pk
    assert line["Nom"] == "Durand <& fils>"
    assert line["Annotation : Avis du service"] == "Urgent"  # control character dropped


def test_xlsx_writer_yields_many_small_chunks_for_many_rows():
    rows = (["ligne", n, "é" * 20] for n in range(3000))
    chunks = list(xlsx_rows(rows))
    assert len(chunks) > 10
    sheet = load_workbook(io.BytesIO(b"".join(chunks)), read_only=True).active
    values = list(sheet.iter_rows(values_only=True))
    assert len(values) == 3000 and values[-1] == ("ligne", 2999, "é" * 20)


def test_documents_zip_holds_the_instructors_dossiers_documents_only(
    client, procedure, nord, pas_de_calais, instructor
):
    mine = make_dossier(procedure, nord)
    _attach(mine, "facture.pdf")
    _attach(mine, "facture.pdf", content=PDF + b"%2")
    _attach(make_dossier(procedure, pas_de_calais), "secret.pdf")
    client.force_login(instructor)
    response = client.get(reverse("procedures:instruction_export_documents", args=[procedure.pk]))
    assert response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(_body(response)))
    prefix = f"{mine.pk:05d}/justificatif/"
    assert sorted(archive.namelist()) == [prefix + "facture (2).pdf", prefix + "facture.pdf"]
    assert archive.read(prefix + "facture.pdf") == PDF
    assert archive.testzip() is None


def test_zip_writer_streams_large_files_in_chunks():
    big = b"x" * (3 * 1024 * 1024)
    chunks = list(zip_files([("a.bin", lambda: io.BytesIO(big))]))
    assert max(len(c) for c in chunks) < 1024 * 1024
    assert zipfile.ZipFile(io.BytesIO(b"".join(chunks))).read("a.bin") == big


@pytest.mark.parametrize("name", ["instruction_export_xlsx", "instruction_export_documents"])
def test_exports_refused_to_agents_outside_the_groups(client, procedure, nord, agent, name):
    make_dossier(procedure, nord)
    client.force_login(agent)
    assert client.get(reverse(f"procedures:{name}", args=[procedure.pk])).status_code == 403


@pytest.mark.parametrize("name", ["instruction_export_xlsx", "instruction_export_documents"])
def test_exports_send_anonymous_visitors_to_sign_in(client, procedure, name):
    response = client.get(reverse(f"procedures:{name}", args=[procedure.pk]))
    assert response.status_code == 302 and "connexion" in response["Location"]
