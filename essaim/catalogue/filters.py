"""The catalogue's filters as they travel in URLs: parsed leniently, never trusted.

One `Filters` value is read from a query string by the list, the map, the exports, the API and
the saved-search alerts, so the same URL means the same initiatives everywhere.
"""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from essaim.core.text import clean_text

MAX_QUERY_LENGTH = 200
MAX_VALUES = 30
MAX_VALUE_LENGTH = 80

# Attribute → query-string parameter (French, since URLs are shared).
PARAMS = {
    "themes": "theme",
    "stages": "etape",
    "regions": "region",
    "departments": "departement",
    "carrier_kinds": "porteur",
    "labs": "labo",
    "beneficiaries": "beneficiaire",
    "spread": "essaimage",
}
FACET_ATTRS = tuple(PARAMS)
SORTS = ("pertinence", "recentes", "titre")


@dataclass(frozen=True)
class Filters:
    q: str = ""
    themes: tuple[str, ...] = ()
    stages: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    carrier_kinds: tuple[str, ...] = ()
    labs: tuple[str, ...] = ()
    beneficiaries: tuple[str, ...] = ()
    spread: bool = False
    sort: str = ""

    @classmethod
    def from_querydict(cls, data) -> "Filters":
        """Read filters from request.GET (or any mapping with `getlist`); bad values are dropped."""
        values = {}
        for attr, param in PARAMS.items():
            if attr == "spread":
                continue
            raw = data.getlist(param) if hasattr(data, "getlist") else _as_list(data.get(param))
            cleaned = []
            for value in raw:
                value = clean_text(value)[:MAX_VALUE_LENGTH]
                if value and value not in cleaned:
                    cleaned.append(value)
            values[attr] = tuple(cleaned[:MAX_VALUES])
        spread = str(data.get(PARAMS["spread"]) or "").strip().lower()
        sort = str(data.get("tri") or "").strip()
        return cls(
            q=clean_text(str(data.get("q") or "")[: MAX_QUERY_LENGTH * 2])[:MAX_QUERY_LENGTH],
            spread=spread in {"1", "oui", "true", "on"},
            sort=sort if sort in SORTS else "",
            **values,
        )

    @property
    def default_sort(self) -> str:
        return "pertinence" if self.q else "recentes"

    @property
    def effective_sort(self) -> str:
        return self.sort or self.default_sort

    def is_empty(self) -> bool:
        return not self.q and not any(getattr(self, attr) for attr in FACET_ATTRS)

    def without(self, *attrs: str) -> "Filters":
        return replace(self, **{a: (False if a == "spread" else ()) for a in attrs})

    def toggled(self, attr: str, value: str) -> "Filters":
        if attr == "spread":
            return replace(self, spread=not self.spread)
        current = getattr(self, attr)
        if value in current:
            return replace(self, **{attr: tuple(v for v in current if v != value)})
        return replace(self, **{attr: (*current, value)})

    def items(self, *, page: int | None = None) -> list[tuple[str, str]]:
        """The filters as (parameter, value) pairs, in a stable order."""
        pairs = [("q", self.q)] if self.q else []
        for attr in FACET_ATTRS:
            if attr == "spread":
                if self.spread:
                    pairs.append((PARAMS[attr], "1"))
            else:
                pairs += [(PARAMS[attr], v) for v in getattr(self, attr)]
        if self.sort and self.sort != self.default_sort:
            pairs.append(("tri", self.sort))
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def querystring(self, *, page: int | None = None) -> str:
        """'?q=…&theme=…' (or '' when there is no filter): for links and shared URLs."""
        encoded = urlencode(self.items(page=page))
        return f"?{encoded}" if encoded else ""


def _as_list(value) -> list:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return list(value)
    return [value]


def parse_page(value, *, default: int = 1) -> int:
    """A page number from user input: anything odd becomes 1 (the paginator clamps the rest)."""
    try:
        number = int(str(value)[:9])
    except (TypeError, ValueError):
        return default
    return max(number, 1)
