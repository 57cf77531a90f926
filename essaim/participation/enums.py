"""Choices of the consultations, and the proposal lifecycle written once."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    OPEN = "open", _("Ouverte à toutes et tous")
    CITIZENS = "citizens", _("Personnes connectées")
    AGENTS = "agents", _("Agents des organisations désignées")


class PhaseKind(models.TextChoices):
    """The phases of a campaign, in their natural order."""

    SUBMISSION = "submission", _("Dépôt des propositions")
    SUPPORT = "support", _("Soutiens")
    SELECTION = "selection", _("Sélection")
    WORKSHOPS = "workshops", _("Ateliers")
    ANSWER = "answer", _("Restitution")


class ProposalState(models.TextChoices):
    DRAFT = "draft", _("brouillon")
    PUBLISHED = "published", _("publiée")
    REVIEW = "review", _("en examen")
    SELECTED = "selected", _("retenue")
    REJECTED = "rejected", _("non retenue")
    MERGED = "merged", _("fusionnée")
    WITHDRAWN = "withdrawn", _("retirée")


S = ProposalState
# The only allowed moves of a proposal. Every service changes `state` through
# `services.transition`, which checks this table.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.DRAFT: frozenset({S.PUBLISHED}),
    S.PUBLISHED: frozenset({S.REVIEW, S.SELECTED, S.REJECTED, S.MERGED, S.WITHDRAWN}),
    S.REVIEW: frozenset({S.PUBLISHED, S.SELECTED, S.REJECTED, S.MERGED, S.WITHDRAWN}),
    S.SELECTED: frozenset({S.REVIEW}),
    S.REJECTED: frozenset({S.REVIEW}),
    S.MERGED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
# What the public sees (drafts never).
PUBLIC_STATES = frozenset(set(S.values) - {S.DRAFT})
# Where a proposal can still be supported, commented on, merged.
ACTIVE_STATES = frozenset({S.PUBLISHED, S.REVIEW})


class AnswerKind(models.TextChoices):
    SELECTED = "selected", _("Retenue")
    STUDY = "study", _("À l’étude")
    REJECTED = "rejected", _("Non retenue")


ANSWER_STATE = {
    AnswerKind.SELECTED: S.SELECTED,
    AnswerKind.STUDY: S.REVIEW,
    AnswerKind.REJECTED: S.REJECTED,
}


class ModerationAction(models.TextChoices):
    HIDE = "hide", _("Masqué")
    AUTO_HIDE = "auto_hide", _("Masqué automatiquement après signalements")
    RESTORE = "restore", _("Rétabli")
    DISMISS = "dismiss", _("Signalements écartés")
    MERGE = "merge", _("Propositions fusionnées")
    STATE = "state", _("État modifié")


class DigestFrequency(models.TextChoices):
    NONE = "none", _("Aucun courriel")
    IMMEDIATE = "immediate", _("Immédiatement")
    DAILY = "daily", _("Un résumé par jour")
    WEEKLY = "weekly", _("Un résumé par semaine")


class NoticeKind(models.TextChoices):
    PROPOSAL = "proposal", _("Nouvelle proposition")
    SUPPORT = "support", _("Nouveau soutien")
    COMMENT = "comment", _("Nouveau commentaire")
    ANSWER = "answer", _("Réponse publique")
    MERGE = "merge", _("Fusion")


# What a campaign's followers hear about (a proposal's followers hear about everything on it).
CAMPAIGN_NOTICES = frozenset({NoticeKind.PROPOSAL, NoticeKind.ANSWER})
# What an author is told at once, whatever their digest frequency (unless « aucun »).
URGENT_FOR_AUTHOR = frozenset({NoticeKind.ANSWER, NoticeKind.MERGE})
