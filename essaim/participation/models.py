"""Consultations: spaces, campaigns, their phases and themes, proposals and supports.

Discussion (comments, reports, moderation, merges) lives in `discussion_models`, selection
(jury, scores, subjects, workshops, answers) in `selection_models`; all are re-exported here.
"""

import secrets

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.core.text import fold
from essaim.participation.enums import (
    ACTIVE_STATES,
    PUBLIC_STATES,
    Audience,
    PhaseKind,
    ProposalState,
)


class Space(models.Model):
    """A place that groups the campaigns of several partners (e.g. « Citoyens en communs »)."""

    slug = models.SlugField(_("adresse courte"), max_length=120, unique=True)
    name = models.CharField(_("nom"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)
    partners = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("partenaires"), related_name="+", blank=True
    )

    class Meta:
        verbose_name = _("espace de participation")
        verbose_name_plural = _("espaces de participation")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("participation:space", args=[self.slug])


class CampaignQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Campaign(models.Model):
    """A question asked to an audience, run by one or more organisations, in dated phases."""

    slug = models.SlugField(_("adresse courte"), max_length=120, unique=True)
    title = models.CharField(_("titre"), max_length=200)
    question = models.CharField(_("question posée"), max_length=500)
    context = models.TextField(_("contexte"), blank=True)
    space = models.ForeignKey(
        Space,
        verbose_name=_("espace"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="campaigns",
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("organisateurs"), related_name="campaigns"
    )
    audience = models.CharField(
        _("public"), max_length=10, choices=Audience.choices, default=Audience.OPEN
    )
    audience_organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("organisations dont les agents participent"),
        related_name="+",
        blank=True,
    )
    audience_email_domains = models.CharField(
        _("domaines de messagerie admis"),
        max_length=500,
        blank=True,
        help_text=_("Séparés par des virgules, par exemple « lenord.fr, dinum.gouv.fr »."),
    )
    supports_per_person = models.PositiveIntegerField(
        _("soutiens par personne"),
        null=True,
        blank=True,
        help_text=_("Laisser vide pour ne pas limiter."),
    )
    edit_window_minutes = models.PositiveIntegerField(
        _("délai de modification (minutes)"), default=60
    )
    auto_hide_reports = models.PositiveSmallIntegerField(
        _("signalements avant masquage automatique"), default=3
    )
    is_published = models.BooleanField(_("publiée"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-created_at", "pk"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("participation:campaign", args=[self.slug])

    @property
    def email_domains(self) -> list[str]:
        return [
            d.strip().lstrip("@").lower()
            for d in self.audience_email_domains.split(",")
            if d.strip()
        ]


class CampaignTheme(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="themes")
    slug = models.SlugField(_("adresse courte"), max_length=80)
    name = models.CharField(_("nom"), max_length=120)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "slug"], name="campaigntheme_unique_slug")
        ]

    def __str__(self):
        return self.name


class Phase(models.Model):
    """A dated phase: open from `starts_at` (included) to `ends_at` (excluded), by itself."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("phase"), max_length=12, choices=PhaseKind.choices)
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["campaign", "kind"], name="phase_unique_kind"),
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="phase_ends_after_start",
                violation_error_message=_("La fin d’une phase doit suivre son début."),
            ),
        ]

    def __str__(self):
        return self.get_kind_display()

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.starts_at <= at < self.ends_at

    def status(self, at=None) -> str:
        at = at or timezone.now()
        if at < self.starts_at:
            return "upcoming"
        return "open" if at < self.ends_at else "closed"


class Criterion(models.Model):
    """A criterion of the jury's scoring grid."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("critère"), max_length=120)
    description = models.CharField(_("description"), max_length=300, blank=True)
    max_score = models.PositiveSmallIntegerField(_("note maximale"), default=5)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


class ProposalQuerySet(models.QuerySet):
    def public(self):
        """What anyone sees: not drafts, not hidden by moderation."""
        return self.filter(state__in=PUBLIC_STATES, hidden_at__isnull=True)

    def active(self):
        """Public proposals that can still be supported, commented on or merged."""
        return self.filter(state__in=ACTIVE_STATES, hidden_at__isnull=True)


def attachment_path(instance, filename):
    """A folder no one can guess: the file is only served by `proposal_views.attachment`,
    which checks the proposal may be read."""
    return f"participation/{instance.campaign_id}/{secrets.token_urlsafe(16)}/{filename}"


