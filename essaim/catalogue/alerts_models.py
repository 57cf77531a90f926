"""Saved searches with an e-mail digest ("alertes"). Imported at the end of `models.py`."""

import secrets

from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.catalogue.models import Initiative


class AlertFrequency(models.TextChoices):
    DAILY = "daily", _("Chaque jour")
    WEEKLY = "weekly", _("Chaque semaine")


def _new_token() -> str:
    return secrets.token_urlsafe(24)


class AlertQuerySet(models.QuerySet):
    def active(self):
        """Confirmed and not unsubscribed: these receive digests."""
        return self.filter(confirmed_at__isnull=False, unsubscribed_at__isnull=True)


class Alert(models.Model):
    """A catalogue search (its query string) that someone follows by e-mail."""

    email = models.EmailField(_("adresse électronique"))
    query = models.CharField(_("recherche"), max_length=2000, blank=True)
    frequency = models.CharField(
        _("fréquence"), max_length=10, choices=AlertFrequency.choices, default=AlertFrequency.WEEKLY
    )
    token = models.CharField(max_length=64, unique=True, default=_new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(_("confirmée le"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(_("désabonnée le"), null=True, blank=True)
    last_sent_at = models.DateTimeField(_("dernier envoi"), null=True, blank=True)

    objects = AlertQuerySet.as_manager()

    class Meta:
        verbose_name = _("alerte")
        verbose_name_plural = _("alertes")
        indexes = [models.Index(fields=["frequency", "confirmed_at"], name="alert_due_idx")]

    def __str__(self):
        return f"{self.email} — {self.query or '(tout le catalogue)'}"

    @property
    def is_active(self) -> bool:
        return self.confirmed_at is not None and self.unsubscribed_at is None


class AlertDelivery(models.Model):
    """An initiative already sent for an alert: it is never sent twice for that alert."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="deliveries")
    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="alert_deliveries"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("envoi d’alerte")
        verbose_name_plural = _("envois d’alerte")
        constraints = [
            models.UniqueConstraint(fields=["alert", "initiative"], name="alert_delivery_unique")
        ]

    def __str__(self):
        return f"{self.alert} ← {self.initiative}"
