"""Loading the real corpora (never shipped: they live in ../shared/corpora or a given path)."""

import csv
import random
from collections import defaultdict
from pathlib import Path

from essaim.synthesis.engine import Contribution

SHARED = Path(__file__).resolve().parents[3] / "shared" / "corpora"
LABELLED = SHARED / "granddebat_grande_annotation_labelled"
ANSWERS = SHARED / "granddebat_answers_by_question"
MIN_ANSWERS = 40


def labelled_questions(folder: Path) -> dict[str, list[dict]]:
    """Answers with a top label, per question with at least MIN_ANSWERS of them."""
    path = folder / "contributions_labelled.csv"
    by_question: dict[str, list[dict]] = defaultdict(list)
    with path.open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            if row["top_label"]:
                by_question[row["question_text"]].append(row)
    return {q: rows for q, rows in by_question.items() if len(rows) >= MIN_ANSWERS}


def answers(folder: Path, count: int, *, seed: int = 0) -> list[Contribution]:
    """`count` answers drawn at random; beyond the corpus size, copies get new ids."""
    everything = []
    for path in sorted(folder.glob("answers_*.csv")):
        with path.open(encoding="utf-8", newline="") as source:
            everything += [
                (row["answer_id"], row["text"], row["question_key"])
                for row in csv.DictReader(source)
            ]
    random.Random(seed).shuffle(everything)
    result = []
    for n in range(count):
        answer_id, text, question = everything[n % len(everything)]
        copy = n // len(everything)
        result.append(Contribution(id=f"{answer_id}~{copy}" if copy else answer_id, text=text,
                                   question=question))  # fmt: skip
    return result
