"""What a programme's coordinators read: the moderation queue, the events with their origin,
and the programme's figures."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils.translation import gettext as _

from essaim.accounts.models import OrganisationKind
from essaim.agenda.enums import EventFormat, ModerationState, RegistrationStatus
from essaim.agenda.models import Event, Programme, Registration
from essaim.agenda.queries import programme_events


def queue(programme: Programme) -> QuerySet:
    """Submitted events of `programme`, oldest submission first (first come, first served)."""
    return (
        Event.objects.filter(programme=programme, moderation_state=ModerationState.SUBMITTED)
        .select_related("organiser", "commune")
        .order_by("submitted_at", "pk")
    )


def own_events(programme: Programme, *, state: str) -> QuerySet:
    return (
        Event.objects.filter(programme=programme, moderation_state=state)
        .select_related("organiser")
        .order_by("starts_at", "pk")
    )


def aggregated_events(programme: Programme) -> QuerySet:
    """Published events that join `programme` from the agendas it aggregates (their origin is
    their organiser's own agenda)."""
    return (
        programme_events(programme)
        .filter(programme__isnull=True)
        .select_related("organiser")
        .order_by("starts_at", "pk")
    )


def state_counts(programme: Programme) -> dict[str, int]:
    rows = (
        Event.objects.filter(programme=programme)
        .values("moderation_state")
        .annotate(n=Count("pk"))
        .values_list("moderation_state", "n")
    )
    counts = dict.fromkeys(ModerationState.values, 0)
    counts.update(rows)
    return counts


@dataclass
class Figures:
    events: int
    by_format: list[tuple[str, int]]
    by_region: list[tuple[str, int]]
    by_day: list[tuple[datetime.date, int]]
    by_organiser_kind: list[tuple[str, int]]
    registrations: list[tuple[str, int]]
    attendance: list[tuple[str, int]]


def _labelled(rows, labels: dict, *, empty: str) -> list[tuple[str, int]]:
    return sorted(
        ((str(labels.get(key, key)) if key else empty, n) for key, n in rows),
        key=lambda row: (-row[1], row[0]),
    )


def figures(programme: Programme) -> Figures:
    """The programme's published events (own and aggregated) counted several ways, and their
    registrations and attendance. A handful of grouped queries, whatever the size."""
    events = programme_events(programme).order_by()
    by_format = events.values_list("format").annotate(n=Count("pk"))
    by_region = events.values_list("region__name").annotate(n=Count("pk"))
    by_kind = events.values_list("organiser__kind").annotate(n=Count("pk"))
    by_day = (
        events.annotate(day=TruncDate("starts_at"))
        .values_list("day")
        .annotate(n=Count("pk"))
        .order_by("day")
    )
    registrations = Registration.objects.filter(event__in=events.values("pk"))
    by_status = registrations.values_list("status").annotate(n=Count("pk"))
    attendance = registrations.filter(status=RegistrationStatus.CONFIRMED).aggregate(
        present=Count("pk", filter=Q(attended=True)),
        absent=Count("pk", filter=Q(attended=False)),
        unknown=Count("pk", filter=Q(attended__isnull=True)),
    )
    return Figures(
        events=events.count(),
        by_format=_labelled(by_format, dict(EventFormat.choices), empty=_("Non précisé")),
        by_region=_labelled(by_region, {}, empty=_("En ligne ou sans lieu")),
        by_day=[(day, n) for day, n in by_day if day is not None],
        by_organiser_kind=_labelled(by_kind, dict(OrganisationKind.choices), empty=_("Autre")),
        registrations=_labelled(by_status, dict(RegistrationStatus.choices), empty="—"),
        attendance=[
            (_("Présents"), attendance["present"]),
            (_("Absents"), attendance["absent"]),
            (_("Non pointés"), attendance["unknown"]),
        ],
    )
