"""Import events from files: a CSV spreadsheet or an OpenAgenda JSON export.

Parsing is separate from saving: `parse_csv` / `parse_openagenda` read a file into an
`ImportReport` (validated `ImportedEvent`s and `RowError`s, row by row) without touching the
database; the organisers' import service saves a clean report in one transaction.
"""

from essaim.agenda.imports.columns import COLUMNS
from essaim.agenda.imports.csv_import import parse_csv, template_csv
from essaim.agenda.imports.openagenda import parse_openagenda
from essaim.agenda.imports.rows import (
    Choices,
    ImportedEvent,
    ImportFileError,
    ImportReport,
    RowError,
    Vocabulary,
)

__all__ = [
    "COLUMNS",
    "Choices",
    "ImportFileError",
    "ImportReport",
    "ImportedEvent",
    "RowError",
    "Vocabulary",
    "parse_csv",
    "parse_openagenda",
    "template_csv",
]
