"""A supporting-document field's model (a blank form to fill): uploaded by an éditeur in the
builder, checked like any upload, downloaded by applicants; the URL option stays."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from essaim.procedures import builder_services as builder
from tests.procedures.factories import DossierFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def procedure(organisation, editor):
    procedure = builder.create_procedure(by=editor, organisation=organisation, title="MDPH")
    builder.add_section(procedure.draft_version, title="Pièces justificatives")
    return procedure


def _post_field(client, procedure, field=None, **data):
    if field is None:
        section = procedure.draft_version.sections.get()
        url = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
        url += "?type=attachment"
    else:
        url = reverse("procedures:builder_field_edit", args=[procedure.pk, field.pk])
    return client.post(url, {"label": "Certificat médical", **data})


def _model_url(field):
    return reverse("procedures:field_model", args=[field.params["model_file_id"]])


def test_editor_uploads_a_model_that_applicants_download_once_published(
    client, editor, applicant, other_agent, procedure
):
    client.force_login(editor)
    upload = SimpleUploadedFile("cerfa 15695.pdf", PDF, content_type="application/pdf")
    response = _post_field(client, procedure, param_model_name="le certificat", model_upload=upload)
    assert response.status_code == 302
    field = procedure.draft_version.fields.get()
    url = _model_url(field)
    # The draft's model: for the procedure's editors (the preview), nobody else.
    assert url in client.get(reverse("procedures:builder_preview", args=[procedure.pk])).text
    assert b"".join(client.get(url).streaming_content) == PDF
    client.force_login(other_agent)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 404

    builder.publish_version(procedure.draft_version, by=editor)
    dossier = DossierFactory(procedure=procedure, applicant=applicant)
    client.force_login(applicant)
    step = client.get(reverse("procedures:step", args=[dossier.public_id, 0])).text
    assert url in step and "Télécharger le certificat à remplir" in step
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="cerfa 15695.pdf"'
    assert b"".join(response.streaming_content) == PDF


def test_a_hostile_model_file_is_refused_and_nothing_is_stored(client, editor, procedure, settings):
    client.force_login(editor)
    disguised = SimpleUploadedFile(
        "modele.pdf", b"<html><script>alert(1)</script></html>", content_type="application/pdf"
    )
    response = _post_field(client, procedure, model_upload=disguised)
    assert response.status_code == 200
    assert "« modele.pdf » n’est pas d’un type accepté ici" in response.text.replace("\xa0", " ")
    assert not procedure.draft_version.fields.exists()
    assert not (settings.MEDIA_ROOT / "procedures" / "modeles").exists()


def test_editing_keeps_the_model_removing_it_falls_back_to_the_url(client, editor, procedure):
    client.force_login(editor)
    odt = _odt()
    upload = SimpleUploadedFile("modele.odt", odt, content_type="application/octet-stream")
    _post_field(client, procedure, model_upload=upload)
    field = procedure.draft_version.fields.get()
    file_id = field.params["model_file_id"]
    _post_field(client, procedure, field, param_model_url="https://mdph.exemple.fr/cerfa.pdf")
    field.refresh_from_db()
    assert field.params["model_file_id"] == file_id  # kept when the form is saved again
    preview = client.get(reverse("procedures:builder_preview", args=[procedure.pk])).text
    assert _model_url(field) in preview and "https://mdph.exemple.fr/cerfa.pdf" not in preview
    response = client.get(_model_url(field))
    assert response["Content-Type"] == "application/vnd.oasis.opendocument.text"
    assert b"".join(response.streaming_content) == odt
    _post_field(
        client,
        procedure,
        field,
        param_model_url="https://mdph.exemple.fr/cerfa.pdf",
        model_remove="on",
    )
    field.refresh_from_db()
    assert "model_file_id" not in field.params
    assert field.params["model_url"] == "https://mdph.exemple.fr/cerfa.pdf"
    preview = client.get(reverse("procedures:builder_preview", args=[procedure.pk])).text
    assert "https://mdph.exemple.fr/cerfa.pdf" in preview


def _odt() -> bytes:
    """A minimal OpenDocument text: a ZIP whose first entry is its stored mimetype."""
    import io
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()
