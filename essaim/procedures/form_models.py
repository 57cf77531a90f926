"""A procedure, its form versions, their sections, fields and eligibility rules.

A published `FormVersion` is frozen: its sections, fields and rules refuse to be saved or deleted
(`FrozenVersionError`). Changing a published form means copying it into a new draft version
(`services.new_draft_version`). Dossiers keep the version they were filled with.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.slugs import unique_slug
from essaim.procedures.enums import Audience, EligibilityOutcome, FieldType, ProcedureStatus

# Slugs that would shadow the fixed pages under /demarches/.
RESERVED_SLUGS = frozenset(
    {
        "mes-dossiers",
        "documents",
        "dossiers",
        "gestion",
        "instruction",
        "api",
        "avis",
        "reprise",
        "communes",
    }
)


class FrozenVersionError(Exception):
    """Raised when something tries to change a published form version."""


class ProcedureQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=ProcedureStatus.PUBLISHED)

    def open_at(self, when=None):
        """Published procedures accepting new dossiers at `when` (now by default)."""
        when = when or timezone.now()
        return self.published().filter(
            models.Q(opens_at__isnull=True) | models.Q(opens_at__lte=when),
            models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=when),
        )

    def editable_by(self, user):
        """Procedures whose organisation has `user` as editor or administrator."""
        from essaim.accounts.permissions import organisations_editable_by

        return self.filter(organisation__in=organisations_editable_by(user))


class Procedure(models.Model):
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation responsable"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse courte"), max_length=220, unique=True)
    description = models.TextField(_("description"), blank=True, max_length=10000)
    audience = models.CharField(
        _("qui peut déposer"), max_length=12, choices=Audience.choices, default=Audience.CITIZENS
    )
    status = models.CharField(
        _("état"), max_length=12, choices=ProcedureStatus.choices, default=ProcedureStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("ouverture"), null=True, blank=True)
    closes_at = models.DateTimeField(_("clôture"), null=True, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("temps de remplissage estimé (minutes)"), null=True, blank=True
    )
    # [{"label": "Avis d'imposition", "help": "…"}]: documents needed by everyone, shown before
    # starting; documents needed only in some situations come from the form's attachment fields.
    documents_to_prepare = models.JSONField(_("documents à préparer"), default=list, blank=True)
    allow_missing_document_explanation = models.BooleanField(
        _("permettre d’expliquer l’absence d’une pièce obligatoire"), default=False
    )
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    contact_phone = models.CharField(_("téléphone de contact"), max_length=30, blank=True)
    contact_help = models.TextField(_("où trouver de l’aide"), blank=True, max_length=2000)
    retention_months = models.PositiveSmallIntegerField(
        _("durée de conservation des dossiers (mois)"), default=36
    )
    # {"submitted": 15, "in_instruction": 60}: days allowed in each state before a dossier is late.
    state_deadlines = models.JSONField(_("délais par état (jours)"), default=dict, blank=True)
    decision_template = models.TextField(_("modèle de lettre de décision"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProcedureQuerySet.as_manager()

    class Meta:
        verbose_name = _("démarche")
        verbose_name_plural = _("démarches")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Procedure.objects.exclude(pk=self.pk),
                self.title,
                fallback="demarche",
                reserved=RESERVED_SLUGS,
            )
        super().save(*args, **kwargs)

    def is_open(self, when=None) -> bool:
        when = when or timezone.now()
        return (
            self.status == ProcedureStatus.PUBLISHED
            and (self.opens_at is None or self.opens_at <= when)
            and (self.closes_at is None or when < self.closes_at)
        )

    @property
    def published_version(self):
        """The latest published version (new dossiers use it), or None."""
        return self.versions.filter(published_at__isnull=False).order_by("-number").first()

    @property
    def draft_version(self):
        """The version being edited (not yet published), or None."""
        return self.versions.filter(published_at__isnull=True).order_by("-number").first()


class FormVersion(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("numéro"))
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("note de version"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("version du formulaire")
        verbose_name_plural = _("versions du formulaire")
        ordering = ["procedure", "number"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "number"], name="formversion_unique")
        ]

    def __str__(self):
        return f"{self.procedure} — v{self.number}"

    @property
    def is_frozen(self) -> bool:
        return self.published_at is not None


class _VersionPart(models.Model):
    """Something that belongs to a version and is frozen with it."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self._check_not_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._check_not_frozen()
        return super().delete(*args, **kwargs)

    def _check_not_frozen(self):
        version = FormVersion.objects.filter(pk=self.version_id).only("published_at").first()
        if version is not None and version.is_frozen:
            raise FrozenVersionError(
                f"{type(self).__name__} of published version {self.version_id} cannot change"
            )


class Section(_VersionPart):
    """One step (page) of the form. Shown only when `condition` holds (None: always)."""

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveIntegerField(_("ordre"), default=0)
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True, max_length=5000)
    condition = models.JSONField(_("condition d’affichage"), null=True, blank=True)

    class Meta:
        verbose_name = _("partie")
        verbose_name_plural = _("parties")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


class Field(_VersionPart):
    """A question (or heading, explanation, computed value) of a version.

    `key` names the answer in `Dossier.answers` and in conditions; it is unique in the version
    and kept from one version to the next. Children of a repeatable block have `parent` set and
    their answers live in the block's rows. `private` fields are annotations only agents see.
    """

    version = models.ForeignKey(FormVersion, on_delete=models.CASCADE, related_name="fields")
    section = models.ForeignKey(
        Section, null=True, blank=True, on_delete=models.CASCADE, related_name="fields"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    key = models.SlugField(_("identifiant"), max_length=60)
    type = models.CharField(_("type"), max_length=20, choices=FieldType.choices)
    label = models.CharField(_("libellé"), max_length=300)
    help_text = models.TextField(_("aide"), blank=True, max_length=2000)
    help_more = models.TextField(_("en savoir plus"), blank=True, max_length=10000)
    # [{"value": "salarie", "label": "Salarié", "help": "aide propre à cette réponse"}]
    options = models.JSONField(_("options"), default=list, blank=True)
    required = models.BooleanField(_("obligatoire"), default=False)
    required_condition = models.JSONField(_("obligatoire si"), null=True, blank=True)
    condition = models.JSONField(_("condition d’affichage"), null=True, blank=True)
    params = models.JSONField(_("paramètres de validation"), default=dict, blank=True)
    private = models.BooleanField(_("annotation privée"), default=False)

    class Meta:
        verbose_name = _("champ")
        verbose_name_plural = _("champs")
        ordering = ["version", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="field_unique_key"),
        ]

    def __str__(self):
        return self.label


class EligibilityRule(_VersionPart):
    """Tells the applicant, as soon as `condition` holds, that they are not eligible (and where
    to turn instead) or which aid they are likely entitled to."""

    version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="eligibility_rules"
    )
    position = models.PositiveIntegerField(_("ordre"), default=0)
    outcome = models.CharField(_("résultat"), max_length=12, choices=EligibilityOutcome.choices)
    condition = models.JSONField(_("condition"))
    title = models.CharField(_("titre"), max_length=200)
    message = models.TextField(_("explication"), max_length=5000)
    link_url = models.URLField(_("lien utile"), blank=True)
    link_label = models.CharField(_("texte du lien"), max_length=200, blank=True)
    blocks_submission = models.BooleanField(_("empêche le dépôt"), default=False)

    class Meta:
        verbose_name = _("règle d’éligibilité")
        verbose_name_plural = _("règles d’éligibilité")
        ordering = ["version", "position", "pk"]

    def __str__(self):
        return self.title


def new_public_id():
    return uuid.uuid4()
