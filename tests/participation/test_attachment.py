"""The proposal form keeps an uploaded attachment when another field has an error."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from essaim.participation.models import Proposal

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _pdf():
    return SimpleUploadedFile("plan.pdf", b"%PDF-1.4 plan", content_type="application/pdf")


def test_attachment_survives_an_error_in_another_field(client, campaign, applicant):
    client.force_login(applicant)
    path = f"/consultations/{campaign.slug}/proposer/"
    response = client.post(
        path, {"title": "", "body": "Moins de papier.", "attachment": _pdf(), "action": "draft"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Fichier déjà joint : plan.pdf" in page
    token = response.context["kept"].token
    response = client.post(
        path,
        {
            "title": "Zéro papier",
            "body": "Moins de papier.",
            "kept_attachment": token,
            "action": "draft",
        },
    )
    assert response.status_code == 302
    proposal = Proposal.objects.get()
    assert proposal.attachment.name.endswith(".pdf")
    assert proposal.attachment.read() == b"%PDF-1.4 plan"
    proposal.attachment.close()


def test_a_kept_attachment_is_only_its_uploaders(client, campaign, applicant, agent):
    client.force_login(applicant)
    path = f"/consultations/{campaign.slug}/proposer/"
    response = client.post(
        path, {"title": "", "body": "x", "attachment": _pdf(), "action": "draft"}
    )
    token = response.context["kept"].token
    client.force_login(agent)
    client.post(path, {"title": "Autre", "body": "x", "kept_attachment": token, "action": "draft"})
    assert not Proposal.objects.get().attachment
