"""Instruction: the table, a dossier, state changes with a message, annotations, messages."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from essaim.procedures.models import DossierTransition, Message
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


def _dossier_urls(dossier):
    args = [dossier.public_id]
    return [
        ("get", reverse("procedures:instruction_dossier", args=args)),
        ("post", reverse("procedures:instruction_transition", args=args)),
        ("post", reverse("procedures:instruction_annotations", args=args)),
        ("post", reverse("procedures:instruction_message", args=args)),
    ]


def _procedure_urls(procedure):
    return [
        reverse("procedures:instruction_procedure", args=[procedure.pk]),
        reverse("procedures:instruction_export_csv", args=[procedure.pk]),
        reverse("procedures:instruction_export_json", args=[procedure.pk]),
    ]


def test_instruction_sends_anonymous_visitors_to_sign_in(client, procedure, dossier):
    urls = [("get", url) for url in _procedure_urls(procedure)] + _dossier_urls(dossier)
    for method, url in urls:
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/compte/connexion/" in response["Location"]


@pytest.mark.parametrize("who", ["applicant", "agent", "editor", "other_agent"])
def test_only_instructors_see_a_procedures_dossiers(client, procedure, dossier, who, request):
    client.force_login(request.getfixturevalue(who))
    for url in _procedure_urls(procedure):
        response = client.get(url)
        assert response.status_code == 403, url
        assert "Seuls les instructeurs" in response.content.decode()
    for method, url in _dossier_urls(dossier):
        assert getattr(client, method)(url).status_code == 404, url
    dossier.refresh_from_db()
    assert dossier.state == "submitted"
    assert not Message.objects.exists()


def test_an_instructor_sees_only_the_dossiers_of_their_groups(
    client, procedure, dossier, other_instructor
):
    client.force_login(other_instructor)
    page = client.get(reverse("procedures:instruction_procedure", args=[procedure.pk]))
    assert "0 dossier" in page.content.decode()
    for method, url in _dossier_urls(dossier):
        assert getattr(client, method)(url).status_code == 404, url
    csv_text = b"".join(
        client.get(reverse("procedures:instruction_export_csv", args=[procedure.pk]))
    ).decode()
    assert "Durand" not in csv_text


def test_table_filters_by_state_and_text_and_highlights_late_dossiers(
    client, procedure, nord, instructor
):
    late = make_dossier(procedure, nord, days_in_state=10, nom="Lefebvre")
    make_dossier(procedure, nord, state="in_instruction", nom="Martin")
    make_dossier(procedure, nord, state="draft", nom="Brouillon")
    client.force_login(instructor)
    url = reverse("procedures:instruction_procedure", args=[procedure.pk])
    page = client.get(url).content.decode().replace("\xa0", " ")
    assert "2 dossiers" in page  # never drafts
    assert "En retard" in page
    page = client.get(url, {"etat": "in_instruction"}).content.decode()
    assert "1 dossier" in page
    page = client.get(url, {"retard": "1"}).content.decode().replace("\xa0", " ")
    assert "1 dossier" in page and f"Dossier n° {late.pk}" in page
    page = client.get(url, {"q": f"n° {late.pk}"}).content.decode()
    assert "1 dossier" in page


def test_dossier_page_shows_answers_annotations_and_the_possible_state_changes(
    client, dossier, instructor
):
    client.force_login(instructor)
    page = client.get(reverse("procedures:instruction_dossier", args=[dossier.public_id]))
    text = page.content.decode()
    assert "Durand" in text and "Montant demandé" in text
    assert "Avis du service" in text  # the annotation form
    assert "Passer en instruction" in text
    assert "Accepter" not in text  # not from « déposé »


def test_instructor_takes_the_dossier_then_accepts_it_and_the_applicant_is_told(
    client, dossier, instructor, applicant, django_capture_on_commit_callbacks
):
    client.force_login(instructor)
    url = reverse("procedures:instruction_transition", args=[dossier.public_id])
    client.post(url, {"transition": "instruct"})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, {"transition": "accept", "accept-reason": "Aide versée sous 10 jours."}
        )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert dossier.state == "accepted"
    assert dossier.decision_reason == "Aide versée sous 10 jours."
    records = list(DossierTransition.objects.filter(dossier=dossier).values_list("name", "actor"))
    assert records == [("instruct", instructor.pk), ("accept", instructor.pk)]
    assert [m.to for m in mail.outbox] == [[applicant.email]]
    assert "Aide versée sous 10 jours." in mail.outbox[0].body


def test_refusing_without_a_reason_is_refused_and_nothing_changes(
    client, procedure, nord, instructor
):
    dossier = make_dossier(procedure, nord, state="in_instruction")
    client.force_login(instructor)
    response = client.post(
        reverse("procedures:instruction_transition", args=[dossier.public_id]),
        {"transition": "refuse", "refuse-reason": "  "},
    )
    assert response.status_code == 400
    assert "Écrivez le motif" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "in_instruction"


def test_correction_request_carries_a_message_and_a_deadline(client, procedure, nord, instructor):
    dossier = make_dossier(procedure, nord)
    client.force_login(instructor)
    day = (timezone.localdate() + datetime.timedelta(days=8)).isoformat()
    client.post(
        reverse("procedures:instruction_transition", args=[dossier.public_id]),
        {
            "transition": "request_correction",
            "request_correction-reason": "Le RIB est illisible.",
            "request_correction-deadline": day,
        },
    )
    dossier.refresh_from_db()
    assert dossier.state == "correction_requested"
    assert dossier.correction_message == "Le RIB est illisible."
    assert timezone.localtime(dossier.correction_deadline).date().isoformat() == day


def test_a_transition_that_no_longer_applies_says_so(client, dossier, instructor):
    client.force_login(instructor)
    response = client.post(
        reverse("procedures:instruction_transition", args=[dossier.public_id]),
        {"transition": "accept"},
        follow=True,
    )
    assert "n’est plus possible" in response.content.decode()
    dossier.refresh_from_db()
    assert dossier.state == "submitted"


def test_private_annotations_are_saved_and_errors_keep_the_input(client, dossier, instructor):
    client.force_login(instructor)
    url = reverse("procedures:instruction_annotations", args=[dossier.public_id])
    response = client.post(url, {"avis_service": "Situation urgente", "points": "trois"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "trois" in text
    dossier.refresh_from_db()
    assert dossier.annotations == {"avis_service": "Situation urgente"}
    client.post(url, {"avis_service": "Situation urgente", "points": "3"})
    dossier.refresh_from_db()
    assert dossier.annotations == {"avis_service": "Situation urgente", "points": 3}


def test_annotations_are_never_shown_to_the_applicant(client, dossier, applicant):
    dossier.annotations = {"avis_service": "Très confidentiel"}
    dossier.save()
    client.force_login(applicant)
    page = client.get(reverse("procedures:dossier", args=[dossier.public_id]))
    assert "Très confidentiel" not in page.content.decode()


def test_instructor_writes_to_the_applicant(
    client, dossier, instructor, applicant, django_capture_on_commit_callbacks
):
    client.force_login(instructor)
    url = reverse("procedures:instruction_message", args=[dossier.public_id])
    response = client.post(url, {"body": ""})
    assert response.status_code == 400
    assert "Écrivez votre message" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"body": "Pouvez-vous préciser le montant ?"})
    message = Message.objects.get()
    assert (message.author, message.from_applicant) == (instructor, False)
    assert mail.outbox[-1].to == [applicant.email]
    assert "Pouvez-vous préciser le montant ?" in mail.outbox[-1].body
    page = client.get(reverse("procedures:instruction_dossier", args=[dossier.public_id]))
    assert "Pouvez-vous préciser le montant ?" in page.content.decode()
