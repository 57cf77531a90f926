"""Read events from an OpenAgenda JSON export (API v2 event objects).

Accepted shapes: `{"events": [...]}` (the agenda's JSON export and the API's answer) or a bare
list of events. Multilingual fields (`title`, `description`, `longDescription`, `keywords`,
`conditions`) may be `{"fr": …, "en": …}` dictionaries or plain strings (the `monolingual`
export); French is preferred, else the first language given.

Mapped fields: `uid`, `title`, `description` + `longDescription` (+ `conditions`), `timings`
(`begin`/`end` with their UTC offset), `attendanceMode` (1 sur place, 2 en ligne, 3 hybride),
`onlineAccessLink`, `location` (`insee`, else `city`; `name`, `address`, `latitude` and
`longitude`), `keywords` (kept,
and read as themes, format or audiences when they name one), `accessibility` (the five flags
`hi` auditif, `ii` intellectuel, `vi` visuel, `pi` psychique, `mi` moteur), `registration`
(`link` entries become an external registration; e-mail and phone are added to the
description), `status` (1 programmé … 6 annulé). OpenAgenda has no "format" field: the caller
gives a default format, used when no keyword names one.
"""

import html
import json
import re
from datetime import datetime

from django.utils.translation import gettext as _

from essaim.agenda.imports.rows import (
    MAX_DESCRIPTION_LENGTH,
    MAX_ROWS,
    MAX_SUMMARY_LENGTH,
    MAX_TITLE_LENGTH,
    PARIS,
    ImportedEvent,
    ImportFileError,
    ImportReport,
    Row,
    Vocabulary,
    check_cross_columns,
    check_sessions,
    clean_coordinates,
    clean_text,
    clean_url,
    find_commune,
    summarise,
)

# OpenAgenda's accessibility codes → the words our vocabulary knows them by.
ACCESSIBILITY_CODES = {
    "hi": "auditif",
    "ii": "intellectuel",
    "vi": "visuel",
    "pi": "psychique",
    "mi": "moteur",
}
STATUSES = {
    1: "scheduled",
    2: "rescheduled",
    3: "moved_online",
    4: "postponed",
    5: "full",
    6: "cancelled",
}
_TAGS = re.compile(r"<[^>]+>")

LABELS = {
    "title": "title",
    "description": "description",
    "timings": "timings",
    "mode": "attendanceMode",
    "commune": "location",
    "online_url": "onlineAccessLink",
    "registration_url": "registration",
    "format": "keywords",
}


def _text(value, language="fr") -> str:
    """A multilingual value in French (or its first language), or a plain string."""
    if isinstance(value, dict):
        value = value.get(language) or next((v for v in value.values() if v), "")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _words(value, language="fr") -> list[str]:
    if isinstance(value, dict):
        value = value.get(language) or next((v for v in value.values() if v), [])
    if isinstance(value, str):
        value = [value]
    return [str(word).strip() for word in value or [] if str(word).strip()]


def _plain(text: str) -> str:
    text = re.sub(r"<\s*(br|/p|/li)\s*/?>", "\n", text or "", flags=re.IGNORECASE)
    return html.unescape(_TAGS.sub("", text)).strip()


def _id_of(value):
    """`attendanceMode` and `status` are integers, or `{"id": n, "label": …}` with labels."""
    if isinstance(value, dict):
        value = value.get("id")
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _load(data: bytes) -> list:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            _(
                "Le fichier n’est pas encodé en UTF-8 (premier caractère illisible à la ligne "
                "%(line)s), comme l’est un export JSON d’OpenAgenda : téléchargez à nouveau "
                "l’export et déposez-le tel quel, sans l’ouvrir ni l’enregistrer dans un autre "
                "logiciel."
            )
            % {"line": data[: error.start].count(b"\n") + 1}
        ) from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportFileError(
            _(
                "Ce fichier n’est pas du JSON valide (ligne %(line)s, colonne %(column)s). "
                "Téléchargez à nouveau l’export JSON depuis OpenAgenda, sans le modifier."
            )
            % {"line": error.lineno, "column": error.colno}
        ) from None
    events = document.get("events") if isinstance(document, dict) else document
    if not isinstance(events, list):
        raise ImportFileError(
            _(
                "Ce JSON ne ressemble pas à un export OpenAgenda : il faut une liste "
                "« events ». Sur OpenAgenda, choisissez « Exporter » puis le format JSON."
            )
        )
    if not events:
        raise ImportFileError(_("L’export ne contient aucun événement."))
    if len(events) > MAX_ROWS:
        raise ImportFileError(
            _("L’export compte plus de %(max)s événements : exportez-le en plusieurs fois.")
            % {"max": MAX_ROWS}
        )
    return events


def parse_openagenda(
    data: bytes, *, vocabulary: Vocabulary, default_format: str = ""
) -> ImportReport:
    """Every event of the export checked; raises ImportFileError when the file is unreadable."""
    report = ImportReport()
    for position, item in enumerate(_load(data), start=1):
        report.rows += 1
        row = Row(position, report)
        if not isinstance(item, dict):
            row.error("—", _("Cet élément n’est pas un événement (objet JSON attendu)."))
            continue
        _read_event(row, item, vocabulary, default_format, report)
    return report


