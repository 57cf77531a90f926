"""Public, read-only API of the agenda: /api/v1/events and /api/v1/programmes.

The list of events accepts exactly the filters of the web agenda (same parameter names), so
/agenda/?format=webinaire&region=52 becomes /api/v1/events?format=webinar&region=52.
Only published events are returned; online links reserved to registrants never are.
"""

import datetime

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from essaim.agenda.enums import Audience, EventFormat, Mode
from essaim.agenda.filters import ACCESSIBILITY_PARAMS, EventFilters
from essaim.agenda.models import Event, Programme
from essaim.agenda.queries import (
    filter_events,
    filtered_programme,
    list_queryset,
    programme_events,
)

prefix = ""
router = Router(tags=["Agenda"])
MAX_PAGE_SIZE = 100


class Named(Schema):
    slug: str
    name: str


class SessionOut(Schema):
    title: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime


class EventOut(Schema):
    slug: str
    url: str
    ical_url: str
    title: str
    summary: str
    description: str
    format: str = Field(description=f"Parmi : {', '.join(EventFormat.values)}")
    format_label: str
    mode: str = Field(description=f"Parmi : {', '.join(Mode.values)}")
    status: str
    status_label: str
    status_note: str
    starts_at: datetime.datetime | None
    ends_at: datetime.datetime | None
    sessions: list[SessionOut]
    venue: str
    address: str
    commune: str | None = Field(description="code INSEE de la commune")
    commune_name: str | None
    department: str | None
    region: str | None
    online_url: str = Field(description="vide quand le lien est réservé aux inscrits")
    organiser: Named
    programme: Named | None
    audiences: list[str] = Field(description=f"Parmi : {', '.join(Audience.values)}")
    themes: list[Named]
    language: str
    accessibility: list[str] = Field(description=f"Parmi : {', '.join(ACCESSIBILITY_PARAMS)}")
    registration_mode: str
    registration_url: str
    capacity: int | None
    places_left: int | None
    replay_url: str
    updated_at: datetime.datetime


class EventPage(Schema):
    items: list[EventOut]
    count: int


class EventFiltersIn(Schema):
    """The filters of the web agenda; repeated values of one filter are ORed."""

    q: str = Field("", description="Recherche plein texte", max_length=10000)
    du: str = Field("", description="à partir de cette date (AAAA-MM-JJ)")
    au: str = Field("", description="jusqu’à cette date incluse (AAAA-MM-JJ)")
    format: list[str] = Field([], description=f"Parmi : {', '.join(EventFormat.values)}")
    modalite: list[str] = Field([], description=f"Parmi : {', '.join(Mode.values)}")
    public: list[str] = Field([], description=f"Parmi : {', '.join(Audience.values)}")
    accessibilite: list[str] = Field([], description=f"Parmi : {', '.join(ACCESSIBILITY_PARAMS)}")
    theme: list[str] = Field([], description="slug de thème")
    region: list[str] = Field([], description="code INSEE de région")
    departement: list[str] = Field([], description="code INSEE de département")
    organisateur: list[str] = Field([], description="slug de l’organisation")
    programme: str = Field(
        "",
        description="slug du programme : ses événements et ceux des agendas qu’il agrège",
        max_length=200,
    )
    en_ligne: bool = Field(False, alias="en-ligne", description="en ligne ou hybride seulement")
    accessible: bool = Field(False, description="au moins un aménagement d’accessibilité")
    places: bool = Field(False, description="avec des places disponibles")
    passes: bool = Field(False, description="inclure les événements passés")


class ProgrammeOut(Schema):
    slug: str
    url: str
    ical_url: str
    name: str
    summary: str
    description: str
    starts_on: datetime.date
    ends_on: datetime.date
    coordinator: Named
    call_opens_on: datetime.date | None
    call_closes_on: datetime.date | None
    themes: list[Named]
    event_count: int


class ProgrammePage(Schema):
    items: list[ProgrammeOut]
    count: int


def _named(obj) -> dict:
    return {"slug": obj.slug, "name": obj.name}


