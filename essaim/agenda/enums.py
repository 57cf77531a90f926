"""The agenda's vocabularies and its three state machines, written once.

`MODERATION_TRANSITIONS`, `STATUS_TRANSITIONS` and `REGISTRATION_TRANSITIONS` map a state to
the states it may move to; services check them through `allowed()` and nowhere else.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventFormat(models.TextChoices):
    WEBINAR = "webinar", _("Webinaire")
    CONFERENCE = "conference", _("Conférence")
    ROUND_TABLE = "round_table", _("Table ronde")
    WORKSHOP = "workshop", _("Atelier participatif")
    CREATIVE_SESSION = "creative_session", _("Session créative")
    HACKATHON = "hackathon", _("Hackathon")
    TRAINING = "training", _("Formation")
    ONLINE_COURSE = "online_course", _("Module de formation en ligne")
    PODCAST = "podcast", _("Podcast")
    VISIT = "visit", _("Visite")
    EXHIBITION = "exhibition", _("Exposition")
    SEMINAR = "seminar", _("Séminaire")
    CALL_FOR_IDEAS = "call_for_ideas", _("Appel à idées")
    OTHER = "other", _("Autre")


class Mode(models.TextChoices):
    ONLINE = "online", _("En ligne")
    ONSITE = "onsite", _("Sur place")
    HYBRID = "hybrid", _("Hybride")


class Audience(models.TextChoices):
    AGENTS = "agents", _("Agents publics")
    GENERAL_PUBLIC = "general_public", _("Grand public")
    ELECTED_OFFICIALS = "elected_officials", _("Élus")
    COMPANIES = "companies", _("Entreprises")
    ASSOCIATIONS = "associations", _("Associations")
    STUDENTS = "students", _("Étudiants")
    RESEARCHERS = "researchers", _("Chercheurs")


class Language(models.TextChoices):
    FRENCH = "fr", _("Français")
    ENGLISH = "en", _("Anglais")
    OTHER = "other", _("Autre langue")


# The five OpenAgenda accessibility flags plus subtitles and French sign language.
# Field name on Event → (OpenAgenda key, label). Filters and imports read this table.
ACCESSIBILITY_FLAGS = {
    "accessible_hearing": ("hi", _("Handicap auditif")),
    "accessible_intellectual": ("ii", _("Handicap intellectuel")),
    "accessible_visual": ("vi", _("Handicap visuel")),
    "accessible_psychic": ("pi", _("Handicap psychique")),
    "accessible_motor": ("mi", _("Handicap moteur")),
    "has_subtitles": ("st", _("Sous-titrage")),
    "has_sign_language": ("lsf", _("Langue des signes française (LSF)")),
}


class RegistrationMode(models.TextChoices):
    NONE = "none", _("Sans inscription")
    ESSAIM = "essaim", _("Inscription sur Essaim")
    EXTERNAL = "external", _("Inscription sur un autre site")


class ModerationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    SUBMITTED = "submitted", _("Soumis")
    PUBLISHED = "published", _("Publié")
    REFUSED = "refused", _("Refusé")


class PublicStatus(models.TextChoices):
    """What the public sees of an event's life; every change is told to its registrants."""

    SCHEDULED = "scheduled", _("Programmé")
    POSTPONED = "postponed", _("Reporté")
    MOVED_ONLINE = "moved_online", _("Passé en ligne")
    FULL = "full", _("Complet")
    CANCELLED = "cancelled", _("Annulé")


class RegistrationStatus(models.TextChoices):
    PENDING = "pending", _("En attente de confirmation de l’adresse")
    CONFIRMED = "confirmed", _("Inscrit")
    WAITLISTED = "waitlisted", _("Sur liste d’attente")
    CANCELLED = "cancelled", _("Annulé")


class LogKind(models.TextChoices):
    MODERATION = "moderation", _("Modération")
    STATUS = "status", _("Statut public")
    CHANGE = "change", _("Modification")
    MESSAGE = "message", _("Message aux inscrits")


MODERATION_TRANSITIONS = {
    # Outside a programme an organiser's editor publishes straight from draft (a lab's agenda);
    # inside a programme the coordinators publish submitted events (checked in services).
    ModerationState.DRAFT: {ModerationState.SUBMITTED, ModerationState.PUBLISHED},
    ModerationState.SUBMITTED: {
        ModerationState.PUBLISHED,
        ModerationState.REFUSED,
        ModerationState.DRAFT,
    },
    ModerationState.PUBLISHED: {ModerationState.DRAFT},
    ModerationState.REFUSED: {ModerationState.DRAFT, ModerationState.SUBMITTED},
}

STATUS_TRANSITIONS = {
    PublicStatus.SCHEDULED: {
        PublicStatus.POSTPONED,
        PublicStatus.MOVED_ONLINE,
        PublicStatus.FULL,
        PublicStatus.CANCELLED,
    },
    PublicStatus.POSTPONED: {
        PublicStatus.SCHEDULED,
        PublicStatus.MOVED_ONLINE,
        PublicStatus.FULL,
        PublicStatus.CANCELLED,
    },
    PublicStatus.MOVED_ONLINE: {
        PublicStatus.SCHEDULED,
        PublicStatus.POSTPONED,
        PublicStatus.FULL,
        PublicStatus.CANCELLED,
    },
    PublicStatus.FULL: {
        PublicStatus.SCHEDULED,
        PublicStatus.POSTPONED,
        PublicStatus.MOVED_ONLINE,
        PublicStatus.CANCELLED,
    },
    PublicStatus.CANCELLED: set(),  # final: a new date is a new event
}

REGISTRATION_TRANSITIONS = {
    RegistrationStatus.PENDING: {
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
        RegistrationStatus.CANCELLED,
    },
    RegistrationStatus.CONFIRMED: {RegistrationStatus.CANCELLED},
    RegistrationStatus.WAITLISTED: {RegistrationStatus.CONFIRMED, RegistrationStatus.CANCELLED},
    # Registering again after cancelling reuses the same row (one per person and event).
    RegistrationStatus.CANCELLED: {
        RegistrationStatus.PENDING,
        RegistrationStatus.CONFIRMED,
        RegistrationStatus.WAITLISTED,
    },
}

# Statuses that hold or wait for a place (counted as "registered" for the person).
ACTIVE_REGISTRATION_STATUSES = (
    RegistrationStatus.PENDING,
    RegistrationStatus.CONFIRMED,
    RegistrationStatus.WAITLISTED,
)


def allowed(transitions: dict, from_state: str, to_state: str) -> bool:
    """Whether the machine `transitions` lets a record move from `from_state` to `to_state`."""
    return to_state in transitions.get(from_state, set())