class Proposal(models.Model):
    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="proposals")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("titre"), max_length=150)
    body = models.TextField(_("description"), max_length=5000)
    theme = models.ForeignKey(
        CampaignTheme,
        verbose_name=_("thème"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    commune = models.ForeignKey(
        "core.Territory",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    attachment = models.FileField(
        _("pièce jointe"), upload_to=attachment_path, blank=True, max_length=300
    )
    anonymous = models.BooleanField(_("publier sans mon nom"), default=False)
    state = models.CharField(
        _("état"), max_length=10, choices=ProposalState.choices, default=ProposalState.DRAFT
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("fusionnée dans"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_sources",
    )
    support_count = models.PositiveIntegerField(_("soutiens"), default=0)
    comment_count = models.PositiveIntegerField(_("commentaires"), default=0)
    search_text = models.TextField(editable=False, default="")
    hidden_at = models.DateTimeField(_("masquée le"), null=True, blank=True)
    hidden_reason = models.CharField(_("motif du masquage"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposition")
        verbose_name_plural = _("propositions")
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["campaign", "state", "-support_count", "-id"], name="proposal_by_support"
            ),
            models.Index(
                fields=["campaign", "state", "-published_at", "-id"], name="proposal_by_date"
            ),
            # The public list (every state but drafts, not hidden) read in order, 20 at a time:
            # with a frequent word PostgreSQL walks this index and stops at the 20th match.
            models.Index(
                fields=["campaign", "-support_count", "-id"],
                condition=models.Q(hidden_at__isnull=True),
                name="proposal_visible_by_support",
            ),
            models.Index(
                fields=["campaign", "-published_at", "-id"],
                condition=models.Q(hidden_at__isnull=True),
                name="proposal_visible_by_date",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.search_text = fold(f"{self.title} {self.body}")
        super().save(*args, **kwargs)
        fields = kwargs.get("update_fields")
        if fields is None or {"title", "body"} & set(fields):
            # Keeps « proposals that mean the same thing » exact, whoever saves the text.
            from essaim.participation.similarity_index import index_proposal

            index_proposal(self)

    def get_absolute_url(self):
        return reverse("participation:proposal", args=[self.campaign.slug, self.pk])

    @property
    def author_label(self) -> str:
        """The name the public sees: never the author's when they asked for anonymity."""
        if self.anonymous:
            return str(_("Participant ou participante anonyme"))
        return self.author.display_name

    @property
    def is_public(self) -> bool:
        return self.state in PUBLIC_STATES and self.hidden_at is None


class Support(models.Model):
    """One person's support of one proposal; `carried_from` marks a support moved by a merge."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    carried_from = models.ForeignKey(
        Proposal, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("soutien")
        verbose_name_plural = _("soutiens")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="support_unique_person")
        ]
        indexes = [models.Index(fields=["user", "proposal"], name="support_by_user")]

    def __str__(self):
        return f"{self.user} → {self.proposal}"


class FiguresSnapshot(models.Model):
    """The last computed figures of a campaign (`figures.campaign_figures`), shared by every
    worker: pages read it, a background task recomputes it (see `figures.shown_figures`)."""

    campaign = models.OneToOneField(
        Campaign, on_delete=models.CASCADE, primary_key=True, related_name="figures_snapshot"
    )
    data = models.JSONField(encoder=DjangoJSONEncoder)
    computed_at = models.DateTimeField()
    # Set when a refresh is queued, cleared when the task starts computing: one task at a time.
    requested_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("chiffres calculés d’une consultation")
        verbose_name_plural = _("chiffres calculés des consultations")

    def __str__(self):
        return f"{self.campaign_id} @ {self.computed_at:%Y-%m-%d %H:%M}"


from essaim.participation.discussion_models import (  # noqa: E402
    Comment,
    Merge,
    ModerationLog,
    Report,
)
from essaim.participation.notice_models import (  # noqa: E402
    EmailPreference,
    Follow,
    Notice,
    NoticeDelivery,
)
from essaim.participation.selection_models import (  # noqa: E402
    Answer,
    Conflict,
    JuryMember,
    Score,
    Subject,
    Workshop,
)
from essaim.participation.similarity_models import (  # noqa: E402
    CampaignTerm,
    ProposalTerm,
)

__all__ = [
    "Answer",
    "Campaign",
    "CampaignTerm",
    "CampaignTheme",
    "Comment",
    "Conflict",
    "Criterion",
    "EmailPreference",
    "FiguresSnapshot",
    "Follow",
    "JuryMember",
    "Merge",
    "ModerationLog",
    "Notice",
    "NoticeDelivery",
    "Phase",
    "Proposal",
    "ProposalTerm",
    "Report",
    "Score",
    "Space",
    "Subject",
    "Support",
    "Workshop",
]
