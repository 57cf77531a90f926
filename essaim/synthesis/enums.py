"""Choices of a synthesis: where its contributions come from, its run and its publication."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Source(models.TextChoices):
    CAMPAIGN = "campaign", _("Consultation")
    FILE = "file", _("Fichier importé")


class Status(models.TextChoices):
    """The run of the engine: a file waits for its columns (`draft`) before it is queued."""

    DRAFT = "draft", _("colonnes à choisir")
    QUEUED = "queued", _("en attente")
    RUNNING = "running", _("en cours")
    DONE = "done", _("terminée")
    FAILED = "failed", _("échec")


RUNNING_STATUSES = frozenset({Status.QUEUED, Status.RUNNING})


class Mode(models.TextChoices):
    """What a run does: a first synthesis, new contributions only, or everything again."""

    FULL = "full", _("synthèse complète")
    INCREMENTAL = "incremental", _("nouvelles contributions")
    RECOMPUTE = "recompute", _("tout recalculer")


class Publication(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    VALIDATED = "validated", _("validée")
    PUBLISHED = "published", _("publiée")


P = Publication
# The only allowed moves of a synthesis' publication, checked by `services.set_publication`.
PUBLICATION_TRANSITIONS: dict[str, frozenset[str]] = {
    P.DRAFT: frozenset({P.VALIDATED}),
    P.VALIDATED: frozenset({P.PUBLISHED, P.DRAFT}),
    P.PUBLISHED: frozenset({P.DRAFT}),
}


class Operation(models.TextChoices):
    """The corrections a person makes (the engine's operations)."""

    RENAME = "rename", _("thème renommé")
    MERGE = "merge", _("thèmes fusionnés")
    SPLIT = "split", _("thème scindé")
    DELETE = "delete", _("thème supprimé")
    MOVE = "move", _("contribution déplacée")
    PIN = "pin", _("citation épinglée")
    UNPIN = "unpin", _("citation désépinglée")
