"""The filter form's choice lists (themes, régions, départements), cached until one changes.

Every agenda page shows them and they almost never change: one read of two counters
(core.ChangeCounter, bumped by essaim.catalogue.signals for themes and essaim.core.signals
or load_territories for territories) replaces three queries and their rows.
"""

from django.core.cache import cache

from essaim.catalogue.models import Theme
from essaim.catalogue.signals import COUNTER as THEMES_COUNTER
from essaim.core.models import ChangeCounter, Department, Region
from essaim.core.services import TERRITORIES_COUNTER

CACHE_SECONDS = 24 * 3600


def _build(version: str) -> dict:
    return {
        "version": version,
        "themes": list(Theme.objects.values_list("slug", "name")),
        "regions": list(Region.objects.order_by("name").values_list("code", "name")),
        "departments": [
            (code, f"{code} – {name}")
            for code, name in Department.objects.order_by("code").values_list("code", "name")
        ],
    }


def filter_choices() -> dict:
    """{"themes": [(slug, name)], "regions": [(code, name)], "departments": [(code, label)],
    "version": a string that changes with any of them}."""
    counters = dict(
        ChangeCounter.objects.filter(name__in=(THEMES_COUNTER, TERRITORIES_COUNTER)).values_list(
            "name", "value"
        )
    )
    version = f"{counters.get(THEMES_COUNTER, 0)}-{counters.get(TERRITORIES_COUNTER, 0)}"
    return cache.get_or_set(f"agenda:choices:{version}", lambda: _build(version), CACHE_SECONDS)
