"""What the applicant fills: a new draft, the answers of one section saved (valid ones kept,
invalid inputs kept aside with their message), and what the form shows and still needs.

Callers check permissions (`permissions.py`); these functions enforce the rules of the data:
frozen versions, only editable states, safe documents. State changes are in `dossier_states`.
"""

from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext_lazy

from essaim.procedures import block_documents, engine, guests
from essaim.procedures.attachment_storage import add_attachment
from essaim.procedures.enums import APPLICANT_EDITABLE_STATES, FieldType
from essaim.procedures.fields import FieldError, registry
from essaim.procedures.models import Attachment, Dossier
from essaim.procedures.permissions import can_apply
from essaim.procedures.spec import FormSpec

_ROW_ERRORS_MESSAGE = gettext_lazy("Corrigez les erreurs signalées dans les lignes ci-dessous.")


class NotEditable(Exception):
    """The applicant can no longer change this dossier (in instruction or decided)."""


class StaleRevision(Exception):
    """The draft was saved elsewhere (another tab, another device) since the page that sends
    these answers was shown: saving them would silently undo that save."""

    def __init__(self, revision):
        super().__init__(revision)
        self.revision = revision  # the draft's current one


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


def lock(dossier) -> Dossier:
    return Dossier.objects.select_for_update().select_related("version").get(pk=dossier.pk)


def save_step(
    dossier, *, section_index, data, files=None, by, shown_keys=None, expected_revision=None
) -> StepResult:
    """Store what the applicant sent for one section: valid answers are kept, invalid inputs are
    kept aside with their message (nothing typed is lost), uploads are checked and stored.

    `shown_keys`: the keys of the fields the page displayed (only those are updated; None: all
    fields visible in the section). `expected_revision`: the revision the sender's page showed
    (None: no check, as for the step's form without JavaScript). Side effects: saves the dossier
    (revision + 1), creates or deletes Attachments. Raises NotEditable when the state no longer
    allows changes, StaleRevision (nothing saved) when the draft's revision is not the expected one.
    """
    with transaction.atomic():
        locked = lock(dossier)
        if locked.state not in APPLICANT_EDITABLE_STATES or not is_applicant_by(locked, by):
            raise NotEditable
        if expected_revision is not None and locked.revision != expected_revision:
            raise StaleRevision(locked.revision)
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
                        "raw": storable(raw),
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
                    "raw": storable(raw),
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


def storable(raw):
    """`raw` as kept aside for correction, without NUL characters: PostgreSQL stores none in
    JSON (the kind refuses such an input; this keeps the refusal from failing the save)."""
    if isinstance(raw, str):
        return raw.replace("\x00", "")
    if isinstance(raw, dict):
        return {storable(key): storable(value) for key, value in raw.items()}
    if isinstance(raw, list):
        return [storable(value) for value in raw]
    return raw


def _store(dossier, kind, field_spec, raw, errors):
    key = field_spec.key
    try:
        if field_spec.type == FieldType.REPEATABLE:
            value = kind.clean_rows(raw, field_spec, dossier.answers)
        else:
            value = kind.clean(raw, field_spec)
    except FieldError as error:
        dossier.invalid_inputs[key] = {
            "raw": storable(raw),
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
