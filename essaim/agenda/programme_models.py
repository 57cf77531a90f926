"""Programmes: editions such as the Mois de l'innovation publique, which federate events.

Imported by `models.py` (use `from essaim.agenda.models import Programme`).
"""

import datetime
from zoneinfo import ZoneInfo

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

PARIS = ZoneInfo("Europe/Paris")


class ProgrammeQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def current(self):
        """Not archived: the editions the agenda lists."""
        return self.filter(archived_at__isnull=True)

    def open_for_submissions(self, *, today=None):
        """Programmes whose call for events is open today (both dates included); an archived
        programme's call is closed."""
        today = today or timezone.localdate()
        return self.current().filter(call_opens_on__lte=today, call_closes_on__gte=today)


class Programme(models.Model):
    """An edition that federates events: dates, coordinators, territories, themes, a call."""

    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("adresse courte"), max_length=220, unique=True)
    summary = models.CharField(_("en une phrase"), max_length=300, blank=True)
    description = models.TextField(_("présentation"), blank=True)
    starts_on = models.DateField(_("premier jour"))
    ends_on = models.DateField(_("dernier jour"))
    coordinator = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation coordinatrice"),
        on_delete=models.PROTECT,
        related_name="coordinated_programmes",
        help_text=_("Ses éditeurs et administrateurs modèrent les événements proposés."),
    )
    territories = models.ManyToManyField(
        "core.Territory",
        verbose_name=_("territoires couverts"),
        related_name="programmes",
        blank=True,
        help_text=_("Laissez vide pour un programme national."),
    )
    themes = models.ManyToManyField(
        "catalogue.Theme", verbose_name=_("thèmes"), related_name="programmes", blank=True
    )
    call_opens_on = models.DateField(_("ouverture de l’appel à événements"), null=True, blank=True)
    call_closes_on = models.DateField(_("clôture de l’appel à événements"), null=True, blank=True)
    aggregated_organisations = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("agendas agrégés"),
        related_name="aggregated_into_programmes",
        blank=True,
        help_text=_(
            "Les événements publiés de ces organisations qui tombent dans les dates et les "
            "thèmes du programme y figurent automatiquement."
        ),
    )
    website = models.URLField(_("site internet"), blank=True)
    is_published = models.BooleanField(_("publié"), default=True)
    # An archived edition leaves the list of current programmes and closes its call; its page
    # and its events stay readable.
    archived_at = models.DateTimeField(_("archivé le"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="programme_ends_after_start",
                violation_error_message=_(
                    "Le dernier jour du programme doit suivre ou égaler le premier."
                ),
            ),
            models.CheckConstraint(
                condition=Q(call_opens_on__isnull=True)
                | Q(call_closes_on__isnull=True)
                | Q(call_closes_on__gte=models.F("call_opens_on")),
                name="programme_call_closes_after_open",
                violation_error_message=_(
                    "La clôture de l’appel à événements doit suivre son ouverture."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("agenda:programme", args=[self.slug])

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

    def call_is_open(self, *, today=None) -> bool:
        today = today or timezone.localdate()
        return bool(
            not self.is_archived
            and self.call_opens_on
            and self.call_closes_on
            and self.call_opens_on <= today <= self.call_closes_on
        )

    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        """Midnight in Paris on its first day, and midnight after its last day (aware)."""
        first = datetime.datetime.combine(self.starts_on, datetime.time.min, tzinfo=PARIS)
        after = datetime.datetime.combine(
            self.ends_on + datetime.timedelta(days=1), datetime.time.min, tzinfo=PARIS
        )
        return first, after

    def covers(self, starts_at, ends_at) -> bool:
        """Whether something from `starts_at` to `ends_at` (a session, an event from its
        first start to its last end) takes place, even partly, during the programme's days
        (Paris time)."""
        first, after = self.bounds()
        return starts_at < after and ends_at > first
