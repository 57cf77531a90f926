"""Reading the agenda: filtered event lists, a programme's events (own and aggregated).

Pages, feeds, exports and the API all go through `filter_events`, so the same URL means the
same events everywhere.
"""

import datetime
import re
from functools import reduce
from operator import and_, or_
from zoneinfo import ZoneInfo

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from essaim.agenda.enums import ACCESSIBILITY_FLAGS, Mode, PublicStatus
from essaim.agenda.filters import ACCESSIBILITY_PARAMS, EventFilters
from essaim.agenda.models import Event, Programme
from essaim.catalogue.queries import SEARCH_CONFIG
from essaim.core.text import fold

PARIS = ZoneInfo("Europe/Paris")
MAX_SEARCH_WORDS = 8
# "Seine-et-Marne" is indexed as its parts (the document is folded): search the parts too.
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")


def day_start(day: datetime.date) -> datetime.datetime:
    """Midnight in Paris at the start of `day` (aware)."""
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=PARIS)


def audience_q(value: str) -> Q:
    """Events whose `audiences` list holds `value` (JSON containment, portable)."""
    if connection.vendor == "postgresql":
        return Q(audiences__contains=[value])
    return Q(audiences__icontains=f'"{value}"')


def search_q(text: str) -> Q:
    """Events matching `text`, accent- and case-insensitive.

    PostgreSQL: the stored `search_vector` (French stemming + unaccent, kept by a trigger, GIN
    index) matched by `websearch_to_tsquery` ("exact phrase", or, -excluded).
    SQLite: every word of `text` in the folded `search_document`.
    """
    words = fold(text).split()[:MAX_SEARCH_WORDS]
    if not words:
        return Q()
    if connection.vendor == "postgresql":
        query = " ".join(_INNER_HYPHEN.sub(" ", text).split()[:MAX_SEARCH_WORDS])
        return Q(search_vector=SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG))
    return reduce(and_, (Q(search_document__contains=w) for w in words), Q())


def online_q() -> Q:
    return Q(mode__in=[Mode.ONLINE, Mode.HYBRID]) | Q(status=PublicStatus.MOVED_ONLINE)


def accessible_q() -> Q:
    return reduce(or_, (Q(**{flag: True}) for flag in ACCESSIBILITY_FLAGS))


def places_left_q() -> Q:
    has_room = Q(capacity__isnull=True) | Q(confirmed_count__lt=F("capacity"))
    return has_room & ~Q(status__in=[PublicStatus.FULL, PublicStatus.CANCELLED])


def filtered_programme(filters: EventFilters) -> Programme | None:
    """The published programme `filters` names (`?programme=slug`), or None."""
    if not filters.programme:
        return None
    return Programme.objects.published().filter(slug=filters.programme).first()


def filter_events(queryset: QuerySet, filters: EventFilters, *, now=None) -> QuerySet:
    """`queryset` narrowed by `filters`. Without dates nor `past`, only upcoming events.

    `programme`: the events its page shows (its own and those it aggregates); none when no
    published programme has that slug.
    """
    now = now or timezone.now()
    if filters.programme:
        programme = filtered_programme(filters)
        if programme is None:
            return queryset.none()
        queryset = queryset.filter(programme_events_q(programme))
    if filters.date_from:
        queryset = queryset.filter(ends_at__gte=day_start(filters.date_from))
    elif not filters.past:
        queryset = queryset.filter(ends_at__gte=now)
    if filters.date_to:
        queryset = queryset.filter(
            starts_at__lt=day_start(filters.date_to + datetime.timedelta(days=1))
        )
    if filters.formats:
        queryset = queryset.filter(format__in=filters.formats)
    if filters.modes:
        queryset = queryset.filter(mode__in=filters.modes)
    if filters.online:
        queryset = queryset.filter(online_q())
    if filters.audiences:
        queryset = queryset.filter(reduce(or_, map(audience_q, filters.audiences)))
    for word in filters.accessibility:
        queryset = queryset.filter(**{ACCESSIBILITY_PARAMS[word]: True})
    if filters.accessible:
        queryset = queryset.filter(accessible_q())
    if filters.places:
        queryset = queryset.filter(places_left_q())
    if filters.themes:
        through = Event.themes.through.objects.filter(
            event_id=OuterRef("pk"), theme__slug__in=filters.themes
        )
        queryset = queryset.filter(Exists(through))
    if filters.regions:
        queryset = queryset.filter(region__code__in=filters.regions)
    if filters.departments:
        queryset = queryset.filter(department__code__in=filters.departments)
    if filters.organisers:
        queryset = queryset.filter(organiser__slug__in=filters.organisers)
    if filters.q:
        queryset = queryset.filter(search_q(filters.q))
    return queryset


def programme_events_q(programme: Programme) -> Q:
    """Its own events, plus the events of the organisations it aggregates that fall within
    its dates (and share one of its themes when it has themes).

    The aggregated organisations are read first: without any (most programmes), the
    condition is `programme_id = …` alone and PostgreSQL reads the programme's index instead
    of walking every published event."""
    organisation_ids = list(programme.aggregated_organisations.values_list("pk", flat=True))
    if not organisation_ids:
        return Q(programme=programme)
    aggregated = Q(
        programme__isnull=True,
        organiser__in=organisation_ids,
        starts_at__lt=day_start(programme.ends_on + datetime.timedelta(days=1)),
        ends_at__gte=day_start(programme.starts_on),
    )
    theme_ids = list(programme.themes.values_list("pk", flat=True))
    if theme_ids:
        through = Event.themes.through.objects.filter(
            event_id=OuterRef("pk"), theme_id__in=theme_ids
        )
        aggregated &= Exists(through)
    return Q(programme=programme) | aggregated


def programme_events(programme: Programme) -> QuerySet:
    """The published events shown on `programme`'s page and feed, by start."""
    return Event.objects.published().filter(programme_events_q(programme))


def list_queryset(queryset: QuerySet) -> QuerySet:
    """What an event card reads, fetched in a constant number of queries."""
    return queryset.select_related("organiser", "commune", "programme").prefetch_related(
        "sessions", "themes"
    )


def group_by_day(events) -> list[tuple[datetime.date, list]]:
    """Events grouped by the Paris day of their first session, in order."""
    days: dict[datetime.date, list] = {}
    for event in events:
        day = timezone.localtime(event.starts_at).date() if event.starts_at else None
        days.setdefault(day, []).append(event)
    return list(days.items())
