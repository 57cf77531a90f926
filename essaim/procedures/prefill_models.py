"""The register of pre-filling links (see `prefill`): who made which link, until when, and
whether it was revoked. The answers stay in the signed link itself, never in this table, except
the link of a builder page (answers an editor typed for a campaign, kept to copy it again)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.procedures.form_models import Procedure
from essaim.procedures.instruction_models import ApiToken


class PrefillLink(models.Model):
    procedure = models.ForeignKey(Procedure, on_delete=models.CASCADE, related_name="prefill_links")
    label = models.CharField(_("nom du lien"), max_length=120, blank=True)
    keys = models.JSONField(_("questions pré-remplies"), default=list, blank=True)
    url = models.TextField(_("adresse du lien"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    api_token = models.ForeignKey(
        ApiToken, null=True, blank=True, on_delete=models.SET_NULL, related_name="prefill_links"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("lien de pré-remplissage")
        verbose_name_plural = _("liens de pré-remplissage")
        ordering = ["procedure", "-created_at"]

    def __str__(self):
        return self.label or f"{self.procedure}: lien {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()
