"""The procedures' demo data: published, fillable, with dossiers in several states; idempotent."""

import pytest
from django.urls import reverse

from essaim.accounts import demo as accounts_demo
from essaim.procedures import demo
from essaim.procedures.enums import DossierState, ProcedureStatus
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
