"""Démarches: the schema, split by room (form, dossiers, instruction/integration).

Import models from here: `from essaim.procedures.models import Dossier`.
"""

from essaim.procedures.dossier_models import (
    Attachment,
    Dossier,
    DossierTransition,
    Instructor,
    InstructorGroup,
    Message,
)
from essaim.procedures.form_models import (
    EligibilityRule,
    Field,
    FormVersion,
    FrozenVersionError,
    Procedure,
    Section,
)
from essaim.procedures.instruction_models import (
    ApiToken,
    ExpertOpinion,
    SavedView,
    Webhook,
    WebhookDelivery,
)
from essaim.procedures.prefill_models import PrefillLink

__all__ = [
    "ApiToken",
    "Attachment",
    "Dossier",
    "DossierTransition",
    "EligibilityRule",
    "ExpertOpinion",
    "Field",
    "FormVersion",
    "FrozenVersionError",
    "Instructor",
    "InstructorGroup",
    "Message",
    "PrefillLink",
    "Procedure",
    "SavedView",
    "Section",
    "Webhook",
    "WebhookDelivery",
]
