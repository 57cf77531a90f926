"""iCalendar downloads and subscriptions: an event, a programme, an organisation, a filtered
agenda, and a person's own registrations (secret address).

Public feeds are cached: building 500 VEVENTs costs far more than checking whether any of the
feed's events changed, so the cache key includes a fingerprint of the matching events (how
many, which, their last modification and revision) read in one aggregate query.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.accounts.models import Organisation
from essaim.agenda.calendars import event_ics, events_ics, feed_queryset
from essaim.agenda.filters import EventFilters
from essaim.agenda.models import CalendarFeed, Event, Programme
from essaim.agenda.queries import filter_events, programme_events

# A subscription feed is bounded: 2,000 events cover any edition and stay fast.
MAX_FEED_EVENTS = 2000
# Names of communes and organisations are not in the fingerprint: an hour bounds staleness.
FEED_CACHE_SECONDS = 3600


def _ics_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "max-age=300"
    return response


def _fingerprint(queryset) -> str:
    """Changes whenever an event joins or leaves `queryset` or is modified (`updated_at`,
    `sequence`: saves, public status, moderation)."""
    facts = queryset.order_by().aggregate(
        n=Count("pk"), ids=Sum("pk"), last=Max("updated_at"), revisions=Sum("sequence")
    )
    return "|".join(str(facts[k]) for k in ("n", "ids", "last", "revisions"))


def _feed(request, queryset, *, name: str, filename: str, registered: bool = False) -> HttpResponse:
    def build() -> bytes:
        events = feed_queryset(queryset).order_by("starts_at", "pk")[:MAX_FEED_EVENTS]
        return events_ics(events, name=name, registered=registered)

    if registered:  # a person's own feed: small, private, not worth sharing a cache
        return _ics_response(build(), filename)
    key = f"{request.get_full_path()}|{name}|{_fingerprint(queryset)}"
    digest = hashlib.sha256(key.encode()).hexdigest()
    content = cache.get_or_set(f"agenda:feed:{digest}", build, FEED_CACHE_SECONDS)
    return _ics_response(content, filename)


@require_GET
def event_feed(request, slug):
    """ "Add to my calendar": the event's sessions (METHOD:PUBLISH)."""
    event = get_object_or_404(
        Event.objects.published().select_related("organiser", "commune"), slug=slug
    )
    return _ics_response(event_ics(event), f"{event.slug}.ics")


@require_GET
def agenda_feed(request):
    """The general agenda with the filters of the URL (upcoming events unless dates given)."""
    filters = EventFilters.from_querydict(request.GET)
    queryset = filter_events(Event.objects.published(), filters)
    return _feed(
        request, queryset, name=_("Agenda de l’innovation publique"), filename="agenda.ics"
    )


@require_GET
def programme_feed(request, slug):
    programme = get_object_or_404(Programme.objects.published(), slug=slug)
    filters = EventFilters.from_querydict(request.GET)
    if not filters.date_from:
        filters = EventFilters(**{**filters.__dict__, "past": True})
    queryset = filter_events(programme_events(programme), filters)
    return _feed(request, queryset, name=programme.name, filename=f"{programme.slug}.ics")


@require_GET
def organisation_feed(request, slug):
    organisation = get_object_or_404(Organisation, slug=slug)
    queryset = Event.objects.published().filter(organiser=organisation)
    return _feed(request, queryset, name=organisation.name, filename=f"{organisation.slug}.ics")


@require_GET
def personal_feed(request, token):
    """A person's registrations (confirmed and waitlisted), links reserved to registrants shown."""
    feed = get_object_or_404(CalendarFeed.objects.select_related("user"), token=token)
    email = feed.user.email.lower()
    # Published only: an unpublished event leaves the feed as it leaves mailed calendars.
    queryset = (
        Event.objects.published()
        .filter(registrations__email=email, registrations__status="confirmed")
        .distinct()
    )
    return _feed(
        request, queryset, name=_("Mes événements"), filename="mes-evenements.ics", registered=True
    )
