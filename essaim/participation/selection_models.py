"""Jury, scores, conflicts of interest, subjects, workshops and public answers."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from essaim.participation.enums import AnswerKind


class JuryMember(models.Model):
    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="jurors"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="jury_seats"
    )

    class Meta:
        verbose_name = _("membre du jury")
        verbose_name_plural = _("membres du jury")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "user"], name="jurymember_unique")
        ]

    def __str__(self):
        return self.user.display_name


class Conflict(models.Model):
    """A juror's declared conflict of interest: they do not score this proposal."""

    juror = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="conflicts")
    proposal = models.ForeignKey(
        "participation.Proposal", on_delete=models.CASCADE, related_name="conflicts"
    )
    reason = models.CharField(_("lien avec la proposition"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflit d’intérêts")
        verbose_name_plural = _("conflits d’intérêts")
        constraints = [
            models.UniqueConstraint(fields=["juror", "proposal"], name="conflict_unique")
        ]

    def __str__(self):
        return f"{self.juror} — {self.proposal}"


class Score(models.Model):
    juror = models.ForeignKey(JuryMember, on_delete=models.CASCADE, related_name="scores")
    proposal = models.ForeignKey(
        "participation.Proposal", on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(
        "participation.Criterion", on_delete=models.CASCADE, related_name="scores"
    )
    value = models.PositiveSmallIntegerField(_("note"), validators=[MinValueValidator(0)])
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        constraints = [
            models.UniqueConstraint(fields=["juror", "proposal", "criterion"], name="score_unique")
        ]

    def __str__(self):
        return f"{self.juror} — {self.proposal} — {self.criterion} : {self.value}"


class Answer(models.Model):
    """The public answer to a proposal: retenue, à l’étude or non retenue, with the reason."""

    proposal = models.OneToOneField(
        "participation.Proposal", on_delete=models.CASCADE, related_name="answer"
    )
    kind = models.CharField(_("réponse"), max_length=10, choices=AnswerKind.choices)
    text = models.TextField(_("motif"), max_length=3000)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("réponse publique")
        verbose_name_plural = _("réponses publiques")

    def __str__(self):
        return f"{self.proposal} : {self.get_kind_display()}"


class Subject(models.Model):
    """A selected subject: the proposals behind it, its workshops, the resulting initiative."""

    campaign = models.ForeignKey(
        "participation.Campaign", on_delete=models.CASCADE, related_name="subjects"
    )
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    proposals = models.ManyToManyField(
        "participation.Proposal", verbose_name=_("propositions"), related_name="subjects"
    )
    initiative = models.ForeignKey(
        "catalogue.Initiative",
        verbose_name=_("initiative issue du sujet"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_subjects",
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("sujet retenu")
        verbose_name_plural = _("sujets retenus")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:subject", args=[self.campaign.slug, self.pk])


class Workshop(models.Model):
    """A co-design workshop of a subject. Registration of volunteers is the Agenda's job:
    `event` is the Agenda event (with registration) where volunteers sign up.
    """

    subject = models.ForeignKey(Subject, on_delete=models.CASCADE, related_name="workshops")
    title = models.CharField(_("titre"), max_length=200)
    starts_at = models.DateTimeField(_("début"))
    place = models.CharField(_("lieu"), max_length=200, blank=True)
    event = models.ForeignKey(
        "agenda.Event",
        verbose_name=_("événement de l’agenda (inscriptions)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="consultation_workshops",
    )
    minutes = models.TextField(_("compte rendu"), blank=True)

    class Meta:
        verbose_name = _("atelier")
        verbose_name_plural = _("ateliers")
        ordering = ["starts_at", "pk"]

    def __str__(self):
        return self.title
