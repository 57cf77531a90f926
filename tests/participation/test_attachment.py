"""The proposal form keeps an uploaded attachment when another field has an error; copies
left by abandoned forms are purged once expired. Attachments are checked by content (and by
ClamAV when configured) and served only to those who may read the proposal."""

import os
import posixpath
import time
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from essaim.participation import uploads
from essaim.participation.enums import ProposalState
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


PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _propose(client, campaign, name, content, title="Avec pièce jointe"):
    return client.post(
        f"/consultations/{campaign.slug}/proposer/",
        {
            "title": title,
            "body": "Moins de papier.",
            "attachment": SimpleUploadedFile(name, content),
            "action": "publish",
        },
    )


def test_a_file_whose_content_does_not_match_its_extension_is_refused(client, campaign, applicant):
    client.force_login(applicant)
    page = _propose(client, campaign, "plan.pdf", PNG).content.decode().replace("\xa0", " ")
    assert "Le contenu du fichier « plan.pdf » ne correspond pas à son extension" in page
    assert "c’est un fichier PNG" in page
    page = _propose(client, campaign, "plan.pdf", b"MZ\x90\x00 programme").content.decode()
    assert "n’est pas d’un type accepté ici" in page
    assert not Proposal.objects.exists()
    assert _propose(client, campaign, "plan.png", PNG).status_code == 302


def test_an_attachment_is_scanned_when_clamav_is_configured(client, campaign, applicant, settings):
    settings.CLAMAV_SOCKET = str(settings.MEDIA_ROOT / "absent.sock")
    client.force_login(applicant)
    page = _propose(client, campaign, "plan.pdf", b"%PDF-1.4 plan").content.decode()
    assert "L’analyse antivirus de ce fichier n’a pas pu se faire" in page
    assert not Proposal.objects.exists()


def _download(client, url):
    """(status, content) of `url`. Reading the whole stream closes the file (the test client
    then closes the response without closing the database connection)."""
    response = client.get(url)
    content = b"".join(response.streaming_content) if response.streaming else b""
    return response.status_code, content


def test_attachment_is_served_only_to_those_who_may_read_the_proposal(
    client, campaign, applicant, agent, editor
):
    client.force_login(applicant)
    _propose(client, campaign, "plan.pdf", b"%PDF-1.4 plan")
    proposal = Proposal.objects.get()
    url = f"{proposal.get_absolute_url()}piece-jointe/"
    assert f"/{campaign.pk}/plan.pdf" not in proposal.attachment.name  # no guessable path
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert f'href="{url}"' in page and "/media/" not in page
    client.logout()
    response = client.get(url)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert 'filename="plan.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == b"%PDF-1.4 plan"

    Proposal.objects.filter(pk=proposal.pk).update(hidden_at=timezone.now())
    assert _download(client, url)[0] == 404  # hidden: not for the public
    client.force_login(agent)
    assert _download(client, url)[0] == 404
    client.force_login(editor)  # a moderator of the campaign
    assert _download(client, url)[0] == 200

    Proposal.objects.filter(pk=proposal.pk).update(hidden_at=None, state=ProposalState.DRAFT)
    client.force_login(agent)
    assert _download(client, url)[0] == 404  # someone else's draft
    client.logout()
    assert _download(client, url)[0] == 404
    client.force_login(applicant)
    assert _download(client, url)[0] == 200  # the author's own draft
