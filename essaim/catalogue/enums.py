"""The catalogue's vocabularies: stages, beneficiaries, kinds of innovation, government levels."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Stage(models.TextChoices):
    IDEA = "idea", _("Idée")
    EXPLORATION = "exploration", _("Exploration")
    PROTOTYPE = "prototype", _("Prototype")
    EXPERIMENT = "experiment", _("Expérimentation")
    SCALING = "scaling", _("Déploiement")
    SUSTAINED = "sustained", _("Pérennisée")
    STOPPED = "stopped", _("Arrêtée")


class Beneficiary(models.TextChoices):
    CITIZENS = "citizens", _("Usagers")
    AGENTS = "agents", _("Agents publics")
    COMPANIES = "companies", _("Entreprises")
    ASSOCIATIONS = "associations", _("Associations")
    LOCAL_AUTHORITIES = "local_authorities", _("Collectivités")
    ELECTED_OFFICIALS = "elected_officials", _("Élus")


class InnovationFacet(models.TextChoices):
    """The four facets of public-sector innovation of the OECD's OPSI."""

    MISSION_ORIENTED = "mission_oriented", _("Orientée mission")
    ENHANCEMENT = "enhancement", _("Amélioration")
    ANTICIPATORY = "anticipatory", _("Anticipation")
    ADAPTIVE = "adaptive", _("Adaptation")


class GovernmentLevel(models.TextChoices):
    NATIONAL = "national", _("État (niveau national)")
    REGIONAL = "regional", _("Niveau régional")
    DEPARTMENTAL = "departmental", _("Niveau départemental")
    MUNICIPAL = "municipal", _("Commune ou intercommunalité")
    HOSPITAL = "hospital", _("Établissement de santé")
    OTHER = "other", _("Autre")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")
