"""schema.org description of an initiative, embedded in its page as JSON-LD."""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes
from django.utils.safestring import mark_safe

from essaim.catalogue.search_text import html_to_text


def initiative_json_ld(initiative, *, request) -> str:
    """A `<script type="application/ld+json">` body, escaped like `json_script` (safe in HTML)."""
    url = request.build_absolute_uri(initiative.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "Project",
        "@id": url,
        "url": url,
        "name": initiative.title,
        "description": initiative.pitch,
        "abstract": " ".join(html_to_text(initiative.solution).split())[:1000] or None,
        "foundingDate": initiative.started_on.isoformat() if initiative.started_on else None,
        "keywords": [t.name for t in initiative.themes.all()] or None,
        "sponsor": [
            {"@type": "GovernmentOrganization", "name": o.name} for o in initiative.carriers.all()
        ]
        or None,
        "funder": [{"@type": "Organization", "name": o.name} for o in initiative.labs.all()]
        or None,
        "areaServed": (
            {"@type": "AdministrativeArea", "name": initiative.territory.name}
            if initiative.territory_id
            else {"@type": "Country", "name": "France"}
        ),
        "sameAs": initiative.website or None,
        "email": initiative.contact_email or None,
        "dateModified": initiative.updated_at,
        "datePublished": initiative.published_at,
        "isBasedOn": (
            request.build_absolute_uri(initiative.origin.get_absolute_url())
            if initiative.origin_id and initiative.origin.publication_state != "draft"
            else None
        ),
    }
    data = {key: value for key, value in data.items() if value is not None}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return mark_safe(text.translate(_json_script_escapes))  # escaped like json_script
