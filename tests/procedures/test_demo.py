"""The procedures' demo data: published, fillable, with dossiers in several states; idempotent."""

import pytest
from django.urls import reverse

from essaim.accounts import demo as accounts_demo
from essaim.procedures import decisions, demo
from essaim.procedures.enums import DossierState, ProcedureStatus
from essaim.procedures.instruction_services import change_state
from essaim.procedures.models import Dossier, EligibilityRule, Field, Procedure

pytestmark = pytest.mark.django_db

SLUGS = [data["slug"] for data in demo.PROCEDURES]


@pytest.fixture
def loaded():
    accounts_demo.load()
    return demo.load()


def _counts():
    return [m.objects.count() for m in (Procedure, Field, EligibilityRule, Dossier)]


def test_second_load_adds_nothing(loaded):
    before = _counts()
    summary = demo.load()
    assert _counts() == before
    assert "0 créées" in summary and "0 dossiers ajoutés" in summary


def test_demo_procedures_are_published_and_open(client, loaded):
    procedures = Procedure.objects.filter(slug__in=SLUGS)
    assert procedures.count() == len(SLUGS)
    for procedure in procedures:
        assert procedure.status == ProcedureStatus.PUBLISHED
        assert procedure.published_version is not None
        response = client.get(reverse("procedures:detail", args=[procedure.slug]))
        assert response.status_code == 200
        assert procedure.title in response.content.decode()
    listing = client.get(reverse("procedures:list")).content.decode()
    assert "Demande à la MDPH du Nord" in listing and "Aide d’urgence AMASES" in listing


def test_citizen_can_start_filling_the_mdph_request(client, loaded):
    client.force_login(demo.User.objects.get(email=demo.CITIZEN_EMAIL))
    response = client.post(reverse("procedures:start", args=["demande-mdph-du-nord"]), follow=True)
    assert response.status_code == 200
    assert "Pour qui faites-vous cette demande" in response.content.decode()


def test_dossiers_in_every_demo_state_seen_by_the_instructor(client, loaded):
    states = set(Dossier.objects.values_list("state", flat=True))
    assert {
        DossierState.DRAFT,
        DossierState.SUBMITTED,
        DossierState.IN_INSTRUCTION,
        DossierState.ACCEPTED,
    } <= states
    amases = Dossier.objects.filter(procedure__slug="amases-departement-du-nord").first()
    assert len(amases.answers["foyer"]) == 2 and amases.answers["iban"].startswith("FR76")
    instructor = demo.User.objects.get(email=demo.INSTRUCTOR_EMAIL)
    assert Dossier.objects.instructed_by(instructor).count() == 4  # drafts stay private
    client.force_login(instructor)
    page = client.get(reverse("procedures:list")).content.decode()
    assert reverse("procedures:instruction_index") in page


def _decided_mdph_dossier():
    dossier = Dossier.objects.get(
        procedure__slug="demande-mdph-du-nord", state=DossierState.IN_INSTRUCTION
    )
    instructor = demo.User.objects.get(email=demo.INSTRUCTOR_EMAIL)
    change_state(dossier, name="accept", by=instructor, reason="Carte mobilité inclusion accordée.")
    dossier.refresh_from_db()
    return dossier


def test_demo_templates_name_only_fields_of_their_form(loaded):
    for slug in ("demande-mdph-du-nord", "amases-departement-du-nord"):
        procedure = Procedure.objects.get(slug=slug)
        keys = procedure.published_version.fields.values_list("key", flat=True)
        assert procedure.decision_template
        assert decisions.unknown_placeholders(procedure.decision_template, keys) == []


def test_mdph_decision_letter_is_written_from_the_dossiers_answers(client, loaded):
    dossier = _decided_mdph_dossier()
    letter = dossier.decision_letter.replace("\xa0", " ")
    assert f"la demande n° {dossier.pk} pour Lucas Moreau, né(e) le 14/03/1987." in letter
    assert "Situation déclarée : En emploi." in letter
    assert "aide est demandée : Se déplacer, Travailler ou trouver un emploi." in letter
    assert "votre dossier a été accepté le " in letter
    assert "Carte mobilité inclusion accordée." in letter
    assert letter.endswith("Maison départementale des personnes handicapées du Nord")
    assert "{{" not in letter and "Votre dossier n°" not in letter  # not the default letter
    client.force_login(dossier.applicant)
    response = client.get(reverse("procedures:decision_letter", args=[dossier.public_id]))
    assert response.status_code == 200 and b"".join(response).startswith(b"%PDF")


def test_amases_letter_tells_the_need_and_the_households_computed_resources(loaded):
    dossier = Dossier.objects.get(
        procedure__slug="amases-departement-du-nord", state=DossierState.ACCEPTED
    )
    letter = dossier.decision_letter.replace("\xa0", " ")
    assert "pour le besoin suivant : Alimentation, pour un montant de 150" in letter
    assert "pour votre foyer de 2 personne(s) : 1 150 euros au total." in letter
    assert "Dossier complet : aide accordée." in letter  # the decision's reason
