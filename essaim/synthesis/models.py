"""A synthesis on the platform: its source, its run, the engine's result and its publication.

Storage choice: the engine's own state (themes, vocabulary, centres, placements, corrections log)
is one JSON document (`state`), read and written whole by the engine's `to_dict`/`from_dict`:
only the engine interprets it, and a rerun needs all of it. Each contribution is also a row
(`Contribution`) holding its text, metadata and placement, so that pages paginate, filter (by
question, date, territory) and count themes in the database instead of loading the document.
Every correction is logged in `Correction` (who, when, what), on top of the engine's own log
that makes it survive reruns.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from essaim.synthesis.engine.model import REASONS
from essaim.synthesis.enums import (
    RUNNING_STATUSES,
    Mode,
    Operation,
    Publication,
    Source,
    Status,
)


def upload_path(instance, filename):
    return f"syntheses/{instance.organisation_id}/{filename}"


class SynthesisQuerySet(models.QuerySet):
    def published(self):
        return self.filter(publication=Publication.PUBLISHED)


class Synthesis(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="syntheses",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Source: a consultation, or an uploaded CSV/XLSX file and its chosen columns.
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    campaign = models.ForeignKey(
        "participation.Campaign",
        verbose_name=_("consultation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("fichier"), upload_to=upload_path, blank=True, max_length=300)
    file_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    text_column = models.CharField(_("colonne du texte"), max_length=200, blank=True)
    id_column = models.CharField(_("colonne de l’identifiant"), max_length=200, blank=True)
    question_column = models.CharField(_("colonne de la question"), max_length=200, blank=True)
    date_column = models.CharField(_("colonne de la date"), max_length=200, blank=True)
    territory_column = models.CharField(_("colonne du territoire"), max_length=200, blank=True)
    # The run.
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    mode = models.CharField(max_length=12, choices=Mode.choices, default=Mode.FULL)
    progress = models.PositiveSmallIntegerField(_("avancement (%)"), default=0)
    step = models.CharField(_("étape"), max_length=100, blank=True)
    error = models.TextField(_("erreur"), blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What was read and set aside: {"reading": [French lines], "set_aside": {reason: n}}.
    reading = models.JSONField(default=dict, blank=True)
    state = models.JSONField(null=True, blank=True, editable=False)
    # Publication.
    publication = models.CharField(
        _("publication"), max_length=10, choices=Publication.choices, default=Publication.DRAFT
    )
    method_note = models.TextField(_("note de méthode"), blank=True)
    validated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    validated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    objects = SynthesisQuerySet.as_manager()

    class Meta:
        verbose_name = _("synthèse")
        verbose_name_plural = _("synthèses")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("synthesis:detail", args=[self.pk])

    @property
    def is_running(self) -> bool:
        return self.status in RUNNING_STATUSES

    @property
    def themes(self) -> list[dict]:
        """The engine's themes (largest first), as stored."""
        return (self.state or {}).get("themes", [])

    def theme(self, key: str) -> dict | None:
        return next((t for t in self.themes if t["id"] == key), None)


class Contribution(models.Model):
    """One contribution of a synthesis, with where the engine (or a person) placed it."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    key = models.CharField(max_length=64)  # the engine's id
    reference = models.CharField(_("identifiant"), max_length=200)  # the id people know
    text = models.TextField(_("texte"))
    question = models.CharField(_("question"), max_length=300, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    territory = models.CharField(_("territoire"), max_length=120, blank=True)
    theme_key = models.CharField(max_length=16, blank=True)
    duplicate_group = models.CharField(max_length=16, blank=True)
    reason = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["synthesis", "key"], name="synthesis_item_key")
        ]
        indexes = [
            models.Index(fields=["synthesis", "theme_key", "position"], name="synthesis_item_theme")
        ]

    def __str__(self):
        return self.reference

    @property
    def reason_label(self) -> str:
        """Why it is in no theme, in French."""
        return REASONS.get(self.reason, "")


class Correction(models.Model):
    """What a person changed in a synthesis (the engine keeps its own log for reruns)."""

    synthesis = models.ForeignKey(Synthesis, on_delete=models.CASCADE, related_name="corrections")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    operation = models.CharField(max_length=12, choices=Operation.choices)
    details = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.operation} ({self.synthesis_id})"
