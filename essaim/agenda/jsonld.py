"""schema.org `Event` description of an event, embedded in its page as JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from essaim.agenda.enums import Mode, PublicStatus

_ATTENDANCE = {
    Mode.ONLINE: "https://schema.org/OnlineEventAttendanceMode",
    Mode.ONSITE: "https://schema.org/OfflineEventAttendanceMode",
    Mode.HYBRID: "https://schema.org/MixedEventAttendanceMode",
}
_STATUS = {
    PublicStatus.SCHEDULED: "https://schema.org/EventScheduled",
    PublicStatus.FULL: "https://schema.org/EventScheduled",
    PublicStatus.POSTPONED: "https://schema.org/EventPostponed",
    PublicStatus.MOVED_ONLINE: "https://schema.org/EventMovedOnline",
    PublicStatus.CANCELLED: "https://schema.org/EventCancelled",
}


def _location(event, url: str):
    places = []
    if event.is_online:
        places.append({"@type": "VirtualLocation", "url": url})
    if event.mode != Mode.ONLINE and (event.venue or event.commune_id):
        place = {
            "@type": "Place",
            "name": event.venue or event.commune.name,
            "address": {
                "@type": "PostalAddress",
                "streetAddress": event.address or None,
                "addressLocality": event.commune.name if event.commune_id else None,
                "addressCountry": "FR",
            },
        }
        place["address"] = {k: v for k, v in place["address"].items() if v}
        places.append(place)
    return places[0] if len(places) == 1 else (places or None)


def _local(moment):
    """Paris time with its offset (2020-11-10T14:00:00+01:00), as schema.org recommends."""
    return timezone.localtime(moment) if moment else None


def event_json_ld(event, *, request) -> str:
    """A `<script type="application/ld+json">` body, escaped like `json_script` (safe in HTML)."""
    url = request.build_absolute_uri(event.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Event",
        "@id": url,
        "url": url,
        "name": event.title,
        "description": event.summary,
        "startDate": _local(event.starts_at),
        "endDate": _local(event.ends_at),
        "eventAttendanceMode": _ATTENDANCE[Mode(event.mode)],
        "eventStatus": _STATUS[PublicStatus(event.status)],
        "location": _location(event, url),
        "organizer": {"@type": "Organization", "name": event.organiser.name},
        "inLanguage": event.language if event.language != "other" else None,
        "isAccessibleForFree": True,
        "maximumAttendeeCapacity": event.capacity,
        "remainingAttendeeCapacity": event.places_left,
        "performer": [{"@type": "Person", "name": s.name} for s in event.speakers.all()] or None,
        "image": request.build_absolute_uri(event.image.url) if event.image else None,
        "subEvent": [
            {
                "@type": "Event",
                "name": s.title or event.title,
                "startDate": _local(s.starts_at),
                "endDate": _local(s.ends_at),
            }
            for s in event.sessions.all()
        ]
        if event.sessions.count() > 1
        else None,
    }
    data = {key: value for key, value in data.items() if value is not None}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # escaped like json_script
