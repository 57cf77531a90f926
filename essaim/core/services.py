"""Operations that change the core tables: loading the official geography."""

import csv
import gzip
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from essaim.core.models import ChangeCounter, Level, Territory
from essaim.core.text import fold

# core.ChangeCounter bumped whenever régions or départements change (cached choice lists).
TERRITORIES_COUNTER = "territories"

COG_DIR = Path(__file__).resolve().parent / "data" / "cog"
COG_FILES = {
    Level.REGION: ("regions.csv.gz", ["code", "name"]),
    Level.DEPARTMENT: ("departements.csv.gz", ["code", "region", "name"]),
    Level.COMMUNE: ("communes.csv.gz", ["code", "department", "region", "name", "population"]),
}
_BATCH_SIZE = 2000
_FIELDS = ["name", "search_name", "parent_id", "region_id", "population"]


class TerritoryDataError(Exception):
    """The territory files are missing or inconsistent; the message says what to fix, in French."""


@dataclass
class LevelCounts:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # In the database but no longer in the files: kept, since records may point at them.
    absent: int = 0

    @property
    def total(self) -> int:
        return self.created + self.updated + self.unchanged


@dataclass
class LoadSummary:
    source_dir: Path
    counts: dict[str, LevelCounts] = field(default_factory=dict)


def load_territories(*, source_dir: Path | str | None = None) -> LoadSummary:
    """Create or update every région, département and commune from the COG files.

    Reads `regions.csv.gz`, `departements.csv.gz` and `communes.csv.gz` from `source_dir`
    (by default the files shipped in essaim/core/data/cog). Idempotent: a territory is found by
    (level, code); a second run changes nothing and creates nothing.

    Side effects: in one transaction, bulk-inserts the missing territories and bulk-updates the
    changed ones (name, parent, region, population). Territories absent from the files are
    counted, never deleted. Raises TerritoryDataError, before writing anything, when a file is
    missing or a row points at an unknown parent.
    """
    source = Path(source_dir) if source_dir else COG_DIR
    rows = {level: _read(source, level) for level in COG_FILES}
    _check(rows)
    populations = _populations(rows[Level.COMMUNE])
    summary = LoadSummary(source_dir=source)
    with transaction.atomic():
        known_regions = _ids(Level.REGION)
        regions = {
            r["code"]: _values(r, None, known_regions.get(r["code"]), populations[r["code"], 0])
            for r in rows[Level.REGION]
        }
        summary.counts[Level.REGION] = _sync(Level.REGION, regions)
        # A new région is its own région: only known once it has an id.
        Territory.objects.filter(level=Level.REGION, region__isnull=True).update(region=F("id"))
        region_ids = _ids(Level.REGION)
        departments = {
            d["code"]: _values(
                d, region_ids[d["region"]], region_ids[d["region"]], populations[d["code"], 1]
            )
            for d in rows[Level.DEPARTMENT]
        }
        summary.counts[Level.DEPARTMENT] = _sync(Level.DEPARTMENT, departments)
        department_ids = _ids(Level.DEPARTMENT)
        communes = {
            c["code"]: _values(
                c, department_ids[c["department"]], region_ids[c["region"]], _int(c["population"])
            )
            for c in rows[Level.COMMUNE]
        }
        summary.counts[Level.COMMUNE] = _sync(Level.COMMUNE, communes)
        # Bulk writes send no signal: expire the caches of territory lists (agenda filters).
        ChangeCounter.bump(TERRITORIES_COUNTER)
    return summary


def _read(source: Path, level: str) -> list[dict[str, str]]:
    name, columns = COG_FILES[level]
    path = source / name
    try:
        with gzip.open(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle)
            missing = [c for c in columns if c not in (reader.fieldnames or [])]
            if missing:
                raise TerritoryDataError(
                    _("Le fichier %(path)s n’a pas les colonnes %(columns)s : régénérez-le.")
                    % {"path": path, "columns": ", ".join(missing)}
                )
            return list(reader)
    except (OSError, EOFError, UnicodeDecodeError) as exc:
        raise TerritoryDataError(
            _(
                "Impossible de lire %(path)s (%(error)s) : vérifiez que le fichier existe et "
                "qu’il est un CSV compressé en gzip."
            )
            % {"path": path, "error": exc}
        ) from exc


def _check(rows: dict[str, list[dict]]) -> None:
    """Every parent is in the files and every population a whole number, before any write."""
    for commune in rows[Level.COMMUNE]:
        if commune["population"] and not commune["population"].isdigit():
            raise TerritoryDataError(
                _(
                    "Commune %(code)s : la population « %(population)s » n’est pas un nombre "
                    "entier. Corrigez le fichier %(file)s."
                )
                % {**commune, "file": COG_FILES[Level.COMMUNE][0]}
            )
    regions = {r["code"] for r in rows[Level.REGION]}
    departments = {d["code"] for d in rows[Level.DEPARTMENT]}
    for level, parents in (
        (Level.DEPARTMENT, [("region", regions)]),
        (Level.COMMUNE, [("department", departments), ("region", regions)]),
    ):
        for row in rows[level]:
            for column, codes in parents:
                if row[column] not in codes:
                    raise TerritoryDataError(
                        _(
                            "%(level)s %(code)s : le code %(column)s « %(parent)s » est inconnu. "
                            "Corrigez le fichier %(file)s."
                        )
                        % {
                            "level": Level(level).label,
                            "code": row["code"],
                            "column": column,
                            "parent": row[column],
                            "file": COG_FILES[level][0],
                        }
                    )


def _int(value: str) -> int | None:
    return int(value) if value else None


def _populations(communes: list[dict]) -> defaultdict:
    """Population of each région (code, 0) and département (code, 1): the sum of its communes'.

    None when no commune of it has a known population (Mayotte).
    """
    totals = defaultdict(lambda: None)
    for commune in communes:
        if commune["population"]:
            for key in ((commune["region"], 0), (commune["department"], 1)):
                totals[key] = (totals[key] or 0) + int(commune["population"])
    return totals


def _values(row: dict, parent_id: int | None, region_id: int | None, population) -> dict:
    return {
        "name": row["name"],
        "search_name": fold(row["name"]),
        "parent_id": parent_id,
        "region_id": region_id,
        "population": population,
    }


def _ids(level: str) -> dict[str, int]:
    return dict(Territory.objects.filter(level=level).values_list("code", "id"))


def _sync(level: str, wanted: dict[str, dict]) -> LevelCounts:
    counts = LevelCounts()
    existing = {t.code: t for t in Territory.objects.filter(level=level).only("code", *_FIELDS)}
    to_create, to_update = [], []
    for code, values in wanted.items():
        territory = existing.pop(code, None)
        if territory is None:
            to_create.append(Territory(level=level, code=code, **values))
        elif any(getattr(territory, name) != value for name, value in values.items()):
            for name, value in values.items():
                setattr(territory, name, value)
            to_update.append(territory)
        else:
            counts.unchanged += 1
    Territory.objects.bulk_create(to_create, batch_size=_BATCH_SIZE)
    Territory.objects.bulk_update(to_update, _FIELDS, batch_size=_BATCH_SIZE)
    counts.created, counts.updated, counts.absent = len(to_create), len(to_update), len(existing)
    return counts
