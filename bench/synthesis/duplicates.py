"""Precision of the duplicate groups on pairs labelled by hand (tests/synthesis/data).

The 66 pairs were drawn at random among the groups an earlier version of the engine found in
60,000 Grand Débat answers, and labelled « oui » (the same contribution, copied or lightly
reworded) or « non » (different ideas) by the Essaim team. Precision = share of « oui »
among the pairs the engine puts in one group now; recall = share of the « oui » pairs it
still groups.
"""

import csv
from pathlib import Path

from essaim.synthesis.engine.duplicates import group_duplicates, normal_form

PAIRS = Path(__file__).resolve().parents[2] / "tests" / "synthesis" / "data" / "duplicate_pairs.csv"


def evaluate(path: Path = PAIRS) -> dict:
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.DictReader(source))
    grouped = same = found = 0  # plain ints below, not NumPy booleans
    for row in rows:
        forms = [normal_form(row["text_a"]), normal_form(row["text_b"])]
        together = bool(forms[0] == forms[1] or group_duplicates(forms)[0] >= 0)
        grouped += together
        same += together and row["same"] == "oui"
        found += row["same"] == "oui"
    return {
        "pairs": len(rows),
        "grouped": grouped,
        "precision": same / grouped if grouped else 0.0,
        "recall": same / found if found else 0.0,
    }
