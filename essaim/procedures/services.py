"""Every operation that changes a dossier, in three modules named after what they do; this one
gathers their public names (`services.submit(…)` reads well at call sites):

- `dossier_answers`: a new draft, a section saved, what the form shows and still needs;
- `attachment_storage`: a document checked and stored;
- `dossier_states`: submission, routing and every state change.
"""

from essaim.procedures.attachment_storage import add_attachment, store_upload
from essaim.procedures.dossier_answers import (
    NotEditable,
    StaleRevision,
    StepResult,
    evaluate,
    is_applicant_by,
    save_step,
    spec_of,
    start_dossier,
)
from essaim.procedures.dossier_states import (
    IncompleteDossier,
    TransitionNotAllowed,
    route,
    submit,
    transition,
)

__all__ = [
    "IncompleteDossier",
    "NotEditable",
    "StaleRevision",
    "StepResult",
    "TransitionNotAllowed",
    "add_attachment",
    "evaluate",
    "is_applicant_by",
    "route",
    "save_step",
    "spec_of",
    "start_dossier",
    "store_upload",
    "submit",
    "transition",
]
