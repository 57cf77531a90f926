"""Supporting documents inside a repeatable block: one certificate per child, uploaded row by
row, checked like any document, required per row, kept or removed, shown to instructors."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from essaim.procedures.models import Attachment, Dossier
from tests.procedures.factories import (
    InstructorFactory,
    InstructorGroupFactory,
    ProcedureFactory,
    build_form,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00" + b"\x00" * 60


def _pdf(name):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def dossier(client, applicant):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [
            (
                "Enfants",
                [
                    dict(
                        key="enfants",
                        type="repeatable",
                        label="Vos enfants",
                        params={"row_label": "enfant"},
                        children=[
                            dict(key="prenom", label="Prénom", required=True),
                            dict(
                                key="certificat",
                                type="attachment",
                                label="Certificat de scolarité",
                                required=True,
                                params={"accept": ["pdf"]},
                            ),
                        ],
                    )
                ],
            )
        ],
    )
    InstructorGroupFactory(procedure=procedure, is_default=True)
    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    return Dossier.objects.get(applicant=applicant)


def _step(dossier):
    return reverse("procedures:step", args=[dossier.public_id, 0])


def _post(client, dossier, rows, **extra):
    data = {"_shown": ["enfants"], "f-enfants__rows": str(len(rows)), "action": "save", **extra}
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"f-enfants__{index}__{key}"] = value
    return client.post(_step(dossier), data)


def test_one_certificate_per_child_is_stored_and_listed(client, dossier):
    _post(
        client,
        dossier,
        [
            {"prenom": "Alice", "certificat": _pdf("alice.pdf")},
            {"prenom": "Bruno", "certificat": _pdf("bruno.pdf")},
        ],
    )
    dossier.refresh_from_db()
    rows = dossier.answers["enfants"]
    assert [row["prenom"] for row in rows] == ["Alice", "Bruno"]
    names = [Attachment.objects.get(pk=row["certificat"]["files"][0]).original_name for row in rows]
    assert names == ["alice.pdf", "bruno.pdf"]
    page = client.get(_step(dossier)).content.decode()
    assert "alice.pdf" in page and "bruno.pdf" in page
    summary = client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()
    assert "Votre dossier est complet" in summary
    assert "Enfant 2 — Certificat de scolarité : bruno.pdf" in summary


def test_a_missing_certificate_in_a_row_blocks_submission(client, dossier):
    _post(
        client,
        dossier,
        [{"prenom": "Alice", "certificat": _pdf("alice.pdf")}, {"prenom": "Bruno"}],
    )
    summary = client.get(reverse("procedures:summary", args=[dossier.public_id])).content.decode()
    assert "Votre dossier est complet" not in summary
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == "draft"


def test_a_refused_file_in_a_row_says_why_and_keeps_the_rest(client, dossier):
    _post(
        client,
        dossier,
        [
            {"prenom": "Alice", "certificat": _pdf("alice.pdf")},
            {
                "prenom": "Bruno",
                "certificat": SimpleUploadedFile("bruno.pdf", EXE, content_type="application/pdf"),
            },
        ],
    )
    dossier.refresh_from_db()
    assert Attachment.objects.count() == 1
    page = client.get(_step(dossier)).content.decode()
    assert "n’est pas d’un type accepté" in page
    assert 'value="Bruno"' in page and "alice.pdf" in page


def test_files_are_kept_removed_and_deleted_with_their_row(client, dossier):
    _post(
        client,
        dossier,
        [
            {"prenom": "Alice", "certificat": _pdf("alice.pdf")},
            {"prenom": "Bruno", "certificat": _pdf("bruno.pdf")},
        ],
    )
    dossier.refresh_from_db()
    alice, bruno = (row["certificat"]["files"][0] for row in dossier.answers["enfants"])
    # Saving again without new files keeps them.
    _post(client, dossier, [{"prenom": "Alice"}, {"prenom": "Bruno"}])
    dossier.refresh_from_db()
    assert [r["certificat"]["files"] for r in dossier.answers["enfants"]] == [[alice], [bruno]]
    # Removing Alice's file and deleting Bruno's row deletes both files; Alice's row now
    # lacks its required certificate: shown again with the error until a new one comes.
    _post(
        client,
        dossier,
        [{"prenom": "Alice"}, {"prenom": "Bruno"}],
        **{"f-enfants__0__certificat__remove": alice, "f-enfants__1__delete": "1"},
    )
    assert not Attachment.objects.exists()
    page = client.get(_step(dossier)).content.decode()
    assert 'id="champ-enfants__0__certificat-erreur">Ajoutez ce document' in page
    assert 'value="Bruno"' not in page
    _post(client, dossier, [{"prenom": "Alice", "certificat": _pdf("alice-2.pdf")}])
    dossier.refresh_from_db()
    (row,) = dossier.answers["enfants"]
    assert Attachment.objects.get(pk=row["certificat"]["files"][0]).original_name == "alice-2.pdf"
    assert "enfants" not in dossier.invalid_inputs


def test_instructors_see_which_child_each_document_belongs_to(client, dossier):
    _post(
        client,
        dossier,
        [
            {"prenom": "Alice", "certificat": _pdf("alice.pdf")},
            {"prenom": "Bruno", "certificat": _pdf("bruno.pdf")},
        ],
    )
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    agent = Client()
    agent.force_login(InstructorFactory(group=dossier.group).user)
    html = agent.get(
        reverse("procedures:instruction_dossier", args=[dossier.public_id])
    ).content.decode()
    assert "Certificat de scolarité (Enfant 2) :" in html
    link = re.search(r'Enfant 2\) : <a href="([^"]+)"', html).group(1)
    assert b"".join(agent.get(link).streaming_content) == PDF
    assert Client().get(link).status_code == 404
