"""Instruction operations: private annotations, messages to the applicant, state changes.

State changes go through `services.transition` (the one state machine); this module adds what
instruction needs around it. Callers check `instruction_queries`/permissions first.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.procedures.enums import DossierState, transition_for
from essaim.procedures.models import Dossier, Field, Message
from essaim.procedures.spec import FieldSpec


def annotation_specs(version) -> list[FieldSpec]:
    """The private fields (annotations only agents see) of a form version, in order."""
    rows = Field.objects.filter(version=version, private=True, parent__isnull=True).order_by(
        "section__position", "position", "pk"
    )
    return [
        FieldSpec(
            key=row.key,
            type=row.type,
            label=row.label,
            help_text=row.help_text,
            options=tuple(row.options or ()),
            params=dict(row.params or {}),
            private=True,
        )
        for row in rows
    ]


@transaction.atomic
def save_annotations(dossier, *, raw: dict, by) -> dict[str, str]:
    """Clean and store the private annotations sent in `raw` (key → raw input).

    Valid values are stored even when others are invalid (nothing typed is lost: invalid ones
    are returned with their French error). Side effects: saves `dossier.annotations`.
    """
    from essaim.procedures.fields import FieldError, registry

    dossier = Dossier.objects.select_for_update().get(pk=dossier.pk)
    errors = {}
    annotations = dict(dossier.annotations or {})
    for spec in annotation_specs(dossier.version):
        kind = registry.get(spec.type)
        if not kind.is_input or spec.key not in raw:
            continue
        try:
            annotations[spec.key] = kind.clean(raw[spec.key], spec)
        except FieldError as error:
            errors[spec.key] = error.message
    dossier.annotations = annotations
    dossier.save(update_fields=["annotations", "updated_at"])
    return errors


def post_message(dossier, *, body: str, by, files=()) -> Message:
    """An instructor's message to the applicant (see `messaging.post_message`)."""
    from essaim.procedures import messaging

    return messaging.post_message(dossier, body=body, by=by, files=files, from_applicant=False)


def correction_deadline(day: datetime.date | None) -> datetime.datetime | None:
    """The correction deadline for a chosen day: the end of that day, in the current time zone
    (Paris), so that the applicant may still correct on the day itself. None when not given."""
    if day is None:
        return None
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(23, 59)))


def change_state(
    dossier, *, name: str, by, reason: str = "", deadline=None, actor_label: str = ""
) -> Dossier:
    """An instructor's transition (`name` from `enums.TRANSITIONS`), with its message.

    Raises ValidationError (French) when the transition is not allowed from the current state,
    when a reason is required and missing, or when a deadline is given to another transition
    than a correction request or is in the past (those two with code "deadline").
    Side effects: those of `services.transition` (saves, records, e-mails, webhooks).
    """
    from essaim.procedures import services

    transition = transition_for(dossier.state, name)
    if transition is None or transition.actor != "instructor":
        raise ValidationError(
            _("Ce changement d’état n’est plus possible : le dossier est « %(state)s ».")
            % {"state": DossierState(dossier.state).label}
        )
    reason = reason.strip()
    if transition.reason_required and not reason:
        raise ValidationError(
            _("Écrivez le motif : il est envoyé au demandeur avec la décision.")
            if name != "request_correction"
            else _("Écrivez ce que le demandeur doit corriger.")
        )
    # code="deadline": the API tells the client which value to fix.
    if deadline is not None and name != "request_correction":
        raise ValidationError(
            _("Une date limite ne s’applique qu’à une demande de correction : retirez-la."),
            code="deadline",
        )
    if deadline is not None and deadline <= timezone.now():
        raise ValidationError(
            _("La date limite de correction doit être dans le futur."), code="deadline"
        )
    return services.transition(
        dossier, name=name, by=by, actor_label=actor_label, reason=reason, deadline=deadline
    )
