"""The proposal form keeps an uploaded attachment when another field has an error; copies
left by abandoned forms are purged once expired."""

import os
import posixpath
import time
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from essaim.participation import uploads
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


def test_abandoned_kept_attachments_are_purged_once_expired(client, campaign, applicant):
    client.force_login(applicant)
    path = f"/consultations/{campaign.slug}/proposer/"
    tokens = [
        client.post(path, {"title": "", "body": "x", "attachment": _pdf(), "action": "draft"})
        .context["kept"]
        .token
        for _ in range(2)
    ]
    old, recent = (uploads.kept(t, user=applicant) for t in tokens)
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(default_storage.path(old.path), (two_days_ago, two_days_ago))

    out = StringIO()
    call_command("purge_kept_attachments", stdout=out)

    assert "1 fichier(s) supprimé(s)" in out.getvalue()
    assert not default_storage.exists(old.path)
    assert not default_storage.exists(posixpath.dirname(old.path))  # no empty folder left
    assert uploads.kept(recent.token, user=applicant) is not None  # a form still being filled
    call_command("purge_kept_attachments", stdout=StringIO())  # again: nothing to do
    assert default_storage.exists(recent.path)


def test_purge_with_nothing_kept_does_nothing():
    assert uploads.purge() == 0
