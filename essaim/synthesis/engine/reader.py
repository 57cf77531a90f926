"""Reading contributions from a CSV file as people export them (Excel, LibreOffice, scripts).

UTF-8 (with or without BOM) or Windows-1252, comma, semicolon, tab or pipe separators, texts of
any length. Every row becomes one contribution, in file order; what could not be used is
counted in a `ReadSummary` instead of stopping the reading.
"""

import csv
import io
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from essaim.synthesis.engine.model import Contribution

csv.field_size_limit(sys.maxsize)


@dataclass
class Column:
    """Which CSV columns hold what (only `text` is required)."""

    text: str = "text"
    id: str = ""
    question: str = ""
    date: str = ""
    territory: str = ""
    author_type: str = ""


@dataclass
class ReadSummary:
    encoding: str = "utf-8"
    delimiter: str = ","
    rows: int = 0
    empty_texts: int = 0
    missing_ids: int = 0
    repeated_ids: int = 0
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What was read and set aside, in French."""
        result = [
            f"{_count(self.rows, 'ligne lue', 'lignes lues')} "
            f"(encodage {self.encoding}, séparateur "
            f"« {self.delimiter if self.delimiter != chr(9) else 'tabulation'} »)."
        ]
        if self.empty_texts:
            result.append(
                f"{_count(self.empty_texts, 'ligne sans texte', 'lignes sans texte')} : "
                "gardées, « non classées »."
            )
        if self.missing_ids:
            result.append(
                f"{_count(self.missing_ids, 'ligne', 'lignes')} sans identifiant : "
                "leur numéro de ligne en tient lieu."
            )
        if self.repeated_ids:
            result.append(f"{self.repeated_ids} identifiants apparaissent plusieurs fois.")
        return result + self.notes


def decode(data: bytes) -> tuple[str, str]:
    """The text of a file and its encoding: UTF-8 if it is valid, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "windows-1252"


def _delimiter(text: str) -> str:
    header = text.split("\n", 1)[0]
    counts = {d: header.count(d) for d in (";", ",", "\t", "|")}
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def read_csv(
    source: Path | str | bytes, columns: Column
) -> tuple[list[Contribution], list[str], ReadSummary]:
    """Contributions (ids are row numbers, unique), the file's own ids, and what was read.

    Raises ValueError with a French message when the file cannot be used at all.
    """
    data = source if isinstance(source, bytes) else Path(source).read_bytes()
    text, encoding = decode(data)
    text = text.replace("\x00", "")
    if not text.strip():
        raise ValueError(
            "Le fichier est vide : il faut une ligne d’en-tête puis une ligne par contribution."
        )
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    index = {name: i for i, name in enumerate(header)}
    wanted = {
        "texte": columns.text,
        "identifiant": columns.id,
        "question": columns.question,
        "date": columns.date,
        "territoire": columns.territory,
        "type d’auteur": columns.author_type,
    }
    for role, name in wanted.items():
        if name and name not in index:
            raise ValueError(
                f"La colonne « {name} » (pour le {role}) n’existe pas dans le fichier. Colonnes "
                f"trouvées : {', '.join(f'« {h} »' for h in header)}. Choisissez l’une d’elles."
            )
    summary = ReadSummary(encoding=encoding, delimiter=delimiter)

    def cell(row: list[str], name: str) -> str:
        position = index.get(name) if name else None
        return row[position] if position is not None and position < len(row) else ""

    contributions, ids = [], []
    for row in reader:
        if not any(value.strip() for value in row):
            continue
        summary.rows += 1
        number = summary.rows
        own_id = cell(row, columns.id).strip()
        if not own_id:
            summary.missing_ids += columns.id != ""
            own_id = f"ligne-{number}"
        ids.append(own_id)
        body = cell(row, columns.text)
        summary.empty_texts += not body.strip()
        contributions.append(
            Contribution(
                id=str(number),
                text=body,
                question=cell(row, columns.question).strip(),
                date=cell(row, columns.date).strip(),
                territory=cell(row, columns.territory).strip(),
                author_type=cell(row, columns.author_type).strip(),
            )
        )
    summary.repeated_ids = sum(n - 1 for n in Counter(ids).values() if n > 1)
    if not contributions:
        raise ValueError("Le fichier n’a aucune ligne de contribution sous son en-tête.")
    return contributions, ids, summary


def _count(number: int, one: str, many: str) -> str:
    """« 1 ligne lue », « 2 lignes lues »: French agreement without gettext (no Django here)."""
    return f"{number} {one if number == 1 else many}"
