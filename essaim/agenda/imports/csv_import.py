"""Read events from a spreadsheet saved as CSV.

Accepted: UTF-8 with or without a byte-order mark, `;`, `,` or tab separators (guessed from the
header line), French headers in any case and with or without accents (see `columns.COLUMNS`).
One row is one event; a series lists its other sessions in « autres séances ».
"""

import csv
import io
import re

from django.utils.translation import gettext as _

from essaim.agenda.imports.columns import COLUMNS, REQUIRED_COLUMNS
from essaim.agenda.imports.rows import (
    DATE_HELP,
    MAX_DESCRIPTION_LENGTH,
    MAX_ROWS,
    MAX_SUMMARY_LENGTH,
    MAX_TITLE_LENGTH,
    ImportedEvent,
    ImportFileError,
    ImportReport,
    Row,
    Vocabulary,
    check_cross_columns,
    check_sessions,
    clean_bool,
    clean_choices,
    clean_coordinates,
    clean_int,
    clean_text,
    clean_url,
    find_commune,
    parse_local_datetime,
    split_list,
    split_speakers,
    summarise,
)
from essaim.core.text import fold

_SESSION_SEPARATOR = re.compile(r"\s+(?:à|a|-|–|au)\s+", re.IGNORECASE)


def decode(data: bytes) -> str:
    """The text of an uploaded file, or ImportFileError saying where the bad byte is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise ImportFileError(
            _(
                "Le fichier n’est pas encodé en UTF-8 (premier caractère illisible à la ligne "
                "%(line)s). Enregistrez-le au format « CSV UTF-8 » : dans Excel, « Enregistrer "
                "sous » puis « CSV UTF-8 (délimité par des virgules) » ; dans LibreOffice Calc, "
                "« Enregistrer sous », cochez « Éditer les paramètres du filtre » et choisissez "
                "le jeu de caractères « Unicode (UTF-8) »."
            )
            % {"line": line}
        ) from None


def _delimiter(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    best = max(counts, key=counts.get)
    if counts[best] == 0:
        raise ImportFileError(
            _(
                "La première ligne ne contient qu’une colonne. Elle doit donner les noms des "
                "colonnes (titre ; description ; format ; début ; fin…) séparés par des "
                "points-virgules ou des virgules."
            )
        )
    return best


def _map_headers(headers: list[str]) -> dict[str, int]:
    """Column key → index in the row; ImportFileError on duplicates or missing columns."""
    positions, unknown = {}, []
    for index, header in enumerate(headers):
        name = fold(header)
        column = next((c for c in COLUMNS if name in c.names()), None)
        if column is None:
            if name:
                unknown.append(header.strip())
            continue
        if column.key in positions:
            raise ImportFileError(
                _("La colonne « %(header)s » apparaît deux fois : gardez-en une seule.")
                % {"header": column.header}
            )
        positions[column.key] = index
    missing = [column.header for column in REQUIRED_COLUMNS if column.key not in positions]
    if missing:
        raise ImportFileError(
            _(
                "Colonnes obligatoires manquantes : %(missing)s. Ajoutez-les à la première "
                "ligne du fichier (ou partez du modèle à télécharger sur cette page)."
            )
            % {"missing": ", ".join(f"« {name} »" for name in missing)}
        )
    return positions, unknown


def parse_csv(data: bytes, *, vocabulary: Vocabulary) -> ImportReport:
    """Every row of `data` checked; raises ImportFileError when the file cannot be read."""
    text = decode(data)
    if not text.strip():
        raise ImportFileError(_("Le fichier est vide : il doit contenir au moins deux lignes."))
    delimiter = _delimiter(text.splitlines()[0])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    report = ImportReport()
    try:
        headers = next(reader)
        positions, unknown = _map_headers(headers)
        if unknown:
            report.warnings.append(
                _("Colonnes ignorées, car inconnues : %(names)s.")
                % {"names": ", ".join(f"« {name} »" for name in unknown)}
            )
        labels = {
            column.key: headers[positions[column.key]].strip()
            if column.key in positions
            else column.header
            for column in COLUMNS
        }
        previous_end = reader.line_num
        for cells in reader:
            line, previous_end = previous_end + 1, reader.line_num
            if not any(cell.strip() for cell in cells):
                continue
            report.rows += 1
            if report.rows > MAX_ROWS:
                raise ImportFileError(
                    _("Le fichier compte plus de %(max)s événements : découpez-le en plusieurs.")
                    % {"max": MAX_ROWS}
                )
            _read_row(cells, line, positions, labels, len(headers), vocabulary, report)
    except csv.Error as error:
        raise ImportFileError(
            _(
                "Le fichier est mal formé vers la ligne %(line)s (%(detail)s) : vérifiez les "
                "guillemets, un texte qui contient un guillemet ou un séparateur doit être "
                "entouré de guillemets."
            )
            % {"line": reader.line_num, "detail": error}
        ) from None
    if report.rows == 0:
        raise ImportFileError(_("Le fichier ne contient aucun événement sous la ligne des titres."))
    return report


def _read_row(cells, line, positions, labels, width, vocabulary, report) -> None:
    row = Row(line, report)
    if any(cell.strip() for cell in cells[width:]):
        row.error(
            _("(ligne entière)"),
            _(
                "Cette ligne a plus de cases que la ligne des titres : un texte contenant "
                "« %(sep)s » doit être entouré de guillemets."
            )
            % {"sep": ";" if ";" in "".join(cells) else ","},
        )

    def cell(key):
        index = positions.get(key)
        return cells[index].strip() if index is not None and index < len(cells) else ""

    sessions = _sessions(row, cell, labels)
    format_codes = []
    if cell("format"):
        format_codes = clean_choices(row, labels["format"], [cell("format")], vocabulary.formats)
    else:
        row.error(labels["format"], _("Cette case est obligatoire : remplissez-la."))
    commune = None
    if cell("commune"):
        commune = find_commune(
            row,
            labels["commune"],
            cell("commune"),
            vocabulary,
            unknown=_(
                "Commune inconnue : écrivez son nom exact ou son code INSEE à 5 chiffres "
                "(par exemple 44109 pour Nantes), pas le code postal."
            ),
        )
    description = clean_text(
        row,
        labels["description"],
        cell("description"),
        required=True,
        max_length=MAX_DESCRIPTION_LENGTH,
    )
    summary = clean_text(
        row, labels["summary"], cell("summary"), max_length=MAX_SUMMARY_LENGTH
    ) or summarise(description)
    online_url = clean_url(row, labels["online_url"], cell("online_url"))
    latitude, longitude = clean_coordinates(
        row, (labels["latitude"], labels["longitude"]), cell("latitude"), cell("longitude")
    )
    registration_url = clean_url(row, labels["registration_url"], cell("registration_url"))
    event = ImportedEvent(
        line=line,
        title=clean_text(
            row, labels["title"], cell("title"), required=True, max_length=MAX_TITLE_LENGTH
        ),
        summary=summary,
        description=description,
        format=format_codes[0] if format_codes else "",
        sessions=sessions,
        mode=_mode(row, cell("mode"), labels, vocabulary, commune=cell("commune"), url=online_url),
        commune=commune,
        venue=clean_text(row, labels["venue"], cell("venue"), max_length=200),
        address=clean_text(row, labels["address"], cell("address"), max_length=300),
        online_url=online_url,
        online_url_private=clean_bool(
            row, labels["online_url_private"], cell("online_url_private")
        ),
        audiences=clean_choices(
            row, labels["audiences"], split_list(cell("audiences")), vocabulary.audiences
        ),
        themes=clean_choices(row, labels["themes"], split_list(cell("themes")), vocabulary.themes),
        language=_language(row, cell("language"), labels, vocabulary),
        accessibility=clean_choices(
            row,
            labels["accessibility"],
            split_list(cell("accessibility")),
            vocabulary.accessibility,
        ),
        registration=_registration(row, cell("registration"), labels, vocabulary, registration_url),
        registration_url=registration_url,
        capacity=clean_int(row, labels["capacity"], cell("capacity")),
        speakers=split_speakers(cell("speakers")),
        replay_url=clean_url(row, labels["replay_url"], cell("replay_url")),
        latitude=latitude,
        longitude=longitude,
        source_id=cell("source_id")[:100],
    )
    check_cross_columns(row, event, vocabulary, labels)
    if not row.failed:
        report.events.append(event)


def _sessions(row, cell, labels) -> list:
    start = parse_local_datetime(cell("start"))
    if start is None:
        row.error(
            labels["start"],
            _("Date et heure illisibles : écrivez-les ainsi : %(help)s.") % {"help": DATE_HELP}
            if cell("start")
            else _("Cette case est obligatoire : remplissez-la (%(help)s).") % {"help": DATE_HELP},
            cell("start"),
        )
        return []
    end = parse_local_datetime(cell("end"), default_day=start.date())
    if end is None:
        row.error(
            labels["end"],
            _("Date et heure de fin illisibles : écrivez-les ainsi : %(help)s, ou seulement HH:MM.")
            % {"help": DATE_HELP},
            cell("end"),
        )
        return []
    sessions = [(start, end)]
    for text in split_list(cell("extra_sessions")):
        parts = _SESSION_SEPARATOR.split(text.strip(), maxsplit=1)
        extra_start = parse_local_datetime(parts[0])
        extra_end = (
            parse_local_datetime(parts[1], default_day=extra_start.date())
            if extra_start and len(parts) == 2
            else None
        )
        if extra_end is None:
            row.error(
                labels["extra_sessions"],
                _(
                    "Séance illisible : écrivez chaque séance « JJ/MM/AAAA HH:MM à HH:MM » et "
                    "séparez-les par « | »."
                ),
                text,
            )
            continue
        sessions.append((extra_start, extra_end))
    check_sessions(row, labels["end"], sessions)
    return sorted(sessions)


def _mode(row, text, labels, vocabulary, *, commune, url) -> str:
    if text:
        found = clean_choices(row, labels["mode"], [text], vocabulary.modes)
        return found[0] if found else ""
    if commune and url:
        return vocabulary.mode_hybrid
    return vocabulary.mode_onsite if commune else vocabulary.mode_online


def _language(row, text, labels, vocabulary) -> str:
    if not text:
        return "fr"
    found = clean_choices(row, labels["language"], [text], vocabulary.languages)
    return found[0] if found else "fr"


def _registration(row, text, labels, vocabulary, url) -> str:
    if text:
        found = clean_choices(row, labels["registration"], [text], vocabulary.registrations)
        return found[0] if found else ""
    return vocabulary.registration_external if url else vocabulary.registration_none


def template_csv() -> str:
    """A model file to fill in: the headers and one example row, `;`-separated, with a BOM."""
    output = io.StringIO()
    writer = csv.writer(output, delimiter=";", lineterminator="\r\n")
    writer.writerow([column.header for column in COLUMNS])
    writer.writerow([column.example for column in COLUMNS])
    return "\ufeff" + output.getvalue()
