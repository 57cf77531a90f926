"""Events and their sessions and speakers; the agenda's other models are re-exported here.

Programmes live in `programme_models.py`; registrations, calendar feeds, messages, imports
and the event log in `registration_models.py`. Import them all from this module.
Times are stored in UTC and shown in Europe/Paris.
"""

import uuid

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from essaim.agenda.enums import (
    Audience,
    EventFormat,
    Language,
    Mode,
    ModerationState,
    PublicStatus,
    RegistrationMode,
)
from essaim.agenda.programme_models import Programme
from essaim.core.models import LocatedByLevels

__all__ = [
    "CalendarFeed",
    "Event",
    "EventImport",
    "EventLogEntry",
    "EventMessage",
    "EventSession",
    "Programme",
    "Registration",
    "Speaker",
]

MODERATE_PERMISSION = "agenda.moderate_event"


class EventQuerySet(models.QuerySet):
    def published(self):
        """What the public sees: published events (of a published programme, or of none)."""
        return self.filter(moderation_state=ModerationState.PUBLISHED).exclude(
            programme__is_published=False
        )

    def upcoming(self, *, now=None):
        return self.filter(ends_at__gte=now or timezone.now())

    def editable_by(self, user):
        """Events `user` may edit: members of the organiser, the programme's coordinators."""
        from essaim.agenda import permissions

        return permissions.events_editable_by(user, self)

    def visible_to(self, user):
        """Published events plus those `user` may edit (drafts, submitted, refused)."""
        if not (user and user.is_authenticated):
            return self.published()
        editable = self.editable_by(user).values("pk")
        return self.filter(Q(pk__in=self.published().values("pk")) | Q(pk__in=editable)).distinct()


def _event_image_path(instance, filename):
    extension = filename.rsplit(".", 1)[-1].lower()[:5] if "." in filename else "jpg"
    return f"agenda/events/{instance.uid}.{extension}"