def event_data(event, *, request) -> dict:
    public_link = event.online_url and event.is_online and not event.online_url_registrants_only
    return {
        "slug": event.slug,
        "url": request.build_absolute_uri(event.get_absolute_url()),
        "ical_url": request.build_absolute_uri(f"{event.get_absolute_url()}calendrier.ics"),
        "title": event.title,
        "summary": event.summary,
        "description": event.description,
        "format": event.format,
        "format_label": event.get_format_display(),
        "mode": event.mode,
        "status": event.status,
        "status_label": event.get_status_display(),
        "status_note": event.status_note,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "sessions": [
            {"title": s.title, "starts_at": s.starts_at, "ends_at": s.ends_at}
            for s in event.sessions.all()
        ],
        "venue": event.venue,
        "address": event.address,
        "commune": event.commune.code if event.commune_id else None,
        "commune_name": event.commune.name if event.commune_id else None,
        "department": event.department.code if event.department_id else None,
        "region": event.region.code if event.region_id else None,
        "online_url": event.online_url if public_link else "",
        "organiser": _named(event.organiser),
        "programme": _named(event.programme) if event.programme_id else None,
        "audiences": list(event.audiences),
        "themes": [_named(t) for t in event.themes.all()],
        "language": event.language,
        "accessibility": [
            word for word, flag in ACCESSIBILITY_PARAMS.items() if getattr(event, flag)
        ],
        "registration_mode": event.registration_mode,
        "registration_url": event.registration_url,
        "capacity": event.capacity,
        "places_left": event.places_left,
        "replay_url": event.replay_url,
        "updated_at": event.updated_at,
    }


def _page(queryset, page: int, page_size: int):
    count = queryset.count()
    start = (page - 1) * page_size
    return (queryset[start : start + page_size] if start < count else []), count


@router.get("/events", response=EventPage, summary="Liste des événements")
def list_events(
    request,
    filters: Query[EventFiltersIn],
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les événements publiés, filtrés comme l’agenda du site, par date de début, paginés.

    Sans date ni `passes`, seulement les événements à venir.
    """
    parsed = EventFilters.from_querydict(request.GET)
    if parsed.errors:
        raise HttpError(422, " ".join(parsed.errors))
    if parsed.programme and filtered_programme(parsed) is None:
        raise HttpError(
            404,
            _("Aucun programme publié n’a l’adresse « %(slug)s » : voir /api/v1/programmes.")
            % {"slug": parsed.programme},
        )
    queryset = list_queryset(filter_events(Event.objects.published(), parsed)).select_related(
        "department", "region"
    )
    items, count = _page(queryset.order_by("starts_at", "pk"), page, page_size)
    return {"items": [event_data(e, request=request) for e in items], "count": count}


@router.get("/events/{slug}", response=EventOut, summary="Un événement")
def get_event(request, slug: str):
    queryset = list_queryset(Event.objects.published()).select_related("department", "region")
    return event_data(get_object_or_404(queryset, slug=slug[:220]), request=request)


def programme_data(programme, *, request) -> dict:
    url = programme.get_absolute_url()
    return {
        "slug": programme.slug,
        "url": request.build_absolute_uri(url),
        "ical_url": request.build_absolute_uri(f"{url}calendrier.ics"),
        "name": programme.name,
        "summary": programme.summary,
        "description": programme.description,
        "starts_on": programme.starts_on,
        "ends_on": programme.ends_on,
        "coordinator": _named(programme.coordinator),
        "call_opens_on": programme.call_opens_on,
        "call_closes_on": programme.call_closes_on,
        "themes": [_named(t) for t in programme.themes.all()],
        "event_count": programme_events(programme).count(),
    }


@router.get("/programmes", response=ProgrammePage, summary="Liste des programmes")
def list_programmes(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les programmes publiés (éditions comme le Mois de l’innovation publique), récents d’abord."""
    queryset = (
        Programme.objects.published().select_related("coordinator").prefetch_related("themes")
    )
    items, count = _page(queryset, page, page_size)
    return {"items": [programme_data(p, request=request) for p in items], "count": count}


@router.get("/programmes/{slug}", response=ProgrammeOut, summary="Un programme")
def get_programme(request, slug: str):
    programme = get_object_or_404(
        Programme.objects.published().select_related("coordinator"), slug=slug[:220]
    )
    return programme_data(programme, request=request)
