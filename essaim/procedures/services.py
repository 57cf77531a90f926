"""Every operation that changes a dossier (applicant side, and the one way to change state).

Callers check permissions (`permissions.py`); these functions enforce the rules of the data:
state machine, frozen versions, completeness, safe documents.
"""

import hashlib
from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from essaim.core.emails import enqueue_templated_email
from essaim.procedures import block_documents, conditions, decisions, engine, guests, uploads
from essaim.procedures.enums import (
    APPLICANT_EDITABLE_STATES,
    DECIDED_STATES,
    DossierState,
    FieldType,
    ScanStatus,
    transition_for,
)
from essaim.procedures.fields import FieldError, registry
from essaim.procedures.models import Attachment, Dossier, DossierTransition, InstructorGroup
from essaim.procedures.permissions import can_apply
from essaim.procedures.signals import dossier_transitioned
from essaim.procedures.spec import FormSpec

_GUEST_LABEL = gettext_lazy("Demandeur sans compte")
_ROW_ERRORS_MESSAGE = gettext_lazy("Corrigez les erreurs signalées dans les lignes ci-dessous.")


class TransitionNotAllowed(Exception):
    """The state machine does not allow this change from the dossier's current state."""


class IncompleteDossier(Exception):
    """Submission refused: `evaluation.problems` lists what is missing or invalid."""

    def __init__(self, evaluation):
        super().__init__("dossier incomplete")
        self.evaluation = evaluation


class NotEditable(Exception):
    """The applicant can no longer change this dossier (in instruction or decided)."""


@dataclass
class StepResult:
    errors: dict = field(default_factory=dict)
    evaluation: engine.Evaluation | None = None
    new_fields: bool = False  # fields appeared that the page did not show: show it again


def is_applicant_by(dossier, by) -> bool:
    """`by` (a user, or an `access.Guest` holding the dossier) is the dossier's applicant."""
    if getattr(by, "is_authenticated", False):
        return dossier.applicant_id is not None and dossier.applicant_id == by.pk
    holds = getattr(by, "holds", None)
    return holds is not None and holds(dossier)


def spec_of(dossier) -> FormSpec:
    return FormSpec.for_version(dossier.version)


def evaluate(dossier, *, validate=False) -> engine.Evaluation:
    """What the dossier's form shows and still needs, for its current answers."""
    return engine.evaluate(
        spec_of(dossier),
        dossier.answers,
        invalid_inputs=dossier.invalid_inputs,
        validate=validate,
    )


def start_dossier(*, procedure, applicant, prefill=None, guest_email="") -> Dossier:
    """A new draft of `applicant` for `procedure`, with its published version.

    `applicant` None (or anonymous) with `guest_email`: a draft without an account, allowed
    only when the procedure is open to everyone; its resume link is e-mailed to `guest_email`.
    `prefill`: answers to clean and keep (from a signed link or the API); invalid ones dropped.
    Side effects: saves one Dossier (and, for a guest, e-mails the resume link on commit).
    Raises PermissionDenied if the person may not apply.
    """
    signed_in = getattr(applicant, "is_authenticated", False)
    if not can_apply(applicant if signed_in else None, procedure):
        raise PermissionDenied
    if not signed_in and not guest_email:
        raise PermissionDenied
    version = procedure.published_version
    if version is None:
        raise PermissionDenied
    answers = {}
    spec = FormSpec.for_version(version)
    for key, raw in (prefill or {}).items():
        field_spec = spec.by_key.get(key)
        if field_spec is None or not registry.get(field_spec.type).is_input:
            continue
        try:
            value = registry.get(field_spec.type).clean(raw, field_spec)
        except FieldError:
            continue
        if value is not None:
            answers[key] = value
    dossier = Dossier.objects.create(
        procedure=procedure,
        version=version,
        applicant=applicant if signed_in else None,
        guest_email="" if signed_in else guest_email,
        answers=answers,
    )
    if not signed_in:
        guests.send_resume_link(dossier)
    return dossier


