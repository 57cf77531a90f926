"""What an import produces: validated events, row-level errors, and the cleaners they share.

This layer knows no model and touches no database. The vocabulary (formats, audiences, themes…)
and the commune lookup are handed in by the caller (`Vocabulary`), so the parsers can be tested
on their own and the Django side decides what the values mean.
"""

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from essaim.core.text import fold

PARIS = ZoneInfo("Europe/Paris")
MAX_SESSIONS = 100
MAX_TITLE_LENGTH = 200
MAX_SUMMARY_LENGTH = 300
MAX_DESCRIPTION_LENGTH = 20000
MAX_ROWS = 2000


class ImportFileError(Exception):
    """The whole file is unreadable (encoding, syntax, missing columns): no row is looked at."""


@dataclass(frozen=True)
class RowError:
    """One problem in one row: where (line, column), the value found, what to do."""

    line: int
    column: str
    message: str
    value: str = ""


@dataclass
class ImportedEvent:
    """One event read from a file, every value already checked against the vocabulary."""

    line: int
    title: str
    summary: str
    description: str
    format: str
    sessions: list[tuple[datetime, datetime]]
    mode: str
    commune: object = None
    venue: str = ""
    address: str = ""
    online_url: str = ""
    online_url_private: bool = False
    audiences: list[str] = field(default_factory=list)
    themes: list[str] = field(default_factory=list)
    language: str = "fr"
    accessibility: list[str] = field(default_factory=list)
    registration: str = ""
    registration_url: str = ""
    capacity: int | None = None
    speakers: list[tuple[str, str]] = field(default_factory=list)
    replay_url: str = ""
    # WGS 84 degrees, rounded to 5 decimals (about a metre), both or neither.
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    source_id: str = ""
    keywords: list[str] = field(default_factory=list)
    # OpenAgenda's public status, by name: scheduled, rescheduled, moved_online, postponed,
    # full, cancelled ("" when the file does not say).
    status: str = ""


@dataclass
class ImportReport:
    """The outcome of reading a file: the good events and every error, by row."""

    events: list[ImportedEvent] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    rows: int = 0

    @property
    def rejected_lines(self) -> list[int]:
        return sorted({error.line for error in self.errors})

    @property
    def ok(self) -> bool:
        return self.rows > 0 and not self.errors


class Choices:
    """A closed list of values, found by code or label, accents and case ignored."""

    def __init__(self, pairs: Iterable[tuple[str, str]], *, aliases: dict | None = None):
        self.labels = dict(pairs)
        self._lookup = {}
        for value, label in self.labels.items():
            self._lookup[fold(value)] = value
            self._lookup[fold(label)] = value
        for alias, value in (aliases or {}).items():
            self._lookup[fold(alias)] = value

    def find(self, text: str) -> str | None:
        return self._lookup.get(fold(text))

    def accepted(self) -> str:
        """The labels to quote in an error message: « Webinaire », « Atelier »…"""
        return ", ".join(f"« {label} »" for label in self.labels.values())


@dataclass
class Vocabulary:
    """What the values of a file may be, given by the caller (from the agenda's enums).

    `commune` takes the text of a cell (an INSEE code or a name) and returns the commune (any
    object) or None when it finds none, or raises LookupError with a French message (e.g. a
    name several communes share); `mode_*` and `registration_*` name the codes the
    parsers need to apply the rules between columns.
    """

    formats: Choices
    modes: Choices
    audiences: Choices
    themes: Choices
    accessibility: Choices
    registrations: Choices
    languages: Choices
    commune: Callable[[str], object]
    mode_online: str
    mode_onsite: str
    mode_hybrid: str
    registration_none: str
    registration_external: str
    registration_essaim: str


class Row:
    """Collects the errors of one row while its cells are cleaned."""

    def __init__(self, line: int, report: ImportReport):
        self.line = line
        self.report = report
        self.failed = False

    def error(self, column: str, message: str, value="") -> None:
        self.failed = True
        self.report.errors.append(
            RowError(line=self.line, column=column, message=message, value=str(value or "")[:200])
        )


