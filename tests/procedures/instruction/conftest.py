"""A published procedure with two instructor groups and dossiers in several states, shared by
the instruction, export, webhook and API tests."""

import datetime

import pytest
from django.utils import timezone

from tests.accounts.factories import UserFactory
from tests.procedures.factories import (
    DossierFactory,
    InstructorFactory,
    InstructorGroupFactory,
    ProcedureFactory,
    build_form,
)


@pytest.fixture
def procedure(organisation):
    procedure = ProcedureFactory(
        organisation=organisation,
        title="Aide d’urgence AMASES",
        state_deadlines={"submitted": 5, "in_instruction": 15},
    )
    build_form(
        procedure,
        [
            (
                "Demande",
                [
                    dict(key="nom", label="Nom", required=True),
                    dict(key="montant", type="integer", label="Montant demandé"),
                    dict(
                        key="avis_service", type="textarea", label="Avis du service", private=True
                    ),
                    dict(key="points", type="integer", label="Points de priorité", private=True),
                ],
            )
        ],
    )
    return procedure


@pytest.fixture
def nord(procedure):
    return InstructorGroupFactory(procedure=procedure, name="Nord", is_default=True)


@pytest.fixture
def pas_de_calais(procedure):
    return InstructorGroupFactory(procedure=procedure, name="Pas-de-Calais")


@pytest.fixture
def instructor(nord):
    return InstructorFactory(group=nord, user=UserFactory(first_name="Inès", last_name="Truc")).user


@pytest.fixture
def other_instructor(pas_de_calais):
    return InstructorFactory(group=pas_de_calais).user


def make_dossier(procedure, group, *, state="submitted", days_in_state=0, **answers):
    changed = timezone.now() - datetime.timedelta(days=days_in_state)
    return DossierFactory(
        procedure=procedure,
        group=group,
        state=state,
        answers={"nom": "Durand", "montant": 300, **answers},
        state_changed_at=changed,
        submitted_at=changed,
    )


@pytest.fixture
def dossier(procedure, nord, applicant):
    dossier = make_dossier(procedure, nord)
    dossier.applicant = applicant
    dossier.save()
    return dossier
