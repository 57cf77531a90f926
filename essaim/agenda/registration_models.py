"""Registrations, personal calendar feeds, messages to registrants, imports and the event log.

Imported by `models.py` (use `from essaim.agenda.models import Registration`).
"""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.agenda.enums import ACTIVE_REGISTRATION_STATUSES, LogKind, RegistrationStatus


def new_token() -> str:
    return secrets.token_urlsafe(32)


class RegistrationQuerySet(models.QuerySet):
    def active(self):
        """Registrations that hold a place, wait for one, or wait for their e-mail check."""
        return self.filter(status__in=ACTIVE_REGISTRATION_STATUSES)

    def confirmed(self):
        return self.filter(status=RegistrationStatus.CONFIRMED)

    def waitlist(self):
        """The waiting line, first come first served."""
        return self.filter(status=RegistrationStatus.WAITLISTED).order_by("waitlisted_at", "pk")


class Registration(models.Model):
    """One person's registration to an event (all its sessions). One row per person and event.

    `email` is always filled (the account's address when `user` is set), so that the unique
    constraint holds for registrations with and without an account.
    """

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(
        "agenda.Event", on_delete=models.CASCADE, related_name="registrations"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="event_registrations",
    )
    email = models.EmailField(_("adresse électronique"))
    name = models.CharField(_("nom"), max_length=150, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.PENDING,
    )
    # Secret carried by the signed self-service link (`registration_links`); a new token
    # revokes the links sent before.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(_("inscrit le"), auto_now_add=True)
    email_confirmed_at = models.DateTimeField(_("adresse confirmée le"), null=True, blank=True)
    confirmed_at = models.DateTimeField(_("place confirmée le"), null=True, blank=True)
    waitlisted_at = models.DateTimeField(_("mis en attente le"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("annulé le"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("rappel envoyé le"), null=True, blank=True)
    attended = models.BooleanField(_("présent"), null=True, blank=True)
    attendance_marked_at = models.DateTimeField(null=True, blank=True)
    attendance_marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("inscription")
        verbose_name_plural = _("inscriptions")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "email"], name="registration_unique_email"),
        ]
        indexes = [
            models.Index(fields=["event", "status", "waitlisted_at"], name="registration_line_idx"),
            models.Index(fields=["user", "status"], name="registration_user_idx"),
        ]

    def __str__(self):
        return f"{self.name or self.email} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_REGISTRATION_STATUSES

    @property
    def waitlist_position(self) -> int | None:
        """1 for the first waiting person; None when not on the waitlist."""
        if self.status != RegistrationStatus.WAITLISTED:
            return None
        ahead = Registration.objects.waitlist().filter(event_id=self.event_id)
        ahead = ahead.filter(
            Q(waitlisted_at__lt=self.waitlisted_at)
            | Q(waitlisted_at=self.waitlisted_at, pk__lt=self.pk)
        )
        return ahead.count() + 1


class CalendarFeed(models.Model):
    """The secret address of a person's calendar of registrations (.ics subscription)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="agenda_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agenda personnel")
        verbose_name_plural = _("agendas personnels")

    def __str__(self):
        return str(self.user)


class EventMessage(models.Model):
    """A message an organiser sent to the registrants of an event."""

    event = models.ForeignKey("agenda.Event", on_delete=models.CASCADE, related_name="messages")
    subject = models.CharField(_("objet"), max_length=200)
    body = models.TextField(_("message"), max_length=10000)
    # Which registrants: values of RegistrationStatus (usually confirmed, maybe waitlisted).
    recipient_statuses = models.JSONField(default=list)
    recipients_count = models.PositiveIntegerField(default=0)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("message aux inscrits")
        verbose_name_plural = _("messages aux inscrits")
        ordering = ["-sent_at"]

    def __str__(self):
        return self.subject


class ImportSource(models.TextChoices):
    CSV = "csv", _("Fichier CSV")
    OPENAGENDA = "openagenda", _("Export JSON OpenAgenda")


class EventImport(models.Model):
    """One import of many events: the file's name and the row-by-row report."""

    organiser = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, related_name="event_imports"
    )
    programme = models.ForeignKey(
        "agenda.Programme",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="imports",
    )
    source = models.CharField(max_length=12, choices=ImportSource.choices)
    filename = models.CharField(max_length=255, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    succeeded = models.BooleanField(default=False)
    imported_count = models.PositiveIntegerField(default=0)
    rejected_count = models.PositiveIntegerField(default=0)
    # [{"row": 3, "title": "…", "ok": false, "errors": ["…"]}, …]
    report = models.JSONField(default=list)

    class Meta:
        verbose_name = _("import d’événements")
        verbose_name_plural = _("imports d’événements")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.get_source_display()} — {self.filename}"


class EventLogEntry(models.Model):
    """What happened to an event: moderation, public status, notable changes, messages."""

    event = models.ForeignKey("agenda.Event", on_delete=models.CASCADE, related_name="log")
    kind = models.CharField(max_length=12, choices=LogKind.choices)
    from_value = models.CharField(max_length=20, blank=True)
    to_value = models.CharField(max_length=20, blank=True)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("historique d’événement")
        verbose_name_plural = _("historiques d’événements")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.event_id} {self.kind} {self.from_value}→{self.to_value}"