def _read_event(row, item, vocabulary, default_format, report) -> None:
    keywords = _words(item.get("keywords"))
    themes = [code for word in keywords if (code := vocabulary.themes.find(word))]
    audiences = [code for word in keywords if (code := vocabulary.audiences.find(word))]
    format_code = next(
        (code for word in keywords if (code := vocabulary.formats.find(word))), default_format
    )
    if not format_code:
        row.error(
            "keywords",
            _(
                "Format introuvable : OpenAgenda n’en a pas. Choisissez un format par défaut "
                "dans le formulaire d’import, ou ajoutez le format (par exemple « Webinaire ») "
                "aux mots-clés de l’événement."
            ),
        )
    commune, location = _commune(row, item.get("location"), vocabulary)
    latitude, longitude = _coordinates(row, item.get("location"))
    registration_url, description_extra = _registration(row, item.get("registration"))
    mode = {1: vocabulary.mode_onsite, 2: vocabulary.mode_online, 3: vocabulary.mode_hybrid}.get(
        _id_of(item.get("attendanceMode")),
        vocabulary.mode_onsite if commune is not None else vocabulary.mode_online,
    )
    short = _plain(_text(item.get("description")))
    description = "\n\n".join(
        part
        for part in (
            _plain(_text(item.get("longDescription"))) or short,
            _plain(_text(item.get("conditions"))),
            description_extra,
        )
        if part
    )
    event = ImportedEvent(
        line=row.line,
        title=clean_text(
            row, "title", _text(item.get("title")), required=True, max_length=MAX_TITLE_LENGTH
        ),
        summary=summarise(short or description, MAX_SUMMARY_LENGTH),
        description=clean_text(
            row, "description", description, required=True, max_length=MAX_DESCRIPTION_LENGTH
        ),
        format=format_code,
        sessions=_sessions(row, item.get("timings"), item.get("timezone")),
        mode=mode,
        commune=commune,
        venue=location[0][:200],
        address=location[1][:300],
        online_url=clean_url(row, "onlineAccessLink", _text(item.get("onlineAccessLink"))),
        audiences=list(dict.fromkeys(audiences)),
        themes=list(dict.fromkeys(themes)),
        accessibility=_accessibility(item.get("accessibility"), vocabulary),
        registration=vocabulary.registration_external
        if registration_url
        else vocabulary.registration_none,
        registration_url=registration_url,
        latitude=latitude,
        longitude=longitude,
        source_id=str(item.get("uid") or "")[:100],
        keywords=keywords,
        status=STATUSES.get(_id_of(item.get("status")), ""),
    )
    check_cross_columns(row, event, vocabulary, LABELS)
    if not row.failed:
        report.events.append(event)


def _sessions(row, timings, timezone) -> list:
    if not isinstance(timings, list) or not timings:
        row.error(
            "timings",
            _("Aucune séance (« timings » vide) : ajoutez au moins une date à l’événement."),
        )
        return []
    sessions = []
    for number, timing in enumerate(timings, start=1):
        timing = timing if isinstance(timing, dict) else {}
        begin, end = _moment(timing.get("begin"), timezone), _moment(timing.get("end"), timezone)
        if begin is None or end is None:
            row.error(
                _("timings (séance %(number)s)") % {"number": number},
                _(
                    "Début ou fin illisible : OpenAgenda donne des dates ISO 8601 comme "
                    "2020-11-10T14:00:00+01:00. Vérifiez que l’export n’a pas été modifié."
                ),
                f"{timing.get('begin')} → {timing.get('end')}",
            )
            continue
        sessions.append((begin, end))
    check_sessions(row, "timings", sessions)
    return sorted(sessions)


def _moment(value, timezone) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=PARIS)
    return moment.astimezone(PARIS)


def _commune(row, location, vocabulary):
    """(the commune or None, [place name, address]) from OpenAgenda's `location`."""
    if not isinstance(location, dict):
        return None, ["", ""]
    parts = [_text(location.get("name")).strip(), _text(location.get("address")).strip()]
    insee, city = _text(location.get("insee")).strip(), _text(location.get("city")).strip()
    if not (insee or city):
        return None, parts
    unknown = _(
        "Commune inconnue (code INSEE « %(insee)s », ville « %(city)s ») : corrigez le lieu "
        "dans OpenAgenda, il faut une commune française existante."
    ) % {"insee": insee or "—", "city": city or "—"}
    commune = None
    if insee:
        try:
            commune = vocabulary.commune(insee)
        except LookupError:
            commune = None
    if commune is None:
        commune = find_commune(row, "location", city or insee, vocabulary, unknown=unknown)
    return commune, parts


def _coordinates(row, location):
    """(latitude, longitude) from OpenAgenda's `location`, (None, None) when it has none."""
    if not isinstance(location, dict):
        return None, None
    return clean_coordinates(
        row,
        ("location.latitude", "location.longitude"),
        location.get("latitude"),
        location.get("longitude"),
    )


def _registration(row, entries):
    """(the first link, text with the e-mail addresses and phones) from `registration`."""
    link, others = "", []
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        kind, value = entry.get("type"), _text(entry.get("value")).strip()
        if kind == "link" and not link:
            link = clean_url(row, "registration", value)
        elif value:
            others.append(value)
    extra = _("Inscription : %(contacts)s") % {"contacts": ", ".join(others)} if others else ""
    return link, extra


def _accessibility(value, vocabulary) -> list[str]:
    if isinstance(value, dict):
        codes = [code for code, flag in value.items() if flag]
    elif isinstance(value, list):
        codes = [str(code) for code in value]
    else:
        codes = []
    found = []
    for code in codes:
        word = ACCESSIBILITY_CODES.get(code, code)
        if (value := vocabulary.accessibility.find(word)) and value not in found:
            found.append(value)
    return found
