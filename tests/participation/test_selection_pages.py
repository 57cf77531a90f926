"""Organisers' selection pages: jurors, subjects, workshops as Agenda events, minutes, the
resulting initiative, and the public page of a subject end to end. Each page refuses
people who do not organise the campaign."""

from datetime import timedelta

import pytest
from django.utils import timezone

from essaim.agenda.enums import ModerationState, RegistrationMode
from essaim.participation.models import JuryMember, Subject, Workshop
from tests.catalogue.factories import CommuneFactory, InitiativeFactory
from tests.participation.factories import ParticipantFactory, ProposalFactory

pytestmark = pytest.mark.django_db


def _pages(campaign, subject):
    base = f"/consultations/{campaign.slug}/"
    return [base + "jury/membres/", base + "sujets/", base + f"sujets/{subject.pk}/gestion/"]


def test_selection_pages_refuse_who_does_not_organise(
    client, campaign, agent, other_agent, applicant, editor
):
    subject = Subject.objects.create(campaign=campaign, title="Zéro papier")
    for path in _pages(campaign, subject):
        client.logout()
        assert client.get(path).status_code == 302, path
        assert client.post(path, {"title": "x"}).status_code == 302
        for person in (agent, other_agent, applicant):
            client.force_login(person)
            assert client.get(path).status_code == 403, path
            assert client.post(path, {"email": person.email}).status_code == 403
        client.force_login(editor)
        assert client.get(path).status_code == 200, path
    assert not JuryMember.objects.exists()
    assert Subject.objects.count() == 1


def test_organiser_names_and_removes_a_juror(client, campaign, editor):
    juror = ParticipantFactory(email="jure@lenord.fr")
    client.force_login(editor)
    path = f"/consultations/{campaign.slug}/jury/membres/"
    response = client.post(path, {"email": "inconnu@lenord.fr"})
    assert response.status_code == 400 and "Aucun compte actif" in response.content.decode()
    client.post(path, {"email": "JURE@lenord.fr"})
    seat = JuryMember.objects.get(campaign=campaign)
    assert seat.user == juror
    assert juror.display_name in client.get(path).content.decode()
    client.post(path, {"remove": seat.pk})
    assert not JuryMember.objects.exists()


def test_chain_from_idea_to_public_report(client, campaign, editor, organisation):
    from essaim.participation import selection_services

    idea = ProposalFactory(campaign=campaign, title="Un parapheur électronique")
    selection_services.answer_proposal(
        idea, by=editor, kind="selected", text="Le jury l’a retenue."
    )
    client.force_login(editor)
    response = client.post(
        f"/consultations/{campaign.slug}/sujets/",
        {"title": "Dématérialiser les signatures", "description": "", "proposals": [idea.pk]},
    )
    subject = Subject.objects.get()
    assert response["Location"].endswith(f"/sujets/{subject.pk}/gestion/")
    manage = f"/consultations/{campaign.slug}/sujets/{subject.pk}/gestion/"
    start = (timezone.localtime() + timedelta(days=10)).replace(hour=14, minute=0, microsecond=0)
    lille = CommuneFactory(name="Lille", code="59350")
    bad = client.post(
        manage,
        {
            "action": "workshop",
            "title": "Atelier 1",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M"),
        },
    )
    assert bad.status_code == 400 and "finir après son début" in bad.content.decode()
    client.post(
        manage,
        {
            "action": "workshop",
            "title": "Atelier 1 : cartographier les circuits",
            "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=3)).strftime("%Y-%m-%dT%H:%M"),
            "mode": "onsite",
            "commune": lille.code,
            "venue": "Hôtel du Département",
            "capacity": "12",
        },
    )
    workshop = Workshop.objects.select_related("event").get()
    event = workshop.event
    assert event.moderation_state == ModerationState.PUBLISHED
    assert event.registration_mode == RegistrationMode.ESSAIM and event.capacity == 12
    assert event.organiser == organisation
    assert (event.mode, event.commune, event.venue) == ("onsite", lille, "Hôtel du Département")
    client.post(
        manage,
        {"action": "minutes", "workshop": workshop.pk, f"w{workshop.pk}-minutes": "Douze idées."},
    )
    initiative = InitiativeFactory(title="Parapheur du Nord")
    client.post(manage, {"action": "initiative", "initiative": f"/initiatives/{initiative.slug}/"})
    subject.refresh_from_db()
    assert subject.initiative == initiative

    client.logout()
    page = client.get(f"/consultations/{campaign.slug}/sujets/{subject.pk}/").content.decode()
    for step in (
        "Un parapheur électronique",  # the idea
        "Le jury l’a retenue.",  # the jury's answer
        "Atelier 1 : cartographier les circuits",  # the workshop, registration in the agenda
        event.get_absolute_url(),
        "Douze idées.",  # its minutes
        "Parapheur du Nord",  # the action, with its stage
        initiative.get_stage_display(),
        f"/consultations/{campaign.slug}/reponses/",  # the public report
    ):
        assert step in page, step
    assert "Gérer ce sujet" not in page


def test_subject_from_a_proposal_of_another_campaign_is_refused(client, campaign, editor):
    elsewhere = ProposalFactory(state="selected")
    client.force_login(editor)
    response = client.post(
        f"/consultations/{campaign.slug}/sujets/", {"title": "Sujet", "proposals": [elsewhere.pk]}
    )
    assert response.status_code == 400
    assert not Subject.objects.exists()