class Event(LocatedByLevels):
    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        help_text=_("Laissez vide pour un événement de l’agenda de l’organisation."),
    )
    title = models.CharField(_("titre"), max_length=200)
    slug = models.SlugField(_("adresse courte"), max_length=220, unique=True)
    summary = models.CharField(
        _("en une phrase"),
        max_length=300,
        help_text=_("Ce que les participants vont vivre, en 300 caractères au plus."),
    )
    description = models.TextField(_("description"), blank=True)
    format = models.CharField(_("format"), max_length=20, choices=EventFormat.choices)
    mode = models.CharField(_("modalité"), max_length=10, choices=Mode.choices)
    # Where: a commune from the territories, an optional venue and street address.
    venue = models.CharField(_("lieu"), max_length=200, blank=True)
    address = models.CharField(_("adresse"), max_length=300, blank=True)
    commune = models.ForeignKey(
        "core.Territory",
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="events",
        limit_choices_to={"level": "commune"},
    )
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    online_url = models.URLField(_("lien de connexion"), max_length=500, blank=True)
    online_url_registrants_only = models.BooleanField(
        _("lien réservé aux inscrits"),
        default=False,
        help_text=_("Le lien n’apparaît qu’aux personnes inscrites et dans leur courriel."),
    )
    # Who: the organiser owns the event (its members edit it); partners are shown.
    organiser = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisateur"),
        on_delete=models.PROTECT,
        related_name="organised_events",
    )
    partners = models.ManyToManyField(
        "accounts.Organisation",
        verbose_name=_("partenaires"),
        related_name="partnered_events",
        blank=True,
    )
    audiences = models.JSONField(
        _("publics"), default=list, blank=True, help_text=_("Liste de valeurs de Audience.")
    )
    themes = models.ManyToManyField(
        "catalogue.Theme", verbose_name=_("thèmes"), related_name="events", blank=True
    )
    language = models.CharField(
        _("langue"), max_length=8, choices=Language.choices, default=Language.FRENCH
    )
    accessible_hearing = models.BooleanField(_("accessible : handicap auditif"), default=False)
    accessible_intellectual = models.BooleanField(
        _("accessible : handicap intellectuel"), default=False
    )
    accessible_visual = models.BooleanField(_("accessible : handicap visuel"), default=False)
    accessible_psychic = models.BooleanField(_("accessible : handicap psychique"), default=False)
    accessible_motor = models.BooleanField(_("accessible : handicap moteur"), default=False)
    has_subtitles = models.BooleanField(_("sous-titrage"), default=False)
    has_sign_language = models.BooleanField(_("interprétation en LSF"), default=False)
    # Registration.
    registration_mode = models.CharField(
        _("inscription"),
        max_length=10,
        choices=RegistrationMode.choices,
        default=RegistrationMode.NONE,
    )
    registration_url = models.URLField(_("lien d’inscription externe"), max_length=500, blank=True)
    capacity = models.PositiveIntegerField(
        _("nombre de places"),
        null=True,
        blank=True,
        help_text=_("Laissez vide pour un nombre de places illimité."),
    )
    requires_account = models.BooleanField(
        _("inscription avec un compte"),
        default=False,
        help_text=_("Pour les événements réservés aux agents : il faut se connecter."),
    )
    registration_closes_at = models.DateTimeField(
        _("clôture des inscriptions"), null=True, blank=True
    )
    # Counters kept by services under the event's row lock ("places left" filters cheaply).
    confirmed_count = models.PositiveIntegerField(default=0, editable=False)
    waitlist_count = models.PositiveIntegerField(default=0, editable=False)
    image = models.ImageField(_("image"), upload_to=_event_image_path, blank=True)
    image_alt = models.CharField(
        _("texte alternatif de l’image"),
        max_length=250,
        blank=True,
        help_text=_("Décrivez l’image pour les personnes qui ne la voient pas."),
    )
    replay_url = models.URLField(_("lien du replay"), max_length=500, blank=True)
    contact_email = models.EmailField(_("adresse de contact"), blank=True)
    # Denormalised from the sessions by services: first start and last end (UTC).
    starts_at = models.DateTimeField(_("début"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("fin"), null=True, blank=True, editable=False)
    # Lifecycles.
    moderation_state = models.CharField(
        _("état de modération"),
        max_length=10,
        choices=ModerationState.choices,
        default=ModerationState.DRAFT,
    )
    refusal_reason = models.TextField(_("motif du refus"), blank=True)
    submitted_at = models.DateTimeField(_("soumis le"), null=True, blank=True)
    published_at = models.DateTimeField(_("publié le"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("modéré par"),
    )
    status = models.CharField(
        _("statut"), max_length=12, choices=PublicStatus.choices, default=PublicStatus.SCHEDULED
    )
    status_note = models.TextField(
        _("précision sur le statut"),
        blank=True,
        help_text=_("Par exemple la nouvelle date d’un événement reporté."),
    )
    featured = models.BooleanField(_("à la une du programme"), default=False)
    # iCalendar: bumped by services on every change a calendar must reflect (RFC 5545).
    sequence = models.PositiveIntegerField(default=0, editable=False)
    # Imports and duplicates.
    external_source = models.CharField(max_length=20, blank=True, editable=False)
    external_id = models.CharField(max_length=100, blank=True, editable=False)
    duplicated_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="duplicates"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="created_events",
        verbose_name=_("créé par"),
    )
    created_at = models.DateTimeField(_("créé le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("modifié le"), auto_now=True)
    # Search: folded title + summary + description + organisers (SQLite and PostgreSQL);
    # `search_vector` is filled on PostgreSQL only.
    search_document = models.TextField(editable=False, default="")
    search_vector = SearchVectorField(null=True, editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("événement")
        verbose_name_plural = _("événements")
        ordering = ["starts_at", "pk"]
        permissions = [("moderate_event", "Modérer tous les événements")]
        indexes = [
            # `ends_at` third: "upcoming, by start" walks the start order from the first
            # event ever and filters the past ones out in the index, without reading them.
            models.Index(
                fields=["moderation_state", "starts_at", "ends_at"], name="event_pub_start_idx"
            ),
            models.Index(fields=["moderation_state", "ends_at"], name="event_pub_end_idx"),
            models.Index(
                fields=["programme", "moderation_state", "starts_at"], name="event_prog_idx"
            ),
            models.Index(fields=["organiser", "starts_at"], name="event_organiser_idx"),
            models.Index(fields=["region", "starts_at"], name="event_region_idx"),
            models.Index(fields=["department", "starts_at"], name="event_department_idx"),
            models.Index(fields=["format", "starts_at"], name="event_format_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["organiser", "external_source", "external_id"],
                condition=~Q(external_id=""),
                name="event_unique_external_id",
            ),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.locate_in(self.commune)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("agenda:event", args=[self.slug])

    @property
    def is_online(self) -> bool:
        return self.mode in (Mode.ONLINE, Mode.HYBRID) or self.status == PublicStatus.MOVED_ONLINE

    @property
    def has_place(self) -> bool:
        return self.capacity is None or self.confirmed_count < self.capacity

    @property
    def replay_available(self) -> bool:
        """The replay link is shown once the event has begun (a series' replays follow its
        sessions): before, it would only lead to an empty page."""
        return (
            bool(self.replay_url)
            and self.starts_at is not None
            and (self.starts_at <= timezone.now())
        )

    @property
    def places_left(self) -> int | None:
        return None if self.capacity is None else max(self.capacity - self.confirmed_count, 0)

    @property
    def accessibility_labels(self) -> list[str]:
        from essaim.agenda.enums import ACCESSIBILITY_FLAGS

        return [
            label for field, (_key, label) in ACCESSIBILITY_FLAGS.items() if getattr(self, field)
        ]

    def audience_labels(self) -> list[str]:
        return [Audience(value).label for value in self.audiences if value in Audience.values]


class EventSession(models.Model):
    """One occurrence of an event: a webinar, one day of a workshop, one of a series."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="sessions")
    title = models.CharField(
        _("intitulé de la séance"), max_length=200, blank=True, help_text=_("Facultatif.")
    )
    starts_at = models.DateTimeField(_("début"))
    ends_at = models.DateTimeField(_("fin"))

    class Meta:
        verbose_name = _("séance")
        verbose_name_plural = _("séances")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"], name="eventsession_start_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")),
                name="eventsession_ends_after_start",
                violation_error_message=_("La fin de la séance doit suivre son début."),
            )
        ]

    def __str__(self):
        return f"{self.event} — {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"


class Speaker(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("nom"), max_length=150)
    role = models.CharField(
        _("fonction"), max_length=200, blank=True, help_text=_("Fonction et organisation.")
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("intervenant")
        verbose_name_plural = _("intervenants")
        ordering = ["position", "pk"]

    def __str__(self):
        return self.name


from essaim.agenda.registration_models import (  # noqa: E402
    CalendarFeed,
    EventImport,
    EventLogEntry,
    EventMessage,
    Registration,
)
