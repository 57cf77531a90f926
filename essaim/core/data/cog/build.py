"""Rebuild the shipped territory files from INSEE's Code officiel géographique (COG).

Usage (from the project root, once per new COG edition):

    .venv/bin/python essaim/core/data/cog/build.py /path/to/cog_insee_2024

The source folder holds the CSV files of etalab/decoupage-administratif (`regions.csv`,
`departements.csv`, `communes.csv`, `population_communes.csv`). The output is three small
gzip-compressed CSV files next to this script, read by `essaim load_territories`.
"""

import csv
import gzip
import io
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _write(name: str, header: list[str], rows: list[list]) -> None:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    # mtime=0 and no file name: the same input always gives the same bytes.
    with (
        open(HERE / name, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as handle,
    ):
        handle.write(text.getvalue().encode("utf-8"))


def _populations(communes: list[dict], population: list[dict]) -> dict[str, int]:
    """Population municipale per current commune.

    The population file follows the previous year's geography: a commune merged since then is
    added to the commune that absorbed it when the COG lists it as a commune déléguée or
    associée, and the municipal arrondissements of Paris, Lyon and Marseille add up to their
    commune. A commune absent from the file (Mayotte, a commune recreated since) gets none.
    """
    by_code = {row["COM"]: int(row["PMUN"]) for row in population}
    current = {row["COM"] for row in communes if row["TYPECOM"] == "COM"}
    totals = {code: by_code[code] for code in current if code in by_code}
    for row in communes:
        code, parent = row["COM"], row["COMPARENT"]
        if row["TYPECOM"] != "COM" and code not in current and code in by_code:
            totals[parent] = totals.get(parent, 0) + by_code.pop(code)
    return totals


def build(source: Path) -> None:
    regions = _rows(source / "regions.csv")
    departments = _rows(source / "departements.csv")
    communes = _rows(source / "communes.csv")
    populations = _populations(communes, _rows(source / "population_communes.csv"))
    _write("regions.csv.gz", ["code", "name"], [[r["REG"], r["LIBELLE"]] for r in regions])
    _write(
        "departements.csv.gz",
        ["code", "region", "name"],
        [[d["DEP"], d["REG"], d["LIBELLE"]] for d in departments],
    )
    _write(
        "communes.csv.gz",
        ["code", "department", "region", "name", "population"],
        [
            [c["COM"], c["DEP"], c["REG"], c["LIBELLE"], populations.get(c["COM"], "")]
            for c in communes
            if c["TYPECOM"] == "COM"
        ],
    )


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    build(Path(sys.argv[1]))
