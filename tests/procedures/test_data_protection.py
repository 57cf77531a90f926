"""Data protection: retention per procedure (warning e-mail, then deletion with documents), an
applicant's download of all their data, and no personal data in the logs."""

import datetime
import io
import json
import logging
import zipfile

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from essaim.procedures import retention, services
from essaim.procedures.models import Attachment, Dossier, DossierTransition
from tests.accounts.factories import UserFactory
from tests.procedures.factories import DossierFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _attach(dossier, name="avis.pdf"):
    attachment = Attachment(
        dossier=dossier,
        field_key="justificatif",
        original_name=name,
        content_type="application/pdf",
        size=len(PDF),
        sha256="0" * 64,
    )
    attachment.file.save(name, ContentFile(PDF), save=False)
    attachment.save()
    return attachment


def _submitted(purge_after, **extra):
    procedure = ProcedureFactory(retention_months=12)
    return DossierFactory(procedure=procedure, state="submitted", purge_after=purge_after, **extra)


def test_applicant_is_warned_then_the_dossier_goes_with_its_documents(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    dossier = _submitted(today + datetime.timedelta(days=20))
    attachment = _attach(dossier)
    storage, name = attachment.file.storage, attachment.file.name
    kept = _submitted(today + datetime.timedelta(days=200))
    assert retention.purge_due(today=today) == 0  # never deleted before a warning
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.warn_due(today=today) == 1
    (message,) = mail.outbox
    assert message.to == [dossier.applicant.email]
    assert "sera supprimé le" in message.body.replace("\xa0", " ")
    assert reverse("procedures:my_data") in message.body
    assert retention.warn_due(today=today) == 0  # once only
    later = today + datetime.timedelta(days=21)
    with django_capture_on_commit_callbacks(execute=True):
        assert retention.purge_due(today=later) == 1
    assert not Dossier.objects.filter(pk=dossier.pk).exists()
    assert not Attachment.objects.filter(pk=attachment.pk).exists()
    assert not DossierTransition.objects.filter(dossier_id=dossier.pk).exists()
    assert not storage.exists(name)
    assert Dossier.objects.filter(pk=kept.pk).exists()


def test_a_late_warning_still_leaves_a_week_before_deletion():
    today = timezone.localdate()
    dossier = _submitted(today - datetime.timedelta(days=3))  # date passed, never warned
    retention.warn_due(today=today)
    dossier.refresh_from_db()
    assert dossier.purge_after == today + datetime.timedelta(days=retention.GRACE_DAYS)
    assert retention.purge_due(today=today) == 0


def test_stale_drafts_are_warned_and_purged_too():
    procedure = ProcedureFactory(retention_months=1)
    stale = DossierFactory(procedure=procedure)
    Dossier.objects.filter(pk=stale.pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=60)
    )
    fresh = DossierFactory(procedure=procedure)
    assert retention.warn_due() == 1
    stale.refresh_from_db()
    fresh.refresh_from_db()
    assert stale.purge_warned_at and not fresh.purge_warned_at


def test_purge_command_reports_counts():
    out = io.StringIO()
    _submitted(timezone.localdate() + datetime.timedelta(days=10))
    call_command("procedures_purger", "--avertir-jours", "15", stdout=out)
    assert "1 demandeur(s) prévenu(s), 0 dossier(s) supprimé(s)" in out.getvalue()


def test_applicant_downloads_all_their_data_and_only_theirs(client, applicant):
    mine = DossierFactory(applicant=applicant, answers={"nom": "Durand"})
    _attach(mine, "facture.pdf")
    other = DossierFactory(answers={"nom": "Secret"})
    _attach(other, "secret.pdf")
    client.force_login(applicant)
    assert "Télécharger mes données" in client.get(reverse("procedures:my_data")).content.decode()
    response = client.get(reverse("procedures:my_data"), {"telecharger": "1"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(archive.read("mes-donnees.json"))
    assert data["account"]["email"] == applicant.email
    assert [d["number"] for d in data["dossiers"]] == [mine.pk]
    assert data["dossiers"][0]["answers"] == {"nom": "Durand"}
    assert archive.namelist()[1:] == [f"documents/{mine.pk:05d}/justificatif/facture.pdf"]
    assert archive.read(archive.namelist()[1]) == PDF


def test_my_data_needs_sign_in(client):
    response = client.get(reverse("procedures:my_data"), {"telecharger": "1"})
    assert response.status_code == 302 and "connexion" in response["Location"]


def test_personal_data_never_reaches_the_logs(client, caplog, django_capture_on_commit_callbacks):
    """A whole life of a dossier, every logger at DEBUG: no answer, no e-mail address."""
    caplog.set_level(logging.DEBUG)
    person = UserFactory(email="camille.secret@exemple.fr", first_name="Camille")
    procedure = ProcedureFactory(retention_months=1)
    build_form(
        procedure,
        [
            (
                "Demande",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(key="courriel", type="email", label="Courriel"),
                    dict(key="telephone", type="phone", label="Téléphone"),
                    dict(key="naissance", type="date", label="Naissance"),
                ],
            )
        ],
    )
    secrets = {
        "nom": "Zébulon-Trucmuche",
        "courriel": "zebulon.perso@exemple.fr",
        "telephone": "06 12 34 56 78",
        "naissance": "1987-03-14",
    }
    client.force_login(person)
    # E-mails and webhooks run too (on commit), so that their logs are checked as well.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("procedures:start", args=[procedure.slug]))
        dossier = Dossier.objects.get(applicant=person)
        response = client.post(
            reverse("procedures:step", args=[dossier.public_id, 0]),
            {
                "_shown": list(secrets),
                **{f"f-{k}": v for k, v in secrets.items()},
                "action": "save",
            },
        )
        assert response.status_code in (200, 302)
        dossier.refresh_from_db()
        assert dossier.answers["nom"] == secrets["nom"]
        client.post(reverse("procedures:submit", args=[dossier.public_id]))
        client.get(reverse("procedures:dossier", args=[dossier.public_id]))
        services.transition(dossier, name="instruct", by=None)
        client.post(reverse("procedures:step", args=[dossier.public_id, 0]), {"f-nom": "<script>"})
        Dossier.objects.filter(pk=dossier.pk).update(purge_after=timezone.localdate())
        retention.warn_due()
    assert len(mail.outbox) >= 2  # receipt and purge warning were really sent
    logged = "\n".join(f"{record.getMessage()} {record.__dict__}" for record in caplog.records)
    assert caplog.records  # the flow did log something
    for value in [*secrets.values(), "34 56 78", person.email, "Camille"]:
        assert value not in logged, value
