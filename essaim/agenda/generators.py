"""Bulk generators of the agenda (`essaim generate events|registrations --count N`).

For benchmarks: events are written with `bulk_create` in batches, the search text computed in
Python; registrations with one COPY on PostgreSQL (500,000 in seconds), place counters set in
one UPDATE at the end. Events spread over a year around today, across the existing
organisations, communes and themes; one event in 60, at most 300 per run, belongs to the
"Programme de charge" (exactly 300 for 18,000 events or more), so its feed can be measured.
"""

import datetime
import uuid
from zoneinfo import ZoneInfo

from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.text import slugify

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.agenda.enums import (
    Audience,
    EventFormat,
    Mode,
    ModerationState,
    RegistrationMode,
    RegistrationStatus,
)
from essaim.agenda.models import Event, EventSession, Programme, Registration
from essaim.catalogue.generate import _insert as insert_rows  # COPY on PostgreSQL
from essaim.catalogue.models import Theme
from essaim.core.generators import register
from essaim.core.models import Commune
from essaim.core.text import fold

BATCH = 1000
COPY_BATCH = 50_000
PARIS = ZoneInfo("Europe/Paris")
LOAD_PROGRAMME = "programme-de-charge"
PROGRAMME_SHARE = 60
PROGRAMME_EVENTS = 300
SUBJECTS = [
    "la simplification des démarches",
    "l’accueil des usagers",
    "la donnée publique",
    "le design des politiques publiques",
    "l’inclusion numérique",
    "la participation citoyenne",
    "la transition écologique",
    "les sciences comportementales",
    "le management innovant",
    "l’achat public innovant",
]
TITLES = {
    EventFormat.WEBINAR: "Webinaire : {subject}",
    EventFormat.CONFERENCE: "Conférence sur {subject}",
    EventFormat.ROUND_TABLE: "Table ronde : {subject} en {place}",
    EventFormat.WORKSHOP: "Atelier participatif sur {subject}",
    EventFormat.HACKATHON: "Hackathon de {place} : {subject}",
    EventFormat.TRAINING: "Se former à {subject}",
    EventFormat.PODCAST: "Podcast : {subject}",
    EventFormat.VISIT: "Visite apprenante à {place}",
    EventFormat.SEMINAR: "Séminaire : {subject}",
}


def _organisations(rng) -> list[tuple[int, str]]:
    organisations = list(Organisation.objects.values_list("pk", "name")[:5000])
    if not organisations:
        for name in ("Laboratoire d’innovation de démonstration", "Mairie de démonstration"):
            organisation = Organisation.objects.create(name=name, kind=OrganisationKind.LAB)
            organisations.append((organisation.pk, organisation.name))
    return organisations


def _programme() -> Programme:
    today = timezone.localdate()
    organisation = Organisation.objects.order_by("pk").first()
    programme, _created = Programme.objects.get_or_create(
        slug=LOAD_PROGRAMME,
        defaults={
            "name": "Programme de charge",
            "starts_on": today - datetime.timedelta(days=180),
            "ends_on": today + datetime.timedelta(days=180),
            "coordinator": organisation,
        },
    )
    return programme


def _sessions(rng, today) -> list[tuple[datetime.datetime, datetime.datetime]]:
    day = today + datetime.timedelta(days=rng.randint(-180, 180))
    hour = rng.choice([9, 10, 14, 16, 18])
    sessions = []
    for _ in range(rng.choice([1, 1, 1, 1, 2, 3])):
        start = datetime.datetime.combine(day, datetime.time(hour), tzinfo=PARIS)
        sessions.append((start, start + datetime.timedelta(minutes=rng.choice([60, 90, 120, 180]))))
        day += datetime.timedelta(days=rng.choice([1, 7]))
    return sessions


