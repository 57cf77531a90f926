"""Applying without an account to a procedure open to "tout le monde": the draft is held by a
secret resume link e-mailed to the person; nobody else sees the dossier or its documents."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, TestCase
from django.urls import reverse

from essaim.procedures import guests
from essaim.procedures.enums import Audience, DossierState
from essaim.procedures.models import Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import (
    InstructorFactory,
    InstructorGroupFactory,
    ProcedureFactory,
    build_form,
)

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(title="Signalement ouvert à tous", audience=Audience.ANYONE)
    build_form(
        procedure,
        [
            (
                "Vous",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(key="piece", type="attachment", label="Justificatif"),
                ],
            )
        ],
    )
    InstructorGroupFactory(procedure=procedure, name="Accueil", is_default=True)
    return procedure


def _start_as_guest(client, procedure, email="camille@example.org"):
    with TestCase.captureOnCommitCallbacks(execute=True):  # the e-mail leaves on commit
        response = client.post(reverse("procedures:start", args=[procedure.slug]), {"email": email})
    assert response.status_code == 302
    return Dossier.objects.get(guest_email=email)


def _resume_link():
    body = next(m.body for m in mail.outbox if "reprendre" in m.subject.lower())
    return re.search(r"https?://\S+/demarches/reprise/\S+/", body).group(0)


def test_procedure_page_offers_to_start_without_an_account(client, procedure):
    html = client.get(reverse("procedures:detail", args=[procedure.slug])).content.decode()
    assert "Commencer sans compte" in html
    assert "Votre adresse électronique" in html


def test_guest_start_needs_a_valid_address_and_keeps_nothing_else(client, procedure):
    response = client.post(
        reverse("procedures:start", args=[procedure.slug]), {"email": "pas-une-adresse"}
    )
    assert response.status_code == 400
    assert "Saisissez une adresse électronique valide" in response.content.decode()
    assert not Dossier.objects.exists()


def test_procedure_for_signed_in_citizens_still_sends_guests_to_sign_in(client, procedure):
    procedure.audience = Audience.CITIZENS
    procedure.save()
    response = client.post(
        reverse("procedures:start", args=[procedure.slug]), {"email": "camille@example.org"}
    )
    assert response.status_code == 302
    assert reverse("accounts:login") in response.url
    assert not Dossier.objects.exists()
    html = client.get(reverse("procedures:detail", args=[procedure.slug])).content.decode()
    assert "Commencer sans compte" not in html


def test_guest_fills_leaves_resumes_by_the_emailed_link_and_submits(client, procedure):
    dossier = _start_as_guest(client, procedure)
    assert dossier.applicant is None and dossier.state == DossierState.DRAFT
    step = reverse("procedures:step", args=[dossier.public_id, 0])
    client.post(step, {"_shown": ["nom", "piece"], "f-nom": "Camille", "action": "save"})
    link = _resume_link()
    assert "camille@example.org" in mail.outbox[0].to

    # The tab is closed: a new browser (no session) gets in only through the link.
    other_browser = Client()
    assert other_browser.get(step).status_code == 302  # sent to sign in
    response = other_browser.get(link)
    assert response.status_code == 302
    assert response.url == reverse("procedures:dossier", args=[dossier.public_id])
    page = other_browser.get(response.url).content.decode()
    assert "Camille" in page
    mail.outbox.clear()
    with TestCase.captureOnCommitCallbacks(execute=True):
        response = other_browser.post(reverse("procedures:submit", args=[dossier.public_id]))
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == DossierState.SUBMITTED
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["camille@example.org"]
    assert "bien déposé" in confirmation.body
    assert "/demarches/reprise/" in confirmation.body  # the way back without an account


def test_forged_or_altered_resume_link_opens_nothing(client, procedure):
    dossier = _start_as_guest(client, procedure)
    token = guests.resume_token(dossier)
    stranger = Client()
    forged = reverse("procedures:resume", args=[f"{dossier.public_id}:forged"])
    assert stranger.get(forged).status_code == 404
    assert stranger.get(reverse("procedures:resume", args=[token[:-2] + "xx"])).status_code == 404
    assert stranger.get(reverse("procedures:dossier", args=[dossier.public_id])).status_code == 302


def test_resume_link_of_an_account_holders_dossier_is_refused(client, procedure):
    user = UserFactory()
    client.force_login(user)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=user)
    stranger = Client()
    response = stranger.get(reverse("procedures:resume", args=[guests.resume_token(dossier)]))
    assert response.status_code == 404


def test_a_guest_never_sees_another_guests_dossier(client, procedure):
    mine = _start_as_guest(client, procedure, "a@example.org")
    other_guest = Client()
    theirs = _start_as_guest(other_guest, procedure, "b@example.org")
    assert client.get(reverse("procedures:dossier", args=[theirs.public_id])).status_code == 404
    assert client.get(reverse("procedures:dossier", args=[mine.public_id])).status_code == 200
    response = client.post(
        reverse("procedures:step", args=[theirs.public_id, 0]),
        {"_shown": ["nom"], "f-nom": "Intrus", "action": "save"},
    )
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert "nom" not in theirs.answers


def test_guest_documents_are_served_only_to_the_guest_and_instructors(client, procedure):
    dossier = _start_as_guest(client, procedure)
    step = reverse("procedures:step", args=[dossier.public_id, 0])
    client.post(
        step,
        {
            "_shown": ["nom", "piece"],
            "f-nom": "Camille",
            "f-piece": SimpleUploadedFile("justif.pdf", PDF, content_type="application/pdf"),
            "action": "save",
        },
    )
    html = client.get(step).content.decode()
    url = re.search(r'href="(/demarches/documents/[^"]+/)"', html).group(1)
    assert b"".join(client.get(url).streaming_content) == PDF
    assert Client().get(url).status_code == 404  # another browser without the session
    signed_in = Client()
    signed_in.force_login(UserFactory())
    assert signed_in.get(url).status_code == 404
    client.post(reverse("procedures:submit", args=[dossier.public_id]))
    instructor = InstructorFactory(group=procedure.instructor_groups.get()).user
    agent = Client()
    agent.force_login(instructor)
    page = agent.get(reverse("procedures:instruction_dossier", args=[dossier.public_id]))
    assert "camille@example.org (sans compte)" in page.content.decode()
    agent_url = re.search(r'href="(/demarches/documents/[^"]+/)"', page.content.decode()).group(1)
    assert b"".join(agent.get(agent_url).streaming_content) == PDF
    assert client.get(agent_url).status_code == 404  # a link made for someone else