def _lock(dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("version").get(pk=dossier.pk)


def save_step(dossier, *, section_index, data, files=None, by, shown_keys=None) -> StepResult:
    """Store what the applicant sent for one section: valid answers are kept, invalid inputs are
    kept aside with their message (nothing typed is lost), uploads are checked and stored.

    `shown_keys`: the keys of the fields the page displayed (only those are updated; None: all
    fields visible in the section). Side effects: saves the dossier (revision + 1), creates or
    deletes Attachments. Raises NotEditable when the state no longer allows changes.
    """
    with transaction.atomic():
        locked = _lock(dossier)
        if locked.state not in APPLICANT_EDITABLE_STATES or not is_applicant_by(locked, by):
            raise NotEditable
        spec = spec_of(locked)
        section = spec.sections[section_index]
        before = engine.evaluate(spec, locked.answers, validate=False)
        errors = {}
        for field_spec in section.fields:
            kind = registry.get(field_spec.type)
            if not kind.is_input:
                continue
            if shown_keys is not None and field_spec.key not in shown_keys:
                continue
            if shown_keys is None and not before.visible(field_spec.key):
                continue
            name = f"f-{field_spec.key}"
            if field_spec.type == FieldType.ATTACHMENT:
                raw = _attachment_raw(locked, field_spec, data, files, by, errors)
                _store(locked, kind, field_spec, raw, errors)
                if field_spec.key in errors:  # a refused file: say why until the next try
                    locked.invalid_inputs[field_spec.key] = {
                        "raw": raw,
                        "message": errors[field_spec.key],
                        "row_errors": {},
                    }
                continue
            raw = kind.raw_from_post(data, files or {}, name, field_spec)
            upload_errors = {}
            if field_spec.type == FieldType.REPEATABLE:
                upload_errors = block_documents.attach_row_files(
                    locked, field_spec, raw, data=data, files=files, by=by
                )
            _store(locked, kind, field_spec, raw, errors)
            if upload_errors:  # refused files in some rows: say why until the next try
                stored = locked.invalid_inputs.get(field_spec.key) or {"raw": raw}
                row_errors = {**(stored.get("row_errors") or {}), **upload_errors}
                message = _ROW_ERRORS_MESSAGE
                locked.invalid_inputs[field_spec.key] = {
                    "raw": raw,
                    "message": str(message),
                    "row_errors": row_errors,
                }
                errors[field_spec.key] = str(message)
                errors.update({f"{field_spec.key}.{k}": v for k, v in upload_errors.items()})
        locked.revision += 1
        locked.last_step = max(locked.last_step, section_index)
        locked.save()
    dossier.refresh_from_db()
    after = evaluate(dossier)
    shown = set(shown_keys or ())
    new_fields = shown_keys is not None and any(
        after.visible(f.key) and f.key not in shown and registry.get(f.type).is_input
        for f in section.fields
    )
    return StepResult(errors=errors, evaluation=after, new_fields=new_fields)


def _store(dossier, kind, field_spec, raw, errors):
    key = field_spec.key
    try:
        if field_spec.type == FieldType.REPEATABLE:
            value = kind.clean_rows(raw, field_spec, dossier.answers)
        else:
            value = kind.clean(raw, field_spec)
    except FieldError as error:
        dossier.invalid_inputs[key] = {
            "raw": raw,
            "message": error.message,
            "row_errors": error.row_errors,
        }
        errors[key] = error.message
        errors.update({f"{key}.{k}": v for k, v in error.row_errors.items()})
        return
    dossier.invalid_inputs.pop(key, None)
    if kind.is_empty(value) or value is None:
        dossier.answers.pop(key, None)
    else:
        dossier.answers[key] = value


def _attachment_raw(dossier, field_spec, data, files, by, errors):
    name = f"f-{field_spec.key}"
    current = dict(dossier.answers.get(field_spec.key) or {"files": []})
    kept = [f for f in current.get("files", []) if f not in set(data.getlist(f"{name}__remove"))]
    removed = set(current.get("files", [])) - set(kept)
    if removed:
        Attachment.objects.filter(dossier=dossier, pk__in=removed).delete()
    for upload in files.getlist(name) if files else []:
        try:
            attachment = add_attachment(dossier, field_spec=field_spec, upload=upload, by=by)
        except FieldError as error:
            errors[field_spec.key] = error.message
            continue
        kept.append(str(attachment.pk))
    reason = data.get(f"{name}__missing_reason", "")
    return {"files": kept, "missing_reason": reason}


def add_attachment(dossier, *, field_spec, upload, by, row=None) -> Attachment:
    """Check `upload` (type by content, size, name, virus when ClamAV is configured) against the
    field's settings and store it. Side effects: saves one Attachment and its file. Raises
    FieldError (French) for a refused file."""
    limit = field_spec.params.get("max_files", 1)
    present = len((dossier.answers.get(field_spec.key) or {}).get("files", []))
    if present >= limit:
        raise FieldError(
            "Vous avez déjà joint le nombre maximal de fichiers ici : retirez-en un avant d’en "
            "ajouter un autre."
        )
    return store_upload(
        dossier,
        upload=upload,
        by=by,
        accept=field_spec.params.get("accept"),
        max_size_mb=field_spec.params.get("max_size_mb"),
        field_key=field_spec.key,
        row=row,
    )


def store_upload(
    dossier, *, upload, by, accept=None, max_size_mb=None, field_key="", row=None, message=None
) -> Attachment:
    """Check `upload` (type by content, size, name, virus when ClamAV is configured) and store
    it as a document of `dossier`: the answer to field `field_key` (in block row `row`), or an
    attachment of `message`. Side effects: saves one Attachment and its file. Raises FieldError
    (French) for a refused file."""
    name, mime, _kind = uploads.check_upload(upload, accept=accept, max_size_mb=max_size_mb)
    scanned = uploads.scan(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        dossier=dossier,
        field_key=field_key,
        row=row,
        message=message,
        original_name=name,
        content_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        scan_status=ScanStatus.NOT_SCANNED if scanned is None else ScanStatus.CLEAN,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment


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
        locked = _lock(dossier)
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
    procedure's template on a decision, cleared on reopening), records a DossierTransition,
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
