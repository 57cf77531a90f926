"""The applicant's pages, in three modules named after what they show; this one gathers the
views for the URLconf:

- `apply_start_views`: the list of procedures, a procedure's page, starting, "Mes dossiers";
- `apply_step_views`: the step-by-step form, autosave, the summary and submission;
- `applicant_dossier_views`: a dossier's page, its receipt and its documents.
"""

from essaim.procedures.applicant_dossier_views import (
    document,
    dossier_detail,
    dossier_page_context,
    receipt,
)
from essaim.procedures.apply_start_views import (
    my_dossiers,
    procedure_detail,
    procedure_list,
    start,
)
from essaim.procedures.apply_step_views import autosave, step, submit, summary

__all__ = [
    "autosave",
    "document",
    "dossier_detail",
    "dossier_page_context",
    "my_dossiers",
    "procedure_detail",
    "procedure_list",
    "receipt",
    "start",
    "step",
    "submit",
    "summary",
]
