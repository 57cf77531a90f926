"""Public pages of the agenda: the general agenda, a programme's page, an event's page."""

import calendar
import datetime
from dataclasses import replace

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from essaim.agenda import jsonld, permissions
from essaim.agenda.choices import filter_choices
from essaim.agenda.enums import (
    ACCESSIBILITY_FLAGS,
    Audience,
    EventFormat,
    Mode,
    RegistrationMode,
    RegistrationStatus,
)
from essaim.agenda.filters import ACCESSIBILITY_PARAMS, EventFilters
from essaim.agenda.forms import RegistrationForm
from essaim.agenda.models import Event, Programme, Registration
from essaim.agenda.queries import (
    filter_events,
    filtered_programme,
    group_by_day,
    list_queryset,
    programme_events,
)
from essaim.agenda.registrations import agent_refusal, registration_refusal
from essaim.catalogue.filters import parse_page
from essaim.catalogue.map import build_map
from essaim.core.pagination import CappedPaginator, page_links

PER_PAGE = 30
# The id of the results block htmx swaps (agenda/_results.html).
RESULTS_TARGET = "agenda-resultats"


def filter_groups(filters: EventFilters) -> list[dict]:
    """The checkbox groups of the filter form, with what is selected.

    Each group's markup is cached by its `cache_key` (the choice lists' version and what is
    checked): rendering 200 checkboxes costs more than the rest of the page, and most groups
    have nothing checked."""
    flag_labels = {field: label for field, (_key, label) in ACCESSIBILITY_FLAGS.items()}
    choices = filter_choices()

    def _options(values_labels, selected) -> dict:
        return {
            "cache_key": f"{choices['version']}:{'|'.join(sorted(selected))}",
            "open": bool(selected),
            "options": [
                {"value": value, "label": label, "selected": value in selected}
                for value, label in values_labels
            ],
        }

    return [
        {
            "param": "format",
            "label": _("Format"),
            **_options(EventFormat.choices, filters.formats),
        },
        {
            "param": "modalite",
            "label": _("Modalité"),
            **_options(Mode.choices, filters.modes),
        },
        {
            "param": "public",
            "label": _("Public"),
            **_options(Audience.choices, filters.audiences),
        },
        {
            "param": "theme",
            "label": _("Thème"),
            **_options(choices["themes"], filters.themes),
        },
        {
            "param": "region",
            "label": _("Région"),
            **_options(choices["regions"], filters.regions),
        },
        {
            "param": "departement",
            "label": _("Département"),
            **_options(choices["departments"], filters.departments),
        },
        {
            "param": "accessibilite",
            "label": _("Accessibilité"),
            **_options(
                [(word, flag_labels[field]) for word, field in ACCESSIBILITY_PARAMS.items()],
                filters.accessibility,
            ),
        },
    ]


def _workspace_links(user) -> dict:
    """Whether to show the organisers' dashboard and the coordination pages to `user`."""
    if not user.is_authenticated:
        return {"organises": False, "coordinates": False}
    return {
        "organises": permissions.organisations_for_events(user).exists(),
        "coordinates": permissions.programmes_coordinated_by(
            user, Programme.objects.all()
        ).exists(),
    }


def _listing(request, queryset, *, base: str, filters: EventFilters) -> dict:
    events = list_queryset(filter_events(queryset, filters)).order_by("starts_at", "pk")
    page_obj = CappedPaginator(events, PER_PAGE).get_page(parse_page(request.GET.get("page")))
    return {
        "filters": filters,
        "filter_groups": filter_groups(filters),
        "page_obj": page_obj,
        "days": group_by_day(page_obj.object_list),
        "page_links": page_links(base, filters, page_obj),
        "form_action": base,
    }


@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def agenda_index(request):
    """The general agenda: every published event, filtered, by day; the current programmes.
    htmx asks for the results only (and the links that follow the filters, out of band)."""
    filters = EventFilters.from_querydict(request.GET)
    base = reverse("agenda:index")
    context = _listing(request, Event.objects.published(), base=base, filters=filters)
    querystring = filters.querystring()
    context |= {
        "results_target": RESULTS_TARGET,
        "feed_url": reverse("agenda:feed") + querystring,
        "api_url": "/api/v1/events" + querystring,
        "export_querystring": querystring,
        # The month shows its own dates: the other filters follow.
        "month_url": reverse("agenda:month")
        + filters.without("date_from", "date_to").querystring(),
        "map_url": reverse("agenda:map") + querystring,
    }
    context |= _workspace_links(request.user)
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == RESULTS_TARGET:
        response = render(request, "agenda/_results_swap.html", context)
        # The address bar shows the canonical, shareable URL (no empty fields).
        response["HX-Push-Url"] = base + filters.querystring(page=context["page_obj"].number)
        return response
    context |= {
        "programmes": Programme.objects.published()
        .current()
        .filter(ends_on__gte=timezone.localdate() - datetime.timedelta(days=365 * 10))[:6],
        "breadcrumb_data": {"links": [], "current": _("Agenda")},
    }
    return render(request, "agenda/index.html", context)


