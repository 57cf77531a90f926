"""Read logic on territories reused by views, forms and the API."""

from essaim.core.models import Level, Territory

AUTOCOMPLETE_LIMIT = 20


def autocomplete(text: str, *, levels=(), limit: int = AUTOCOMPLETE_LIMIT) -> list[dict]:
    """Territories matching `text` (a name or an INSEE code), best first, as plain dicts.

    `levels` narrows to some of "region", "department", "commune" (unknown ones are ignored);
    at most `limit` results, never more than AUTOCOMPLETE_LIMIT.
    """
    territories = Territory.objects.search(text).select_related("parent")
    wanted = [level for level in levels if level in Level.values]
    if wanted:
        territories = territories.filter(level__in=wanted)
    return [
        {"code": t.code, "level": t.level, "name": t.name, "label": t.label}
        for t in territories[: max(0, min(limit, AUTOCOMPLETE_LIMIT))]
    ]