@register("events", help="événements vraisemblables (formats, séances, lieux, publics, thèmes)")
def generate_events(*, count: int, rng) -> int:
    """Create `count` published events with their sessions and themes, in bulk.

    Side effects: saves Event, EventSession and theme rows (and a "Programme de charge").
    """
    organisations = _organisations(rng)
    communes = list(
        Commune.objects.filter(population__gte=5000).values_list(
            "pk", "name", "parent_id", "region_id"
        )
    ) or [(None, "France", None, None)]
    theme_ids = list(Theme.objects.values_list("pk", flat=True))
    programme = _programme()
    today, now = timezone.localdate(), timezone.now()
    in_programme = set(
        rng.sample(range(count), min(PROGRAMME_EVENTS, max(count // PROGRAMME_SHARE, 1)))
    )
    created = 0
    while created < count:
        size = min(BATCH, count - created)
        events, sessions_of = [], []
        for index in range(created, created + size):
            format_ = rng.choice(list(TITLES))
            commune_id, place, department_id, region_id = rng.choice(communes)
            organiser_id, organiser_name = rng.choice(organisations)
            title = TITLES[format_].format(subject=rng.choice(SUBJECTS), place=place)
            summary = f"{organiser_name} propose un temps d’échange sur {rng.choice(SUBJECTS)}."
            mode = rng.choice(Mode.values)
            sessions = _sessions(rng, today)
            events.append(
                Event(
                    uid=uuid.UUID(int=rng.getrandbits(128), version=4),
                    programme=programme if index in in_programme else None,
                    title=title,
                    slug=f"{slugify(title)[:150]}-{uuid.UUID(int=rng.getrandbits(128)).hex[:12]}",
                    summary=summary,
                    format=format_,
                    mode=mode,
                    commune_id=None if mode == Mode.ONLINE else commune_id,
                    department_id=None if mode == Mode.ONLINE else department_id,
                    region_id=None if mode == Mode.ONLINE else region_id,
                    online_url="" if mode == Mode.ONSITE else "https://visio.exemple.fr/salle",
                    organiser_id=organiser_id,
                    audiences=rng.sample(Audience.values, rng.randint(1, 2)),
                    accessible_motor=rng.random() < 0.3,
                    accessible_hearing=rng.random() < 0.1,
                    has_subtitles=rng.random() < 0.2,
                    registration_mode=RegistrationMode.ESSAIM,
                    capacity=rng.choice([None, 20, 50, 100, 300]),
                    starts_at=sessions[0][0],
                    ends_at=sessions[-1][1],
                    moderation_state=ModerationState.PUBLISHED,
                    published_at=now,
                    search_document=fold(f"{title} {summary} {organiser_name} {place}"),
                )
            )
            sessions_of.append(sessions)
        Event.objects.bulk_create(events, batch_size=BATCH)
        EventSession.objects.bulk_create(
            [
                EventSession(event=event, starts_at=start, ends_at=end)
                for event, sessions in zip(events, sessions_of, strict=True)
                for start, end in sessions
            ],
            batch_size=BATCH,
        )
        if theme_ids:
            Event.themes.through.objects.bulk_create(
                [
                    Event.themes.through(event_id=event.pk, theme_id=theme_id)
                    for event in events
                    for theme_id in rng.sample(theme_ids, rng.randint(1, min(2, len(theme_ids))))
                ],
                batch_size=BATCH,
            )
        created += size
    return created


def _recount_all() -> None:
    def counted(status):
        return Coalesce(
            Subquery(
                Registration.objects.filter(event_id=OuterRef("pk"), status=status)
                .values("event_id")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )

    Event.objects.update(
        confirmed_count=counted(RegistrationStatus.CONFIRMED),
        waitlist_count=counted(RegistrationStatus.WAITLISTED),
    )


def _registration_rows(events, *, count: int, rng, now):
    """Plain rows (attname → value): `count` spread evenly over `events`, confirmed
    within each capacity, waitlisted beyond."""
    per_event, extra = divmod(count, len(events))
    serial = Registration.objects.count()
    for index, (event_id, capacity, confirmed) in enumerate(events):
        for _ in range(per_event + (index < extra)):
            serial += 1
            has_place = capacity is None or confirmed < capacity
            confirmed += has_place
            yield {
                "uid": uuid.UUID(int=rng.getrandbits(128), version=4),
                "event_id": event_id,
                "email": f"inscrit{serial}@exemple.fr",
                "name": f"Participant {serial}",
                "status": RegistrationStatus.CONFIRMED
                if has_place
                else RegistrationStatus.WAITLISTED,
                "token": uuid.UUID(int=rng.getrandbits(128)).hex,
                "email_confirmed_at": now,
                "confirmed_at": now if has_place else None,
                "waitlisted_at": None if has_place else now,
            }


@register("registrations", help="inscriptions aux événements existants (places et liste d’attente)")
def generate_registrations(*, count: int, rng) -> int:
    """Create `count` registrations without account, spread over the existing events,
    confirmed within capacity and waitlisted beyond; then recount every event's places.

    PostgreSQL: COPY in batches of 50,000 (500,000 rows in about two minutes on a busy
    2-core machine, mostly index upkeep); elsewhere bulk_create.
    Side effects: saves Registration rows; updates every event's counters.
    """
    events = list(
        Event.objects.filter(Q(capacity__isnull=True) | Q(capacity__gt=0))
        .order_by("pk")
        .values_list("pk", "capacity", "confirmed_count")
    )
    if not events:
        return 0
    now = timezone.now()
    created, batch = 0, []
    for row in _registration_rows(events, count=count, rng=rng, now=now):
        batch.append(row)
        if len(batch) >= COPY_BATCH:
            insert_rows(Registration, batch, now=now)
            created, batch = created + len(batch), []
    insert_rows(Registration, batch, now=now)
    created += len(batch)
    _recount_all()
    return created
