"""Files of a synthesis: contributions.csv, themes.json (report.html is in report.py)."""

import csv
import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from essaim.synthesis.engine.model import REASONS, Contribution, Synthesis
from essaim.synthesis.engine.text import clean

CSV_COLUMNS = ["id", "theme_id", "theme_label", "duplicate_group", "unclassified_reason"]


def contribution_rows(synthesis: Synthesis, contributions: Sequence[Contribution],
                      ids: Sequence[str] | None = None) -> list[list[str]]:  # fmt: skip
    """One row per contribution, in input order (`ids`: the identifiers people know)."""
    labels = {t.id: t.label for t in synthesis.themes}
    rows = []
    for position, contribution in enumerate(contributions):
        placement = synthesis.placements[contribution.id]
        theme = placement.theme_id or ""
        rows.append([
            ids[position] if ids is not None else contribution.id,
            theme,
            labels.get(theme, ""),
            placement.duplicate_group or "",
            REASONS.get(placement.reason, "") if not theme else "",
        ])  # fmt: skip
    return rows


def write_contributions_csv(path: Path, synthesis: Synthesis, contributions, ids=None) -> None:
    """UTF-8 with BOM and `;`, so that Excel opens it as it is."""
    with path.open("w", encoding="utf-8-sig", newline="") as output:
        writer = csv.writer(output, delimiter=";")
        writer.writerow(CSV_COLUMNS)
        writer.writerows(contribution_rows(synthesis, contributions, ids))


def themes_document(synthesis: Synthesis, contributions: Sequence[Contribution],
                    ids: Sequence[str] | None = None) -> dict:  # fmt: skip
    """The JSON-ready description of the themes, unclassified contributions and duplicates."""
    position = {c.id: i for i, c in enumerate(contributions)}

    def shown_id(cid: str) -> str:
        return ids[position[cid]] if ids is not None else cid

    def quote(cid: str) -> dict:
        return {"id": shown_id(cid), "text": clean(contributions[position[cid]].text)}

    unclassified = Counter(p.reason for p in synthesis.placements.values() if p.theme_id is None)
    return {
        "contributions": len(contributions),
        "seed": synthesis.seed,
        "themes": [
            {
                "id": theme.id,
                "label": theme.label,
                "other_phrases": theme.phrases,
                "label_by_person": theme.label_by_person,
                "size": theme.size,
                "share": theme.share,
                "quotes": [quote(cid) for cid in theme.quotes],
                "by_period": theme.by_period,
                "by_territory": theme.by_territory,
                "by_question": theme.by_question,
            }
            for theme in synthesis.themes
        ],
        "unclassified": {
            "size": sum(unclassified.values()),
            "by_reason": {REASONS[r]: n for r, n in unclassified.most_common()},
        },
        "duplicate_groups": [
            {"id": group, "size": len(members), "example": quote(members[0])}
            for group, members in synthesis.duplicate_groups.items()
        ],
    }


def write_themes_json(path: Path, document: dict) -> None:
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
