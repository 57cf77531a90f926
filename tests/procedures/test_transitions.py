"""The dossier's state machine: every allowed transition, the refused ones, their records."""

import pytest
from django.utils import timezone

from essaim.procedures import services
from essaim.procedures.enums import TRANSITIONS, DossierState, transitions_from
from essaim.procedures.models import Field, FrozenVersionError
from essaim.procedures.permissions import can_instruct, can_see_dossier
from essaim.procedures.signals import dossier_transitioned
from tests.accounts.factories import UserFactory
from tests.procedures.factories import (
    DossierFactory,
    InstructorFactory,
    InstructorGroupFactory,
    ProcedureFactory,
    build_form,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("step", TRANSITIONS, ids=lambda t: f"{t.source}-{t.name}")
def test_every_allowed_transition_changes_state_and_is_recorded(
    step, django_capture_on_commit_callbacks
):
    dossier = DossierFactory(state=step.source)
    agent = UserFactory()
    received = []
    dossier_transitioned.connect(lambda **kw: received.append(kw), weak=False, dispatch_uid="t")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.transition(dossier, name=step.name, by=agent, reason="Motif")
    finally:
        dossier_transitioned.disconnect(dispatch_uid="t")
    assert dossier.state == step.target
    record = dossier.transitions.get()
    assert (record.source, record.target, record.actor, record.reason) == (
        step.source,
        step.target,
        agent,
        "Motif",
    )
    assert (
        received and received[0]["dossier"].pk == dossier.pk and received[0]["transition"] == step
    )


@pytest.mark.parametrize("state", DossierState.values)
def test_transitions_not_in_the_table_are_refused(state):
    allowed = {t.name for t in transitions_from(state)}
    dossier = DossierFactory(state=state)
    for name in {t.name for t in TRANSITIONS} - allowed:
        with pytest.raises(services.TransitionNotAllowed):
            services.transition(dossier, name=name, reason="x")
    dossier.refresh_from_db()
    assert dossier.state == state
    assert not dossier.transitions.exists()


def test_refusal_needs_a_reason():
    dossier = DossierFactory(state=DossierState.IN_INSTRUCTION)
    with pytest.raises(ValueError):
        services.transition(dossier, name="refuse", reason="  ")
    assert dossier.state == DossierState.IN_INSTRUCTION


def test_correction_request_sends_back_with_message_and_deadline(client):
    dossier = DossierFactory(state=DossierState.IN_INSTRUCTION)
    deadline = timezone.now() + timezone.timedelta(days=10)
    services.transition(
        dossier, name="request_correction", reason="Joignez le RIB.", deadline=deadline
    )
    assert dossier.state == DossierState.CORRECTION_REQUESTED
    assert dossier.correction_message == "Joignez le RIB."
    client.force_login(dossier.applicant)
    html = client.get(f"/demarches/dossiers/{dossier.public_id}/").content.decode()
    assert "Le service vous demande une correction" in html and "Joignez le RIB." in html
    services.submit(dossier, by=dossier.applicant)
    assert dossier.state == DossierState.SUBMITTED
    assert dossier.correction_message == "" and dossier.correction_deadline is None
    assert list(dossier.transitions.values_list("name", flat=True)) == [
        "request_correction",
        "resubmit",
    ]


def test_published_version_is_frozen():
    procedure = ProcedureFactory()
    version = build_form(procedure, [("Partie", [dict(key="nom")])])
    field = version.fields.get()
    field.label = "Autre libellé"
    with pytest.raises(FrozenVersionError):
        field.save()
    with pytest.raises(FrozenVersionError):
        field.delete()
    with pytest.raises(FrozenVersionError):
        Field.objects.create(
            version=version, section=version.sections.get(), key="x", type="text", label="X"
        )


def test_dossier_keeps_the_version_it_was_filled_with(applicant):
    procedure = ProcedureFactory()
    first = build_form(procedure, [("Partie", [dict(key="nom")])])
    dossier = services.start_dossier(procedure=procedure, applicant=applicant)
    second = build_form(procedure, [("Partie", [dict(key="nom"), dict(key="prenom")])])
    assert procedure.published_version == second
    dossier.refresh_from_db()
    assert dossier.version == first
    assert [f.key for f in services.spec_of(dossier).fields] == ["nom"]


def test_submission_routes_to_the_group_of_the_answers(applicant):
    procedure = ProcedureFactory()
    build_form(procedure, [("Partie", [dict(key="departement")])])
    default = InstructorGroupFactory(procedure=procedure, name="Tous", is_default=True, position=2)
    nord = InstructorGroupFactory(
        procedure=procedure,
        name="Nord",
        position=1,
        routing_condition={"field": "departement", "op": "eq", "value": "59"},
    )
    in_nord = services.start_dossier(
        procedure=procedure, applicant=applicant, prefill={"departement": "59"}
    )
    elsewhere = services.start_dossier(
        procedure=procedure, applicant=applicant, prefill={"departement": "75"}
    )
    services.submit(in_nord, by=applicant)
    services.submit(elsewhere, by=applicant)
    assert in_nord.group == nord and elsewhere.group == default


def test_instructors_see_only_their_groups_dossiers():
    dossier = DossierFactory(state=DossierState.SUBMITTED)
    group = InstructorGroupFactory(procedure=dossier.procedure)
    dossier.group = group
    dossier.save()
    instructor = InstructorFactory(group=group).user
    outsider = InstructorFactory(group=InstructorGroupFactory(procedure=dossier.procedure)).user
    assert can_instruct(instructor, dossier) and can_see_dossier(instructor, dossier)
    assert not can_instruct(outsider, dossier) and not can_see_dossier(outsider, dossier)
    assert not can_instruct(dossier.applicant, dossier)
    from essaim.procedures.models import Dossier

    assert list(Dossier.objects.instructed_by(instructor)) == [dossier]
    assert not Dossier.objects.instructed_by(outsider).exists()
    draft = DossierFactory(procedure=dossier.procedure, group=group)
    assert draft not in Dossier.objects.instructed_by(instructor)
