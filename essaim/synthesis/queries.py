"""Read logic of the result pages and exports: filters, theme figures, contributions."""

from dataclasses import dataclass, fields
from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, QuerySet

from essaim.synthesis.models import Contribution, Synthesis

UNCLASSIFIED = "non-classees"  # the URL of the contributions in no theme
MAX_CHOICES = 300


@dataclass
class Filters:
    """The filters of the result pages, read from the query string (`question`, `territoire`,
    `du`, `au`); an invalid date is ignored."""

    question: str = ""
    territory: str = ""
    start: date | None = None
    end: date | None = None

    PARAMS = {"question": "question", "territory": "territoire", "start": "du", "end": "au"}

    @classmethod
    def from_query(cls, query) -> "Filters":
        values = {}
        for field in fields(cls):
            raw = query.get(cls.PARAMS[field.name], "").strip()[:300]
            if field.name in ("start", "end"):
                try:
                    raw = date.fromisoformat(raw) if raw else None
                except ValueError:
                    raw = None
            values[field.name] = raw
        return cls(**values)

    @property
    def active(self) -> bool:
        return any(getattr(self, f.name) for f in fields(self))

    def apply(self, queryset: QuerySet) -> QuerySet:
        if self.question:
            queryset = queryset.filter(question=self.question)
        if self.territory:
            queryset = queryset.filter(territory=self.territory)
        if self.start:
            queryset = queryset.filter(date__gte=self.start)
        if self.end:
            queryset = queryset.filter(date__lte=self.end)
        return queryset

    def params(self) -> dict:
        result = {}
        for field in fields(self):
            value = getattr(self, field.name)
            if value:
                result[self.PARAMS[field.name]] = str(value)
        return result

    def querystring(self, **extra) -> str:
        return "?" + urlencode({**self.params(), **{k: v for k, v in extra.items() if v}})


def theme_figures(synthesis: Synthesis, filters: Filters) -> tuple[list[dict], int, int]:
    """Each theme (largest first in the engine's order) with its size and share under the
    filters, the number of contributions in no theme, and the total."""
    counts = dict(
        filters.apply(synthesis.items.all())
        .values_list("theme_key")
        .annotate(n=Count("pk"))
        .values_list("theme_key", "n")
    )
    total = sum(counts.values())
    biggest = max([n for key, n in counts.items() if key] or [1])
    themes = []
    for theme in synthesis.themes:
        size = counts.get(theme["id"], 0)
        themes.append(
            {
                **theme,
                "size": size,
                "percent": round(100 * size / total, 1) if total else 0.0,
                "bar": round(100 * size / biggest, 1),
            }
        )
    if filters.active:
        themes.sort(key=lambda t: -t["size"])
    return themes, counts.get("", 0), total


def contributions_of(synthesis: Synthesis, theme_key: str, filters: Filters) -> QuerySet:
    """The contributions of a theme (or of none, for `UNCLASSIFIED`), in input order."""
    key = "" if theme_key == UNCLASSIFIED else theme_key
    return filters.apply(synthesis.items.filter(theme_key=key))


def quotes_of(synthesis: Synthesis, theme: dict) -> list[Contribution]:
    """The theme's quotes (pinned first), as the engine chose them."""
    by_key = {c.key: c for c in synthesis.items.filter(key__in=theme["quotes"])}
    return [by_key[key] for key in theme["quotes"] if key in by_key]


def duplicate_groups(synthesis: Synthesis, limit: int = 20) -> list[dict]:
    """The largest groups of near-duplicate contributions, each with one example."""
    groups = (synthesis.state or {}).get("duplicate_groups", {})
    chosen = list(groups.items())[:limit]
    examples = {
        c.key: c for c in synthesis.items.filter(key__in=[members[0] for _g, members in chosen])
    }
    return [
        {"id": group, "size": len(members), "example": examples.get(members[0])}
        for group, members in chosen
    ]


def filter_choices(synthesis: Synthesis) -> dict:
    items = synthesis.items.all()

    def distinct(name):
        return list(
            items.exclude(**{name: ""})
            .order_by(name)
            .values_list(name, flat=True)
            .distinct()[:MAX_CHOICES]
        )

    return {"questions": distinct("question"), "territories": distinct("territory")}
