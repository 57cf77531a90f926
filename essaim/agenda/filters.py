"""The agenda's filters as they travel in URLs: read once by pages, feeds, exports and the API.

`EventFilters.from_querydict(request.GET)` never raises: values it cannot read are dropped and
explained, in French, in `filters.errors` (pages show them, the API answers 422 with them).
"""

import datetime
from dataclasses import dataclass, field, replace
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from essaim.agenda.enums import ACCESSIBILITY_FLAGS, Audience, EventFormat, Mode
from essaim.core.text import clean_text

MAX_QUERY_LENGTH = 200
MAX_VALUES = 30
MAX_VALUE_LENGTH = 80

# French URL words of the accessibility flags (?accessibilite=auditif).
ACCESSIBILITY_PARAMS = {
    "auditif": "accessible_hearing",
    "intellectuel": "accessible_intellectual",
    "visuel": "accessible_visual",
    "psychique": "accessible_psychic",
    "moteur": "accessible_motor",
    "sous-titrage": "has_subtitles",
    "lsf": "has_sign_language",
}
assert set(ACCESSIBILITY_PARAMS.values()) == set(ACCESSIBILITY_FLAGS)

# Attribute → (query-string parameter, allowed values or None for free values).
MULTI = {
    "formats": ("format", set(EventFormat.values)),
    "modes": ("modalite", set(Mode.values)),
    "audiences": ("public", set(Audience.values)),
    "accessibility": ("accessibilite", set(ACCESSIBILITY_PARAMS)),
    "themes": ("theme", None),
    "regions": ("region", None),
    "departments": ("departement", None),
    "organisers": ("organisateur", None),
}
FLAGS = {"online": "en-ligne", "accessible": "accessible", "places": "places", "past": "passes"}
_TRUE = {"1", "oui", "true", "on"}


def _getlist(data, key) -> list:
    if hasattr(data, "getlist"):
        return data.getlist(key)
    value = data.get(key)
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _parse_date(raw: str, label: str, errors: list) -> datetime.date | None:
    raw = clean_text(raw)
    if not raw:
        return None
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    errors.append(
        _("La date « %(value)s » (%(label)s) est illisible : écrivez-la jj/mm/aaaa.")
        % {"value": raw[:20], "label": label}
    )
    return None


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None
    formats: tuple[str, ...] = ()
    modes: tuple[str, ...] = ()
    audiences: tuple[str, ...] = ()
    accessibility: tuple[str, ...] = ()
    themes: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    organisers: tuple[str, ...] = ()
    # A programme's slug: its events and those it aggregates (see `queries.programme_events_q`).
    programme: str = ""
    online: bool = False
    accessible: bool = False
    places: bool = False
    past: bool = False
    errors: tuple[str, ...] = field(default=(), compare=False)

    @classmethod
    def from_querydict(cls, data) -> "EventFilters":
        errors: list[str] = []
        values: dict = {}
        for attr, (param, allowed) in MULTI.items():
            cleaned = []
            for value in _getlist(data, param):
                value = clean_text(value)[:MAX_VALUE_LENGTH]
                if not value or value in cleaned:
                    continue
                if allowed is not None and value not in allowed:
                    errors.append(
                        _("La valeur « %(value)s » n’existe pas pour le filtre « %(param)s ».")
                        % {"value": value, "param": param}
                    )
                    continue
                cleaned.append(value)
            values[attr] = tuple(cleaned[:MAX_VALUES])
        for attr, param in FLAGS.items():
            values[attr] = str(data.get(param) or "").strip().lower() in _TRUE
        date_from = _parse_date(data.get("du") or "", _("du"), errors)
        date_to = _parse_date(data.get("au") or "", _("au"), errors)
        if date_from and date_to and date_to < date_from:
            errors.append(_("La date de fin précède la date de début : inversez-les."))
            date_from, date_to = date_to, date_from
        q = clean_text(str(data.get("q") or "")[: MAX_QUERY_LENGTH * 2])[:MAX_QUERY_LENGTH]
        programme = clean_text(str(data.get("programme") or "")[:MAX_VALUE_LENGTH])
        return cls(
            q=q,
            date_from=date_from,
            date_to=date_to,
            programme=programme,
            errors=tuple(errors),
            **values,
        )

    def is_empty(self) -> bool:
        return not self.items()

    def without(self, *attrs: str) -> "EventFilters":
        defaults = {a: self.__dataclass_fields__[a].default for a in attrs}
        return replace(self, **defaults)

    def items(self, *, page: int | None = None) -> list[tuple[str, str]]:
        """The filters as (parameter, value) pairs, in a stable order."""
        pairs = [("q", self.q)] if self.q else []
        if self.date_from:
            pairs.append(("du", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("au", self.date_to.isoformat()))
        if self.programme:
            pairs.append(("programme", self.programme))
        for attr, (param, _allowed) in MULTI.items():
            pairs += [(param, v) for v in getattr(self, attr)]
        pairs += [(param, "1") for attr, param in FLAGS.items() if getattr(self, attr)]
        if page and page > 1:
            pairs.append(("page", str(page)))
        return pairs

    def querystring(self, *, page: int | None = None) -> str:
        encoded = urlencode(self.items(page=page))
        return f"?{encoded}" if encoded else ""
