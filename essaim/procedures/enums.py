"""The vocabularies of procedures and the dossier's state machine, written once.

Every allowed change of a dossier's state is one `Transition` in `TRANSITIONS`; services, views,
the API and tests read it from here (never hard-code a pair of states elsewhere).
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    """Who may start a dossier."""

    ANYONE = "anyone", _("Tout le monde")
    CITIZENS = "citizens", _("Les personnes connectées")
    AGENTS = "agents", _("Les agents de l’organisation")


class ProcedureStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    CLOSED = "closed", _("Close")


class FieldType(models.TextChoices):
    """Every type of field a form may hold. The registry in `fields/` has one class per value."""

    HEADING = "heading", _("Titre de partie")
    EXPLANATION = "explanation", _("Explication")
    TEXT = "text", _("Texte court")
    TEXTAREA = "textarea", _("Texte long")
    INTEGER = "integer", _("Nombre entier")
    DECIMAL = "decimal", _("Nombre décimal")
    DATE = "date", _("Date")
    DATETIME = "datetime", _("Date et heure")
    YES_NO = "yes_no", _("Oui / Non")
    CHECKBOX = "checkbox", _("Case à cocher")
    CHOICE = "choice", _("Choix unique")
    MULTIPLE_CHOICE = "multiple_choice", _("Choix multiple")
    LINKED_CHOICE = "linked_choice", _("Choix liés")
    EMAIL = "email", _("Adresse électronique")
    PHONE = "phone", _("Téléphone")
    ADDRESS = "address", _("Adresse postale")
    COMMUNE = "commune", _("Commune")
    DEPARTMENT = "department", _("Département")
    REGION = "region", _("Région")
    COUNTRY = "country", _("Pays")
    SIRET = "siret", _("SIRET")
    RNA = "rna", _("Numéro RNA (association)")
    IBAN = "iban", _("IBAN")
    NIR = "nir", _("Numéro de sécurité sociale")
    REGEX = "regex", _("Texte au format imposé")
    REPEATABLE = "repeatable", _("Bloc répétable")
    ATTACHMENT = "attachment", _("Pièce justificative")
    TERMS = "terms", _("Acceptation de conditions")
    DOSSIER_LINK = "dossier_link", _("Lien vers un autre dossier")
    COMPUTED = "computed", _("Valeur calculée")


class EligibilityOutcome(models.TextChoices):
    INELIGIBLE = "ineligible", _("Non éligible")
    ENTITLED = "entitled", _("Droit probable")


class DossierState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Déposé (en construction)")
    CORRECTION_REQUESTED = "correction_requested", _("Correction demandée")
    IN_INSTRUCTION = "in_instruction", _("En instruction")
    ACCEPTED = "accepted", _("Accepté")
    REFUSED = "refused", _("Refusé")
    WITHOUT_FOLLOW_UP = "without_follow_up", _("Classé sans suite")


DECIDED_STATES = frozenset(
    {DossierState.ACCEPTED, DossierState.REFUSED, DossierState.WITHOUT_FOLLOW_UP}
)
# States where the applicant may still change answers and documents.
APPLICANT_EDITABLE_STATES = frozenset(
    {DossierState.DRAFT, DossierState.SUBMITTED, DossierState.CORRECTION_REQUESTED}
)


class Actor(models.TextChoices):
    APPLICANT = "applicant", _("Demandeur")
    INSTRUCTOR = "instructor", _("Instructeur")
    SYSTEM = "system", _("Système")


@dataclass(frozen=True)
class Transition:
    name: str
    source: DossierState
    target: DossierState
    actor: Actor
    label: str
    reason_required: bool = False


def _t(name, source, target, actor, label, reason_required=False):
    return Transition(name, source, target, actor, label, reason_required)


S = DossierState
TRANSITIONS: tuple[Transition, ...] = (
    _t("submit", S.DRAFT, S.SUBMITTED, Actor.APPLICANT, _("Déposer le dossier")),
    _t("resubmit", S.CORRECTION_REQUESTED, S.SUBMITTED, Actor.APPLICANT, _("Renvoyer corrigé")),
    _t("instruct", S.SUBMITTED, S.IN_INSTRUCTION, Actor.INSTRUCTOR, _("Passer en instruction")),
    _t(
        "request_correction",
        S.SUBMITTED,
        S.CORRECTION_REQUESTED,
        Actor.INSTRUCTOR,
        _("Demander une correction"),
        reason_required=True,
    ),
    _t(
        "request_correction",
        S.IN_INSTRUCTION,
        S.CORRECTION_REQUESTED,
        Actor.INSTRUCTOR,
        _("Demander une correction"),
        reason_required=True,
    ),
    _t(
        "back_to_submitted",
        S.IN_INSTRUCTION,
        S.SUBMITTED,
        Actor.INSTRUCTOR,
        _("Repasser en construction"),
    ),
    _t("accept", S.IN_INSTRUCTION, S.ACCEPTED, Actor.INSTRUCTOR, _("Accepter")),
    _t("refuse", S.IN_INSTRUCTION, S.REFUSED, Actor.INSTRUCTOR, _("Refuser"), True),
    _t(
        "close_without_follow_up",
        S.IN_INSTRUCTION,
        S.WITHOUT_FOLLOW_UP,
        Actor.INSTRUCTOR,
        _("Classer sans suite"),
        reason_required=True,
    ),
    _t("reopen", S.ACCEPTED, S.IN_INSTRUCTION, Actor.INSTRUCTOR, _("Repasser en instruction")),
    _t("reopen", S.REFUSED, S.IN_INSTRUCTION, Actor.INSTRUCTOR, _("Repasser en instruction")),
    _t(
        "reopen",
        S.WITHOUT_FOLLOW_UP,
        S.IN_INSTRUCTION,
        Actor.INSTRUCTOR,
        _("Repasser en instruction"),
    ),
)
del S


def transition_for(source: str, name: str) -> Transition | None:
    """The transition called `name` leaving `source`, or None when it is not allowed."""
    for transition in TRANSITIONS:
        if transition.source == source and transition.name == name:
            return transition
    return None


def transitions_from(source: str, *, actor: str | None = None) -> list[Transition]:
    """The transitions leaving `source`, optionally only those `actor` may make."""
    return [t for t in TRANSITIONS if t.source == source and (actor is None or t.actor == actor)]


class ScanStatus(models.TextChoices):
    PENDING = "pending", _("En attente d’analyse")
    CLEAN = "clean", _("Sain")
    INFECTED = "infected", _("Infecté")
    NOT_SCANNED = "not_scanned", _("Non analysé (aucun antivirus configuré)")


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("En attente")
    DELIVERED = "delivered", _("Livré")
    FAILED = "failed", _("Échec définitif")