@require_GET
def programme_detail(request, slug):
    programme = get_object_or_404(
        Programme.objects.published()
        .select_related("coordinator")
        .prefetch_related("territories", "themes"),
        slug=slug,
    )
    requested = EventFilters.from_querydict(request.GET)
    filters = requested
    if not (filters.date_from or filters.past):
        # A programme's page shows its whole edition, past events included.
        filters = EventFilters(**{**filters.__dict__, "past": True})
    events = programme_events(programme)
    base = reverse("agenda:programme", args=[programme.slug])
    context = _listing(request, events, base=base, filters=filters)
    # One query for both: most programmes feature nothing, then no list query follows.
    facts = events.aggregate(n=Count("pk"), featured=Count("pk", filter=Q(featured=True)))
    context |= {
        "programme": programme,
        "featured": list_queryset(events.filter(featured=True)).order_by("starts_at")[:6]
        if facts["featured"]
        else [],
        "event_count": facts["n"],
        "can_coordinate": permissions.can_coordinate(request.user, programme),
        "organises": request.user.is_authenticated
        and permissions.organisations_for_events(request.user).exists(),
        # The feed of what the page shows: the same filters (RFC 5545 subscription per URL).
        "feed_url": reverse("agenda:programme_feed", args=[programme.slug])
        + requested.querystring(),
        "breadcrumb_data": {
            "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}],
            "current": programme.name,
        },
    }
    return render(request, "agenda/programme.html", context)


def current_registration(request, event):
    user = request.user
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(event=event, email=user.email.lower()).first()


def show_online_link(event, registration) -> bool:
    if not (event.online_url and event.is_online):
        return False
    if not event.online_url_registrants_only:
        return True
    return registration is not None and registration.status == RegistrationStatus.CONFIRMED


@require_GET
def event_detail(request, slug, form=None):
    event = get_object_or_404(
        Event.objects.visible_to(request.user).select_related(
            "organiser", "programme", "commune__parent", "region"
        ),
        slug=slug,
    )
    registration = current_registration(request, event)
    if registration is not None and not registration.is_active:
        registration = None
    context = {
        "event": event,
        "sessions": list(event.sessions.all()),
        "speakers": list(event.speakers.all()),
        "partners": list(event.partners.all()),
        "themes": list(event.themes.all()),
        "registration": registration,
        "show_online_link": show_online_link(event, registration),
        "registration_open": event.registration_mode == RegistrationMode.ESSAIM
        and not registration_refusal(event),
        "registration_refusal": registration_refusal(event)
        if event.registration_mode == RegistrationMode.ESSAIM
        else "",
        "needs_sign_in": event.requires_account and not request.user.is_authenticated,
        "agent_refusal": agent_refusal(event, request.user)
        if request.user.is_authenticated
        else "",
        "form": form or RegistrationForm(user=request.user),
        "can_edit": permissions.can_edit_event(request.user, event),
        "json_ld": jsonld.event_json_ld(event, request=request),
        "share_url": request.build_absolute_uri(event.get_absolute_url()),
        "breadcrumb_data": {
            "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}]
            + (
                [{"url": event.programme.get_absolute_url(), "title": event.programme.name}]
                if event.programme_id
                else []
            ),
            "current": event.title,
        },
    }
    status = 200 if form is None or not form.errors else 400
    return render(request, "agenda/detail.html", context, status=status)


@require_GET
def agenda_month(request, year=None, month=None):
    """A month calendar (a table of weeks), each day listing its events; no JavaScript."""
    today = timezone.localdate()
    year, month = year or today.year, month or today.month
    if not (1 <= month <= 12 and 2000 <= year <= 2100):
        year, month = today.year, today.month
    first = datetime.date(year, month, 1)
    last = datetime.date(year, month, calendar.monthrange(year, month)[1])
    filters = EventFilters.from_querydict(request.GET)
    filters = EventFilters(**{**filters.__dict__, "date_from": first, "date_to": last})
    events = list_queryset(filter_events(Event.objects.published(), filters)).order_by("starts_at")
    by_day: dict[datetime.date, list] = {}
    for event in events:
        for session in event.sessions.all():
            day = timezone.localtime(session.starts_at).date()
            if first <= day <= last and event not in by_day.get(day, []):
                by_day.setdefault(day, []).append(event)
    weeks = [
        [(day, by_day.get(day, []), day.month == month) for day in week]
        for week in calendar.Calendar().monthdatescalendar(year, month)
    ]
    previous = first - datetime.timedelta(days=1)
    following = last + datetime.timedelta(days=1)
    kept = filters.without("date_from", "date_to").querystring()  # the other filters follow
    context = {
        "month_start": first,
        "weeks": weeks,
        "filters": filters,
        "programme": filtered_programme(filters),
        "list_querystring": kept,
        "previous_url": reverse("agenda:month_of", args=[previous.year, previous.month]) + kept,
        "next_url": reverse("agenda:month_of", args=[following.year, following.month]) + kept,
        "breadcrumb_data": {
            "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}],
            "current": _("Calendrier du mois"),
        },
    }
    return render(request, "agenda/month.html", context)


@require_GET
def agenda_map(request):
    """France by région, shaded by the number of events matching the filters, with a table."""
    filters = EventFilters.from_querydict(request.GET).without("regions", "departments")
    events = filter_events(Event.objects.published(), filters)
    counts = dict(
        events.filter(region__isnull=False)
        .values_list("region__code")
        .annotate(n=Count("pk"))
        .values_list("region__code", "n")
    )
    france_map = build_map("region", counts)
    for area in france_map.areas:
        linked = replace(filters, regions=(area.code,))
        area.href = reverse("agenda:index") + linked.querystring()
    context = {
        "france_map": france_map,
        "online_count": events.filter(region__isnull=True).count(),
        "list_querystring": filters.querystring(),
        "programme": filtered_programme(filters),
        "breadcrumb_data": {
            "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}],
            "current": _("Carte"),
        },
    }
    return render(request, "agenda/map.html", context)
