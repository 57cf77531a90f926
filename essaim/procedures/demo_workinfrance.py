"""The WorkInFrance demo procedure: a real démarches-simplifiées form (see data/workinfrance/
README.md for its source and Apache-2.0 licence), imported through `ds_import` as a check of
what the builder can express. Its CSV files are turned back into the shape of DS's API export.
"""

import csv
from pathlib import Path

from essaim.procedures import ds_import

FOLDER = Path(__file__).parent / "data" / "workinfrance"
TITLE = "Autorisation provisoire de travail (WorkInFrance)"
DESCRIPTION = (
    "Demande d’autorisation provisoire de travail pour un étudiant étranger, déposée par "
    "l’employeur ou par l’étudiant mandaté. Formulaire importé de démarches-simplifiées."
)


def _rows(name) -> list[dict]:
    with (FOLDER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def ds_export() -> dict:
    """The WorkInFrance procedure in démarches-simplifiées' API v1 shape."""
    fields = _rows("form_fields.csv")

    def entry(row):
        return {
            "id": int(row["field_id"]),
            "libelle": row["libelle"],
            "type_champ": row["type_champ"],
            "description": row["description"],
            "order_place": int(row["order_place"]),
        }

    return {
        "procedure": {
            "label": TITLE,
            "description": DESCRIPTION,
            "types_de_champ": [entry(r) for r in fields if r["scope"] == "public"],
            "types_de_champ_private": [entry(r) for r in fields if r["scope"] == "private"],
            "types_de_piece_justificative": [
                {
                    "id": int(row["piece_id"]),
                    "libelle": row["libelle"],
                    "description": row["description"],
                    "order_place": int(row["order_place"]),
                }
                for row in _rows("required_documents.csv")
            ],
        }
    }


def definition() -> tuple[dict, list[str]]:
    """(definition, report of what could not be mapped) of the WorkInFrance procedure."""
    return ds_import.read_ds_procedure(ds_export())
