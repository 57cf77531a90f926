"""Initiatives of public innovation, their stages, results, images, and the labs behind them."""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from essaim.catalogue.enums import (
    Beneficiary,
    GovernmentLevel,
    InnovationFacet,
    PublicationState,
    Stage,
)
from essaim.catalogue.search_text import html_to_text
from essaim.core.models import LocatedByLevels
from essaim.core.slugs import unique_slug
from essaim.core.text import fold

__all__ = [
    "Beneficiary",
    "GovernmentLevel",
    "Indicator",
    "Initiative",
    "InitiativeImage",
    "InitiativeLink",
    "InnovationFacet",
    "LabFigure",
    "LabProfile",
    "PublicationState",
    "Stage",
    "StageChange",
    "Theme",
]

EDITOR_ROLES = ("editor", "admin")
MODERATE_PERMISSION = "catalogue.moderate_initiative"


class Theme(models.Model):
    """An entry of the managed list of themes (santé, emploi, inclusion numérique…)."""

    slug = models.SlugField(_("adresse courte"), max_length=60, unique=True)
    name = models.CharField(_("nom"), max_length=80, unique=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")
        ordering = ["position", "name"]

    def __str__(self):
        return self.name


class InitiativeQuerySet(models.QuerySet):
    def published(self):
        """What the public catalogue lists: published initiatives only."""
        return self.filter(publication_state=PublicationState.PUBLISHED)

    def public(self):
        """What anyone may open: published and archived initiatives (drafts never)."""
        return self.filter(
            publication_state__in=[PublicationState.PUBLISHED, PublicationState.ARCHIVED]
        )

    def editable_by(self, user):
        """Initiatives `user` may edit: editors/admins of a carrier or supporting lab, operators."""
        if not user.is_authenticated:
            return self.none()
        if user.is_superuser or user.has_perm(MODERATE_PERMISSION):
            return self.all()
        from essaim.accounts.models import Membership

        editor_of = Membership.objects.filter(user=user, role__in=EDITOR_ROLES).values(
            "organisation_id"
        )
        through_carriers = Initiative.carriers.through.objects.filter(
            initiative_id=OuterRef("pk"), organisation_id__in=editor_of
        )
        through_labs = Initiative.labs.through.objects.filter(
            initiative_id=OuterRef("pk"), organisation_id__in=editor_of
        )
        return self.filter(Exists(through_carriers) | Exists(through_labs) | Q(created_by=user))

    def visible_to(self, user):
        """Published and archived initiatives, plus the drafts `user` may edit."""
        if not user.is_authenticated:
            return self.public()
        editable = self.editable_by(user).values("pk")
        return self.filter(
            Q(publication_state__in=[PublicationState.PUBLISHED, PublicationState.ARCHIVED])
            | Q(pk__in=editable)
        )

    def with_spread(self):
        """Annotate `has_spread`: taken up elsewhere by at least one published initiative."""
        return self.annotate(has_spread=Exists(spread_subquery()))


def spread_subquery():
    return Initiative.objects.filter(
        origin_id=OuterRef("pk"), publication_state=PublicationState.PUBLISHED
    )


class Initiative(LocatedByLevels):
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse courte"), max_length=220, unique=True)
    pitch = models.CharField(
        _("en une phrase"),
        max_length=300,
        help_text=_("Ce que fait l’initiative, en une phrase de 300 caractères au plus."),
    )
    problem = models.TextField(_("le problème"), blank=True)
    solution = models.TextField(_("la solution"), blank=True)
    lessons = models.TextField(_("enseignements"), blank=True)
    beneficiaries = models.JSONField(
        _("bénéficiaires"),
        default=list,
        blank=True,
        help_text=_("Liste de valeurs de Beneficiary (usagers, agents…)."),
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), related_name="initiatives", blank=True
    )
    carriers = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("organisations porteuses"),
        related_name="carried_initiatives",
        blank=True,
    )
    labs = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("laboratoires d’appui"),
        related_name="supported_initiatives",
        limit_choices_to={"kind": "lab"},
        blank=True,
    )
    territory = models.ForeignKey(
        "core.Territory",
        verbose_name=_("territoire"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="initiatives",
        help_text=_("Commune, département ou région. Laissez vide pour une initiative nationale."),
    )
    is_national = models.BooleanField(_("portée nationale"), default=False)
    stage = models.CharField(_("étape"), max_length=12, choices=Stage.choices, default=Stage.IDEA)
    stopped_reason = models.TextField(_("raison de l’arrêt"), blank=True)
    started_on = models.DateField(_("date de lancement"), null=True, blank=True)
    budget_eur = models.DecimalField(
        _("budget (euros)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    funding = models.TextField(_("financements"), blank=True)
    website = models.URLField(_("site internet"), blank=True)
    video_url = models.URLField(_("vidéo"), blank=True)
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    facet = models.CharField(
        _("type d’innovation"), max_length=20, choices=InnovationFacet.choices, blank=True
    )
    government_level = models.CharField(
        _("niveau d’administration"), max_length=20, choices=GovernmentLevel.choices, blank=True
    )
    origin = models.ForeignKey(
        "self",
        verbose_name=_("initiative d’origine"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="replications",
        help_text=_("L’initiative reprise ici (essaimage)."),
    )
    publication_state = models.CharField(
        _("état de publication"),
        max_length=10,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
    )
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("publiée par"),
    )
    archived_at = models.DateTimeField(_("archivée le"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("archivée par"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_initiatives",
        verbose_name=_("créée par"),
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifiée le"), auto_now=True)
    # Search: folded text of everything searchable (SQLite) and, on PostgreSQL, a tsvector
    # kept up to date by a trigger from title, pitch and search_document (see migrations).
    search_title = models.CharField(max_length=200, editable=False, default="")
    search_document = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        ordering = ["-published_at", "-pk"]
        permissions = [("moderate_initiative", "Modérer les initiatives publiées")]
        indexes = [
            # On PostgreSQL, rebuilt NULLS LAST to match the default order (migration 0005).
            models.Index(fields=["publication_state", "-published_at"], name="initiative_pub_idx"),
            models.Index(fields=["publication_state", "stage"], name="initiative_stage_idx"),
            models.Index(fields=["publication_state", "region"], name="initiative_region_idx"),
            models.Index(
                fields=["publication_state", "department"], name="initiative_department_idx"
            ),
            models.Index(fields=["publication_state", "title"], name="initiative_title_idx"),
            models.Index(fields=["updated_at"], name="initiative_updated_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(origin=models.F("pk")), name="initiative_not_own_origin"
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(
                Initiative.objects.exclude(pk=self.pk),
                self.title,
                fallback="initiative",
                reserved=RESERVED_SLUGS,
            )
        self.locate_in(self.territory)
        self.search_title = fold(self.title)[:200]
        self.search_document = self.compose_search_document()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "search_title",
                "search_document",
                "region",
                "department",
            }
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("catalogue:detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.publication_state == PublicationState.PUBLISHED

    @property
    def is_draft(self) -> bool:
        return self.publication_state == PublicationState.DRAFT

    def get_beneficiaries_display(self) -> list[str]:
        labels = dict(Beneficiary.choices)
        return [str(labels[b]) for b in self.beneficiaries or [] if b in labels]

    def compose_search_document(self) -> str:
        """The folded text searched on SQLite (and weighted C in the PostgreSQL vector).

        Related names (themes, carriers, labs, territory) are included once the initiative
        has a primary key: call `services.refresh_search_document` after changing them.
        """
        parts = [
            self.title,
            self.pitch,
            html_to_text(self.problem),
            html_to_text(self.solution),
            html_to_text(self.lessons),
            self.funding,
        ]
        parts += [str(label) for label in self.get_beneficiaries_display()]
        if self.territory_id:
            parts.append(self.territory.name)
        if self.pk:
            parts += [t.name for t in self.themes.all()]
            parts += [o.name for o in self.carriers.all()]
            parts += [o.name for o in self.labs.all()]
        return fold(" ".join(p for p in parts if p))


# The fixed words of the catalogue's URLs (/initiatives/<word>/…): an initiative's page is
# /initiatives/<slug>/, so a slug must never be one of them (a test checks the URLconf).
RESERVED_SLUGS = frozenset({"alertes", "carte", "export", "laboratoires", "moderation", "nouvelle"})


class StageChange(models.Model):
    """One dated step of an initiative's history (idée → … → pérennisée, or arrêtée)."""

    initiative = models.ForeignKey(
        Initiative, on_delete=models.CASCADE, related_name="stage_changes"
    )
    stage = models.CharField(_("étape"), max_length=12, choices=Stage.choices)
    date = models.DateField(_("date"))
    note = models.TextField(_("précisions"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("changement d’étape")
        verbose_name_plural = _("changements d’étape")
        ordering = ["date", "pk"]

    def __str__(self):
        return f"{self.get_stage_display()} ({self.date:%d/%m/%Y})"


class Indicator(models.Model):
    """A typed result: "140 000 clients testés", "120 propositions"."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="indicators")
    label = models.CharField(_("intitulé"), max_length=200)
    value = models.DecimalField(_("valeur"), max_digits=18, decimal_places=2)
    unit = models.CharField(_("unité"), max_length=60, blank=True)
    measured_on = models.DateField(_("date de la mesure"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("indicateur")
        verbose_name_plural = _("indicateurs")
        ordering = ["position", "pk"]

    def __str__(self):
        return f"{self.label} : {self.value} {self.unit}".strip()


class InitiativeLink(models.Model):
    """Any other link worth following (press article, report, source code…)."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="links")
    label = models.CharField(_("intitulé"), max_length=200)
    url = models.URLField(_("adresse"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.label


class InitiativeImage(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), upload_to="initiatives/%Y/%m/")
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Décrivez ce que montre l’image pour qui ne la voit pas."),
    )
    caption = models.CharField(_("légende"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.alt_text


# Models kept in their own modules (labs, history of changes, saved-search alerts): imported
# here so that Django registers them with the catalogue app.
from essaim.catalogue.alerts_models import Alert, AlertDelivery  # noqa: E402
from essaim.catalogue.history import Revision  # noqa: E402
from essaim.catalogue.lab_models import LabFigure, LabProfile  # noqa: E402

__all__ += ["Alert", "AlertDelivery", "Revision"]
