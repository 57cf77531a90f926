"""Dossiers (files), their history, documents and messages, and the instructors who see them.

Every state change goes through `services` (which reads `enums.TRANSITIONS`); never set
`Dossier.state` directly.
"""

import os
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from essaim.procedures.enums import DECIDED_STATES, DossierState, ScanStatus
from essaim.procedures.form_models import FormVersion, Procedure


class InstructorGroup(models.Model):
    """Instructors of a procedure; dossiers go to the first group whose routing condition holds
    (by position), else to the default group."""

    procedure = models.ForeignKey(
        Procedure, on_delete=models.CASCADE, related_name="instructor_groups"
    )
    name = models.CharField(_("nom"), max_length=120)
    position = models.PositiveIntegerField(_("ordre"), default=0)
    routing_condition = models.JSONField(_("règle d’affectation"), null=True, blank=True)
    is_default = models.BooleanField(_("groupe par défaut"), default=False)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Instructor", related_name="instructor_groups"
    )

    class Meta:
        verbose_name = _("groupe instructeur")
        verbose_name_plural = _("groupes instructeurs")
        ordering = ["procedure", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["procedure", "name"], name="instructorgroup_unique"),
            models.UniqueConstraint(
                fields=["procedure"],
                condition=models.Q(is_default=True),
                name="instructorgroup_one_default",
            ),
        ]

    def __str__(self):
        return self.name


class Instructor(models.Model):
    group = models.ForeignKey(InstructorGroup, on_delete=models.CASCADE, related_name="instructors")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="instructor_seats"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("instructeur")
        verbose_name_plural = _("instructeurs")
        constraints = [models.UniqueConstraint(fields=["group", "user"], name="instructor_unique")]

    def __str__(self):
        return f"{self.user} — {self.group}"