_LIST_SEPARATORS = re.compile(r"\s*[|,\n]\s*")
_TRUE = {"oui", "o", "vrai", "true", "1", "x", "yes"}
_FALSE = {"non", "n", "faux", "false", "0", "no", ""}


def split_list(text: str) -> list[str]:
    """ "a | b, c" → ["a", "b", "c"] (empty items dropped)."""
    return [item for item in _LIST_SEPARATORS.split(text or "") if item.strip()]


def clean_choices(row: Row, column: str, values: Iterable[str], choices: Choices) -> list[str]:
    """Each value mapped to its code; one error per unknown value."""
    found = []
    for value in values:
        code = choices.find(value)
        if code is None:
            row.error(
                column,
                _("« %(value)s » n’est pas une valeur connue. Valeurs acceptées : %(accepted)s.")
                % {"value": value, "accepted": choices.accepted()},
                value,
            )
        elif code not in found:
            found.append(code)
    return found


def find_commune(row: Row, column: str, text: str, vocabulary: Vocabulary, *, unknown: str):
    """The commune named by `text`, or None with a row error (`unknown` says how to fix)."""
    try:
        commune = vocabulary.commune(text)
    except LookupError as error:
        row.error(column, str(error.args[0]), text)
        return None
    if commune is None:
        row.error(column, unknown, text)
    return commune


def clean_bool(row: Row, column: str, text: str) -> bool:
    folded = fold(text)
    if folded in _TRUE:
        return True
    if folded not in _FALSE:
        row.error(column, _("Écrivez « oui » ou « non » (ou laissez la case vide)."), text)
    return False


def clean_text(row: Row, column: str, text: str, *, required=False, max_length=None) -> str:
    text = (text or "").strip()
    if required and not text:
        row.error(column, _("Cette case est obligatoire : remplissez-la."))
    if max_length and len(text) > max_length:
        row.error(
            column,
            _("Le texte fait %(length)s caractères ; raccourcissez-le à %(max)s au plus.")
            % {"length": len(text), "max": max_length},
            text[:50] + "…",
        )
        text = text[:max_length]
    return text


def clean_url(row: Row, column: str, text: str) -> str:
    text = (text or "").strip()
    if text and not re.match(r"^https?://[^\s/$.?#][^\s]*$", text, re.IGNORECASE):
        row.error(
            column,
            _("Adresse web invalide : elle doit commencer par https:// (ou http://)."),
            text,
        )
        return ""
    return text


def clean_int(row: Row, column: str, text: str) -> int | None:
    text = (text or "").strip().replace(" ", "").replace("\u202f", "").replace("\xa0", "")
    if not text:
        return None
    if not text.isdigit() or int(text) < 1:
        row.error(
            column,
            _("Écrivez un nombre entier positif, sans texte (par exemple 50), ou laissez vide."),
            text,
        )
        return None
    return int(text)


_COORDINATE_STEP = Decimal("0.00001")


def _coordinate(row: Row, column: str, value, limit: int, example: str) -> Decimal | None:
    text = str(value).strip().replace(",", ".") if value is not None else ""
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite() or not -limit <= number <= limit:
        row.error(
            column,
            _(
                "Écrivez un nombre en degrés décimaux entre -%(limit)s et %(limit)s (par exemple "
                "%(example)s), ou laissez vide."
            )
            % {"limit": limit, "example": example},
            value,
        )
        return None
    return number.quantize(_COORDINATE_STEP, rounding=ROUND_HALF_UP)


