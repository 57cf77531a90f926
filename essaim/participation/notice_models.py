"""Notifications: follows, each person's e-mail frequency, the events worth telling, what was sent.

A `Notice` is one event (a new proposal, a support, a comment, an answer, a merge) recorded
once by the service that caused it. `NoticeDelivery` records that a person was told about it,
in an immediate e-mail or a digest: a unique pair, so nobody hears of one event twice.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.participation.enums import DigestFrequency, NoticeKind


class Follow(models.Model):
    """Someone follows a campaign or a proposal (how often they hear: `EmailPreference`)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_follows"
    )
    campaign = models.ForeignKey(
        "participation.Campaign",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    proposal = models.ForeignKey(
        "participation.Proposal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="follows",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(campaign__isnull=True) ^ models.Q(proposal__isnull=True),
                name="follow_one_target",
            ),
            models.UniqueConstraint(
                fields=["user", "campaign"],
                condition=models.Q(campaign__isnull=False),
                name="follow_unique_campaign",
            ),
            models.UniqueConstraint(
                fields=["user", "proposal"],
                condition=models.Q(proposal__isnull=False),
                name="follow_unique_proposal",
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.campaign or self.proposal}"


class EmailPreference(models.Model):
    """How often one person wants e-mails about what they follow (all their follows)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participation_emails"
    )
    frequency = models.CharField(
        _("fréquence des courriels"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.DAILY,
    )
    last_digest_at = models.DateTimeField(_("dernier résumé"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("préférence de courriels")
        verbose_name_plural = _("préférences de courriels")
        indexes = [models.Index(fields=["frequency", "last_digest_at"], name="emailpref_due")]

    def __str__(self):
        return f"{self.user} : {self.get_frequency_display()}"


class Notice(models.Model):
    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="notices"
    )
    proposal = models.ForeignKey(
        "participation.Proposal",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
    )
    kind = models.CharField(_("événement"), max_length=12, choices=NoticeKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    detail = models.CharField(_("précision"), max_length=200, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("événement notifié")
        verbose_name_plural = _("événements notifiés")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["proposal", "id"], name="notice_by_proposal"),
            models.Index(fields=["campaign", "kind", "id"], name="notice_by_campaign"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.proposal or self.campaign}"


class NoticeDelivery(models.Model):
    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="deliveries")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("envoi de notification")
        verbose_name_plural = _("envois de notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "notice"], name="noticedelivery_unique")
        ]

    def __str__(self):
        return f"{self.user} ← {self.notice}"