class DossierQuerySet(models.QuerySet):
    def owned_by(self, user):
        """The applicant's own dossiers."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(applicant=user)

    def instructed_by(self, user):
        """Dossiers (never drafts) of the groups `user` instructs."""
        if not user.is_authenticated:
            return self.none()
        return self.exclude(state=DossierState.DRAFT).filter(
            group__in=InstructorGroup.objects.filter(instructors__user=user)
        )

    def visible_to(self, user):
        """Own dossiers plus those `user` instructs."""
        if not user.is_authenticated:
            return self.none()
        return self.filter(
            models.Q(pk__in=self.owned_by(user).values("pk"))
            | models.Q(pk__in=self.instructed_by(user).values("pk"))
        )


class Dossier(models.Model):
    """One person's file for a procedure, filled with one form version.

    `answers` maps field keys to values as `fields.registry` cleans them (JSON types only;
    repeatable blocks hold a list of row dicts; attachments hold
    `{"files": ["<attachment uuid>", …], "missing_reason": ""}`). `revision` grows at every
    save so that two tabs cannot silently overwrite each other.
    """

    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    procedure = models.ForeignKey(Procedure, on_delete=models.PROTECT, related_name="dossiers")
    version = models.ForeignKey(FormVersion, on_delete=models.PROTECT, related_name="dossiers")
    applicant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    state = models.CharField(
        _("état"), max_length=24, choices=DossierState.choices, default=DossierState.DRAFT
    )
    answers = models.JSONField(_("réponses"), default=dict, blank=True)
    annotations = models.JSONField(_("annotations privées"), default=dict, blank=True)
    # What the applicant typed that did not pass validation yet: kept so that nothing is lost
    # and shown back with its error. Never exported, never used in conditions.
    invalid_inputs = models.JSONField(default=dict, blank=True)
    group = models.ForeignKey(
        InstructorGroup,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="dossiers",
    )
    revision = models.PositiveIntegerField(default=0)
    last_step = models.PositiveSmallIntegerField(_("dernière étape vue"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    state_changed_at = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(_("déposé le"), null=True, blank=True)
    instruction_started_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(_("décision le"), null=True, blank=True)
    decision_reason = models.TextField(_("motif"), blank=True)
    # The decision letter as written at decision time (the template may change later).
    decision_letter = models.TextField(_("lettre de décision"), blank=True)
    # A person without an account ("tout le monde"): their address gets the resume link.
    guest_email = models.EmailField(_("adresse du demandeur sans compte"), blank=True)
    correction_message = models.TextField(_("correction demandée"), blank=True)
    correction_deadline = models.DateTimeField(_("à corriger avant"), null=True, blank=True)
    purge_after = models.DateField(_("à supprimer après"), null=True, blank=True)
    purge_warned_at = models.DateTimeField(null=True, blank=True)

    objects = DossierQuerySet.as_manager()

    class Meta:
        verbose_name = _("dossier")
        verbose_name_plural = _("dossiers")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["procedure", "state", "-id"], name="dossier_proc_state"),
            models.Index(fields=["group", "state", "-id"], name="dossier_group_state"),
            # The instructors' table, newest first, read from the index alone (numbers of a
            # page, counts of late dossiers, processing times): the trailing columns are only
            # read, not sorted.
            models.Index(
                fields=[
                    *("group", "state", "-submitted_at", "-id"),
                    *("state_changed_at", "procedure", "decided_at"),
                ],
                name="dossier_group_state_sub",
            ),
            models.Index(
                fields=["group", "-submitted_at", "-id", "state", "procedure"],
                name="dossier_group_sub",
            ),
            models.Index(fields=["applicant", "-updated_at"], name="dossier_applicant"),
            models.Index(fields=["purge_after"], name="dossier_purge"),
        ]

    def __str__(self):
        return f"Dossier n° {self.pk}"

    @property
    def number(self) -> int:
        return self.pk

    @property
    def is_decided(self) -> bool:
        return self.state in DECIDED_STATES

    @property
    def applicant_label(self) -> str:
        """Who applied, for agents and documents: the account's name, or the guest's address."""
        if self.applicant is not None:
            return self.applicant.display_name
        return self.guest_email

    @property
    def applicant_email(self) -> str:
        """Where to write to the applicant: their account's address or the guest's."""
        if self.applicant is not None:
            return "" if self.applicant.anonymised_at else self.applicant.email
        return self.guest_email


class DossierTransition(models.Model):
    """One recorded state change: who, when, from what to what, and why."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="transitions")
    name = models.CharField(max_length=40)
    source = models.CharField(max_length=24, choices=DossierState.choices)
    target = models.CharField(max_length=24, choices=DossierState.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)  # e.g. "Jeton API « IODAS »"
    reason = models.TextField(blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("changement d’état")
        verbose_name_plural = _("changements d’état")
        ordering = ["dossier", "at", "pk"]

    def __str__(self):
        return f"{self.dossier}: {self.source} → {self.target}"


class Message(models.Model):
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    from_applicant = models.BooleanField(default=False)
    body = models.TextField(_("message"), max_length=10000)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["dossier", "created_at", "pk"]

    def __str__(self):
        return f"{self.dossier}: message {self.pk}"


def attachment_path(instance, filename):
    # Never the uploaded name on disk: a random name keeps hostile names out of the filesystem.
    ext = os.path.splitext(filename)[1].lower()[:10]
    return f"procedures/{instance.dossier.public_id}/{uuid.uuid4().hex}{ext}"


class Attachment(models.Model):
    """A document of a dossier: the answer to an attachment field (`field_key`, `row` inside a
    repeatable block), or a message's attachment (`message`). Served only by signed URLs."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="attachments")
    field_key = models.CharField(max_length=60, blank=True)
    row = models.PositiveIntegerField(null=True, blank=True)
    message = models.ForeignKey(
        Message, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(upload_to=attachment_path, max_length=300)
    original_name = models.CharField(_("nom du fichier"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    scan_status = models.CharField(
        max_length=12, choices=ScanStatus.choices, default=ScanStatus.PENDING
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("pièce jointe")
        verbose_name_plural = _("pièces jointes")
        ordering = ["dossier", "uploaded_at"]
        indexes = [models.Index(fields=["dossier", "field_key"], name="attachment_field")]

    def __str__(self):
        return self.original_name