def clean_coordinates(
    row: Row, columns: tuple[str, str], latitude, longitude
) -> tuple[Decimal | None, Decimal | None]:
    """(latitude, longitude) in decimal degrees (WGS 84), or (None, None) when both are empty.

    Accepts numbers or text with a decimal point or comma. One row error per bad value, and one
    when only one of the two is given.
    """
    empty = [value is None or str(value).strip() == "" for value in (latitude, longitude)]
    if all(empty):
        return None, None
    if any(empty):
        row.error(
            columns[empty.index(True)],
            _("Indiquez la latitude et la longitude ensemble, ou laissez les deux vides."),
        )
        return None, None
    lat = _coordinate(row, columns[0], latitude, 90, "47.21812")
    lon = _coordinate(row, columns[1], longitude, 180, "-1.55361")
    return (lat, lon) if lat is not None and lon is not None else (None, None)


_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y")
_TIME = re.compile(r"^(\d{1,2})\s*(?:[:h]\s*(\d{2})?)?(?::(\d{2}))?$", re.IGNORECASE)


def _parse_date(text: str) -> date | None:
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def _parse_time(text: str) -> time | None:
    match = _TIME.match(text.strip())
    if not match:
        return None
    hour, minute = int(match.group(1)), int(match.group(2) or 0)
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_local_datetime(text: str, *, default_day: date | None = None) -> datetime | None:
    """A date and time as people type them, in Europe/Paris; None when unreadable.

    "10/11/2020 14:00", "10/11/2020 14h", "2020-11-10T14:00", or only "16:00" when
    `default_day` is given (the end of a session on the day it starts).
    """
    text = " ".join((text or "").replace("T", " ").split())
    if not text:
        return None
    if " " in text:
        day_text, time_text = text.split(" ", 1)
        day = _parse_date(day_text)
        moment = _parse_time(time_text)
    else:
        day, moment = default_day, _parse_time(text)
    if day is None or moment is None:
        return None
    return datetime.combine(day, moment, tzinfo=PARIS)


def summarise(text: str, limit: int = MAX_SUMMARY_LENGTH) -> str:
    """The first sentence or so of `text`, cut at a word, within `limit` characters."""
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + "…"


def split_speakers(text: str) -> list[tuple[str, str]]:
    """ "Marie Dupont, DITP | Karim Benali" → [("Marie Dupont", "DITP"), ("Karim Benali", "")]."""
    speakers = []
    for item in re.split(r"[|\n]", text or ""):
        name, _sep, role = item.partition(",")
        if name.strip():
            speakers.append((name.strip()[:150], role.strip()[:200]))
    return speakers


DATE_HELP = "JJ/MM/AAAA HH:MM, par exemple 10/11/2020 14:00"


def check_sessions(row: Row, column: str, sessions: list[tuple[datetime, datetime]]) -> None:
    """Every session ends after it starts, and there are not too many of them."""
    for start, end in sessions:
        if end <= start:
            row.error(
                column,
                _(
                    "La fin (%(end)s) est avant le début (%(start)s) : vérifiez les dates et "
                    "les heures, la fin doit venir après le début."
                )
                % {
                    "start": start.astimezone(PARIS).strftime("%d/%m/%Y %H:%M"),
                    "end": end.astimezone(PARIS).strftime("%d/%m/%Y %H:%M"),
                },
            )
    if len(sessions) > MAX_SESSIONS:
        row.error(
            column,
            _(
                "%(count)s séances : c’est plus que les %(max)s permises ; créez plusieurs "
                "événements."
            )
            % {"count": len(sessions), "max": MAX_SESSIONS},
        )


def check_cross_columns(row: Row, event: ImportedEvent, vocabulary: Vocabulary, labels: dict):
    """Rules between columns: a place for on-site events, a link for external registration."""
    if event.mode in (vocabulary.mode_onsite, vocabulary.mode_hybrid) and event.commune is None:
        row.error(
            labels["commune"],
            _(
                "Un événement sur place ou hybride a besoin d’une commune : indiquez son nom ou "
                "son code INSEE, ou choisissez le mode « en ligne »."
            ),
        )
    if event.registration == vocabulary.registration_external and not event.registration_url:
        row.error(
            labels["registration_url"],
            _(
                "L’inscription se fait sur un site externe : donnez l’adresse de ce site, ou "
                "choisissez « aucune » ou « sur Essaim »."
            ),
        )
