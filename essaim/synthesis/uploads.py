"""Uploaded contribution files: any CSV people export, or an Excel workbook (.xlsx).

At upload the file is checked and rewritten as one canonical CSV (UTF-8, `;`, unique non-empty
column names), so that later steps (preview, engine reading, reruns) read one format. What was
found on the way (encoding, separator, sheet) is kept as French lines for the reading summary.
Every problem raises `UploadError` with a French message saying how to fix the file.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils.translation import gettext as _

from essaim.synthesis.engine.reader import decode

MAX_BYTES = 30 * 1024 * 1024
MAX_ROWS = 200_000
PREVIEW_ROWS = 5
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
DELIMITERS = (";", ",", "\t", "|")


class UploadError(ValueError):
    """The file cannot be used; the message says why and what to do, in French."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    notes: list[str] = field(default_factory=list)

    def to_csv(self) -> bytes:
        output = io.StringIO(newline="")
        writer = csv.writer(output, delimiter=";")
        writer.writerow(self.header)
        writer.writerows(self.rows)
        return output.getvalue().encode("utf-8")


def read_upload(name: str, data: bytes) -> Table:
    """The table of an uploaded file (raises UploadError)."""
    lower = name.lower()
    if len(data) > MAX_BYTES:
        raise UploadError(
            _(
                "Le fichier pèse %(size)s Mo, au-delà de la limite de %(limit)s Mo : "
                "découpez-le ou retirez les colonnes inutiles."
            )
            % {"size": len(data) // (1024 * 1024), "limit": MAX_BYTES // (1024 * 1024)}
        )
    if not data.strip():
        raise UploadError(_("Le fichier est vide : choisissez le fichier de vos contributions."))
    if lower.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif lower.endswith(".xls") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise UploadError(
            _(
                "Ce classeur est à l’ancien format Excel (.xls) : enregistrez-le au format "
                ".xlsx ou CSV, puis déposez-le à nouveau."
            )
        )
    elif lower.endswith(TEXT_SUFFIXES):
        table = _read_text(data)
    else:
        raise UploadError(
            _(
                "Ce fichier n’est ni un CSV ni un classeur Excel (.xlsx) : exportez vos "
                "contributions dans l’un de ces formats."
            )
        )
    return _checked(table)


def _read_text(data: bytes) -> Table:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16", errors="replace"), "utf-16"
    elif data.startswith((b"PK\x03\x04", b"%PDF")) or data[:4096].count(b"\x00") > 8:
        raise UploadError(
            _(
                "Ce fichier n’est pas un fichier texte CSV (c’est peut-être un PDF, une archive "
                "ou une image) : exportez vos contributions au format CSV ou XLSX."
            )
        )
    else:
        text, encoding = decode(data)
    header_line = text.split("\n", 1)[0]
    delimiter = max(DELIMITERS, key=lambda d: (header_line.count(d), d == ";"))
    reader = csv.reader(io.StringIO(text.replace("\x00", ""), newline=""), delimiter=delimiter)
    try:
        rows = _limited(reader)
    except csv.Error as error:
        raise UploadError(
            _("Le fichier CSV est mal formé (%(error)s) : vérifiez les guillemets des textes.")
            % {"error": error}
        ) from error
    shown = _("tabulation") if delimiter == "\t" else f"« {delimiter} »"
    note = _("Fichier CSV, encodage %(encoding)s, séparateur %(delimiter)s.") % {
        "encoding": encoding,
        "delimiter": shown,
    }
    return Table(rows[0] if rows else [], rows[1:], [note])


def _read_xlsx(data: bytes) -> Table:
    import openpyxl

    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors on a broken file
        raise UploadError(
            _(
                "Ce classeur Excel ne peut pas être lu (fichier abîmé ou protégé par un mot de "
                "passe) : ouvrez-le, enregistrez-le à nouveau au format .xlsx ou CSV."
            )
        ) from error
    try:
        sheet = workbook.worksheets[0]
        rows = _limited([_cell(v) for v in row] for row in sheet.iter_rows(values_only=True))
    finally:
        workbook.close()
    note = _("Classeur Excel, première feuille « %(sheet)s ».") % {"sheet": sheet.title}
    return Table(rows[0] if rows else [], rows[1:], [note])


def _limited(rows) -> list[list[str]]:
    result = []
    for row in rows:
        if not any(value.strip() for value in row):
            continue
        result.append(row)
        if len(result) > MAX_ROWS + 1:
            raise UploadError(
                _(
                    "Le fichier a plus de %(limit)s lignes : découpez-le en plusieurs fichiers "
                    "ou faites-en une synthèse par question."
                )
                % {"limit": f"{MAX_ROWS:_}".replace("_", "\u202f")}
            )
    return result


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _checked(table: Table) -> Table:
    if not table.header:
        raise UploadError(_("Le fichier est vide : choisissez le fichier de vos contributions."))
    if not table.rows:
        raise UploadError(
            _(
                "Le fichier n’a qu’une ligne : il faut une ligne d’en-tête (les noms des "
                "colonnes) puis une ligne par contribution."
            )
        )
    width = max(len(table.header), *(len(row) for row in table.rows))
    names, seen = [], set()
    for i in range(width):
        name = " ".join((table.header[i] if i < len(table.header) else "").split())
        name = name or _("colonne %(n)s") % {"n": i + 1}
        while name in seen:
            name += " bis"
        seen.add(name)
        names.append(name)
    rows = [row + [""] * (width - len(row)) for row in table.rows]
    return Table(names, rows, table.notes)


def preview(data: bytes) -> Table:
    """The header and first rows of a canonical CSV (as written by `Table.to_csv`)."""
    reader = csv.reader(io.StringIO(data.decode("utf-8"), newline=""), delimiter=";")
    header = next(reader, [])
    rows = []
    for row in reader:
        rows.append([value if len(value) <= 200 else value[:199] + "…" for value in row])
        if len(rows) >= PREVIEW_ROWS:
            break
    return Table(header, rows)
