"""Instruction and integration: expert opinions, saved views, API tokens, webhooks.

Owned by the builder/instruction side (procedures-builder); defined early so that the first
migration holds the whole schema.
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.procedures.dossier_models import Dossier
from essaim.procedures.enums import DeliveryStatus
from essaim.procedures.form_models import Procedure


def _token():
    return secrets.token_urlsafe(32)


class ExpertOpinion(models.Model):
    """An expert's opinion (avis) asked by e-mail link on a dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="opinions")
    expert_email = models.EmailField(_("adresse de l’expert"))
    question = models.TextField(_("question"), max_length=5000)
    token = models.CharField(max_length=64, unique=True, default=_token, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answer = models.TextField(_("avis"), blank=True, max_length=10000)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("avis d’expert")
        verbose_name_plural = _("avis d’experts")
        ordering = ["dossier", "requested_at"]

    def __str__(self):
        return f"{self.dossier}: avis de {self.expert_email}"


class SavedView(models.Model):
    """An instructor's saved filters and sorting on a procedure's table of dossiers."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dossier_views"
    )
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="saved_views")
    name = models.CharField(_("nom"), max_length=100)
    query = models.CharField(_("filtres"), max_length=2000)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("vue enregistrée")
        verbose_name_plural = _("vues enregistrées")
        ordering = ["user", "name"]
        constraints = [
            models.UniqueConstraint(fields=["user", "procedure", "name"], name="savedview_unique")
        ]

    def __str__(self):
        return self.name


class ApiToken(models.Model):
    """An organisation's API token: only its SHA-256 is stored; revocable; scoped."""

    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="procedure_tokens"
    )
    name = models.CharField(_("nom"), max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list, blank=True)  # e.g. ["dossiers:read", "dossiers:write"]
    procedures = models.ManyToManyField(Procedure, blank=True, related_name="api_tokens")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("jeton d’API")
        verbose_name_plural = _("jetons d’API")
        ordering = ["organisation", "name"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class Webhook(models.Model):
    """Where to POST every transition of a procedure's dossiers, signed with HMAC-SHA256."""

    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="webhooks")
    url = models.URLField(_("adresse de réception"), max_length=500)
    secret = models.CharField(max_length=64, default=_token)
    active = models.BooleanField(_("actif"), default=True)
    include_answers = models.BooleanField(_("inclure les réponses"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")

    def __str__(self):
        return self.url


class WebhookDelivery(models.Model):
    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    dossier = models.ForeignKey(
        Dossier, null=True, on_delete=models.SET_NULL, related_name="webhook_deliveries"
    )
    event = models.CharField(max_length=40)
    idempotency_key = models.CharField(max_length=64, unique=True)
    payload = models.JSONField()
    status = models.CharField(
        max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The delivery log: one {"at", "status_code", "error", "duration_ms"} per attempt.
    log = models.JSONField(default=list, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("envoi de webhook")
        verbose_name_plural = _("envois de webhook")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="webhookdelivery_due"),
        ]

    def __str__(self):
        return f"{self.event} → {self.webhook}"
