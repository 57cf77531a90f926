"""The one way to change a dossier's state (see `enums.TRANSITIONS`): submission of a complete
dossier, routing to an instructor group, every transition recorded, e-mailed and signalled.

Callers check who may (`permissions.py`); these functions enforce the state machine.
"""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from essaim.core.emails import enqueue_templated_email
from essaim.procedures import conditions, decisions, guests, instruction_figures
from essaim.procedures.dossier_answers import evaluate, is_applicant_by, lock
from essaim.procedures.enums import DECIDED_STATES, DossierState, transition_for
from essaim.procedures.models import Dossier, DossierTransition, InstructorGroup
from essaim.procedures.signals import dossier_transitioned

_GUEST_LABEL = gettext_lazy("Demandeur sans compte")


class TransitionNotAllowed(Exception):
    """The state machine does not allow this change from the dossier's current state."""


class IncompleteDossier(Exception):
    """Submission refused: `evaluation.problems` lists what is missing or invalid."""

    def __init__(self, evaluation):
        super().__init__("dossier incomplete")
        self.evaluation = evaluation


def route(dossier) -> InstructorGroup | None:
    """The first group (by position) whose routing condition holds, else the default group."""
    values = evaluate(dossier).values
    groups = list(dossier.procedure.instructor_groups.order_by("position", "pk"))
    for group in groups:
        if group.routing_condition and conditions.evaluate(group.routing_condition, values):
            return group
    return next((g for g in groups if g.is_default), groups[0] if groups else None)


def submit(dossier, *, by) -> Dossier:
    """Submit (or resubmit after a correction) a complete dossier.

    Side effects: validates every answer again; on success changes the state (see
    `transition`), routes the dossier to an instructor group, sets the retention date and
    e-mails the receipt. Raises IncompleteDossier (nothing changed) when something is missing.
    """
    with transaction.atomic():
        locked = lock(dossier)
        if not is_applicant_by(locked, by):
            raise PermissionDenied
        evaluation = evaluate(locked, validate=True)
        if not evaluation.is_complete:
            raise IncompleteDossier(evaluation)
        name = "resubmit" if locked.state == DossierState.CORRECTION_REQUESTED else "submit"
        if locked.group_id is None:
            locked.group = route(locked)
        months = locked.procedure.retention_months
        locked.purge_after = (timezone.now() + timedelta(days=31 * months)).date()
        locked.save(update_fields=["group", "purge_after"])
        signed_in = getattr(by, "is_authenticated", False)
        transition(
            locked,
            name=name,
            by=by if signed_in else None,
            actor_label="" if signed_in else str(_GUEST_LABEL),
        )
    dossier.refresh_from_db()
    return dossier


_TIMESTAMPS = {
    DossierState.SUBMITTED: "submitted_at",
    DossierState.IN_INSTRUCTION: "instruction_started_at",
    DossierState.ACCEPTED: "decided_at",
    DossierState.REFUSED: "decided_at",
    DossierState.WITHOUT_FOLLOW_UP: "decided_at",
}


def transition(dossier, *, name, by=None, actor_label="", reason="", deadline=None) -> Dossier:
    """Change the dossier's state by the transition `name` (see enums.TRANSITIONS).

    Does not check who may (callers do). Side effects: locks and saves the dossier (state,
    timestamps, reason, correction message/deadline, decision letter written from the
    procedure's template on a decision, cleared on reopening), expires the instructors'
    cached figures (`instruction_figures`), records a DossierTransition,
    e-mails the applicant, and on commit sends the `dossier_transitioned` signal (webhooks
    listen to it).
    Raises TransitionNotAllowed, or ValueError when a reason is required and missing.
    """
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().get(pk=dossier.pk)
        step = transition_for(locked.state, name)
        if step is None:
            raise TransitionNotAllowed(f"{name} from {locked.state}")
        if step.reason_required and not (reason or "").strip():
            raise ValueError("reason required")
        now = timezone.now()
        locked.state = step.target
        locked.state_changed_at = now
        if step.target in _TIMESTAMPS and (
            step.target != DossierState.SUBMITTED or locked.submitted_at is None
        ):
            setattr(locked, _TIMESTAMPS[step.target], now)
        if name == "request_correction":
            locked.correction_message, locked.correction_deadline = reason, deadline
        elif name == "resubmit":
            locked.correction_message, locked.correction_deadline = "", None
        if step.target in _TIMESTAMPS and name not in {"submit", "resubmit", "instruct"}:
            locked.decision_reason = reason
        locked.decision_letter = (
            decisions.write_letter(locked) if step.target in DECIDED_STATES else ""
        )
        locked.save()
        instruction_figures.dossiers_changed(locked.procedure_id)
        record = DossierTransition.objects.create(
            dossier=locked,
            name=name,
            source=step.source,
            target=step.target,
            actor=by,
            actor_label=actor_label,
            reason=reason,
        )
        _notify_applicant(locked, step)
        transaction.on_commit(
            lambda: dossier_transitioned.send(
                sender=Dossier, dossier=locked, transition=step, record=record
            )
        )
    dossier.refresh_from_db()
    return dossier


def _notify_applicant(dossier, step):
    email = dossier.applicant_email
    if not email:
        return
    enqueue_templated_email(
        to=email,
        template_prefix="procedures/emails/state_changed",
        context={
            "procedure": dossier.procedure.title,
            "number": dossier.pk,
            "state": str(dossier.get_state_display()),
            "transition": step.name,
            "reason": dossier.decision_reason or dossier.correction_message,
            "deadline": (
                dossier.correction_deadline.strftime("%d/%m/%Y")
                if dossier.correction_deadline
                else ""
            ),
            "url": guests.dossier_url(dossier),
            "has_letter": step.target in DECIDED_STATES,
        },
    )
