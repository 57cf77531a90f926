"""`python -m bench.similar`: do « similar proposals » find answers that mean the same thing?

Evaluation only, on the Grande Annotation set (CC BY-SA, never shipped nor learned from): within
one question, each answer with a category is a query; the other answers of the question are
ranked by each method; an answer is relevant when people gave it a category of the query's
(catch-all categories excepted). Figures: precision of the first 5 (what the form shows) and mean
average precision (MAP, the whole ranking), per question and over all queries.

Methods: (a) trigram similarity as PostgreSQL's pg_trgm computes it (Decidim's method);
(b) `similar` with the hand-written thesaurus only (the version before learned concepts);
(c) `similar` as shipped (thesaurus and learned concepts); plus ablations.
"""

import argparse
import csv
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

import numpy as np
from scipy import sparse

from bench.synthesis.corpora import LABELLED

# Categories that say nothing shared: « other », « off topic ».
CATCH_ALL = {"Z Autres", "Sans réponse / Hors sujet / Inclassable"}
MIN_ANSWERS = 20
TOP = 5
_TRIGRAM_WORD = re.compile(r"\w+", re.U)


def questions(folder: Path, *, min_votes: int) -> dict[str, list[dict]]:
    """Answers per question (at least MIN_ANSWERS), each with its set of meaningful labels."""
    import json

    by_question: dict[str, list[dict]] = defaultdict(list)
    with (folder / "contributions_labelled.csv").open(encoding="utf-8", newline="") as source:
        for row in csv.DictReader(source):
            votes = json.loads(row["label_votes"] or "{}")
            labels = {k for k, v in votes.items() if v >= min_votes and k not in CATCH_ALL}
            by_question[row["question_text"]].append({"text": row["text"], "labels": labels})
    return {q: rows for q, rows in by_question.items() if len(rows) >= MIN_ANSWERS}


def trigrams(text: str) -> set[str]:
    """pg_trgm's trigrams: lower-case alphanumeric words, two spaces before, one after."""
    grams = set()
    for word in _TRIGRAM_WORD.findall(text.lower()):
        padded = f"  {word} "
        grams.update(padded[i : i + 3] for i in range(len(padded) - 2))
    return grams


def trigram_scores(texts: list[str]) -> np.ndarray:
    """pg_trgm `similarity()` of every pair: shared trigrams / trigrams of either."""
    index: dict[str, int] = {}
    rows, cols = [], []
    for i, text in enumerate(texts):
        for gram in trigrams(text):
            rows.append(i)
            cols.append(index.setdefault(gram, len(index)))
    matrix = sparse.csr_matrix(
        (np.ones(len(rows), dtype=np.float32), (rows, cols)), shape=(len(texts), len(index))
    )
    shared = (matrix @ matrix.T).toarray()
    sizes = np.asarray(matrix.sum(axis=1)).ravel()
    union = sizes[:, None] + sizes[None, :] - shared
    return np.divide(shared, union, out=np.zeros_like(shared), where=union > 0)


def similar_scores(texts: list[str], **switches) -> np.ndarray:
    """`similar.rank` of each answer against all the others, the question as the campaign."""
    from essaim.participation.similar import rank, terms

    counts = [terms(t, **switches) for t in texts]
    frequency: dict[str, int] = defaultdict(int)
    for c in counts:
        for t in c:
            frequency[t] += 1
    result = np.zeros((len(texts), len(texts)))
    for i, query in enumerate(counts):
        result[i] = rank(query, counts, frequency=frequency, total=len(texts))
    return result


METHODS = {
    "a. Trigrammes (pg_trgm, comme Decidim)": trigram_scores,
    "b. similar.py, thésaurus écrit à la main (avant)": lambda t: similar_scores(
        t, thesaurus=True, learned=False
    ),
    "c. similar.py, thésaurus et concepts appris (livré)": lambda t: similar_scores(
        t, thesaurus=True, learned=True
    ),
    "c′. concepts appris seuls, sans thésaurus": lambda t: similar_scores(
        t, thesaurus=False, learned=True
    ),
    "radicaux seuls, sans concept": lambda t: similar_scores(t, thesaurus=False, learned=False),
}


def evaluate(rows: list[dict], scores: np.ndarray) -> tuple[int, float, float]:
    """(queries, sum of precision@5, sum of average precision) over `rows` with a label."""
    queries, precision, average = 0, 0.0, 0.0
    for i, row in enumerate(rows):
        if not row["labels"]:
            continue
        others = [j for j in range(len(rows)) if j != i]
        order = sorted(others, key=lambda j: (-scores[i, j], j))  # ties: corpus order
        hits = [bool(row["labels"] & rows[j]["labels"]) for j in order]
        if not any(hits):
            continue
        queries += 1
        precision += sum(hits[:TOP]) / TOP
        found, total = 0, 0.0
        for rank_, hit in enumerate(hits, 1):
            if hit:
                found += 1
                total += found / rank_
        average += total / found
    return queries, precision, average


def chance(rows: list[dict]) -> tuple[float, int]:
    """Expected precision@5 of a random order: the share of relevant answers, per query."""
    shares = []
    for i, row in enumerate(rows):
        relevant = sum(
            1 for j, other in enumerate(rows) if j != i and row["labels"] & other["labels"]
        )
        if row["labels"] and relevant:
            shares.append(relevant / (len(rows) - 1))
    return sum(shares), len(shares)


def percent(value: float) -> str:
    return f"{100 * value:.1f}".replace(".", ",")


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.similar", description=__doc__)
    parser.add_argument(
        "--labelled", type=Path, default=LABELLED,
        help="Dossier granddebat_grande_annotation_labelled (%(default)s).",
    )  # fmt: skip
    parser.add_argument(
        "--min-votes", type=int, default=1,
        help="Votes d’annotateurs pour qu’une catégorie compte (%(default)s).",
    )  # fmt: skip
    parser.add_argument("--methods", default="", help="Numéros des méthodes, ex. 0,1 (toutes).")
    args = parser.parse_args(argv)
    if not args.labelled.is_dir():
        raise SystemExit(f"Corpus introuvable : {args.labelled}. Donnez son chemin (--labelled).")
    names = list(METHODS)
    if args.methods:
        names = [names[int(n)] for n in args.methods.split(",")]
    data = questions(args.labelled, min_votes=args.min_votes)
    totals = {name: [0, 0.0, 0.0] for name in names}
    chance_sum, chance_count = 0.0, 0
    header = "| Question | Réponses | Hasard P@5 | " + " | ".join(
        f"{name[:2].strip()} P@5 | {name[:2].strip()} MAP" for name in names
    )
    lines = [header + " |", "|" + "---|" * (3 + 2 * len(names))]
    started = time.perf_counter()
    for question, rows in sorted(data.items(), key=lambda item: -len(item[1])):
        texts = [r["text"] for r in rows]
        cells = []
        for name in names:
            queries, precision, average = evaluate(rows, METHODS[name](texts))
            totals[name][0] += queries
            totals[name][1] += precision
            totals[name][2] += average
            cells += [percent(precision / queries), percent(average / queries)] if queries else [
                "–", "–"
            ]  # fmt: skip
        share, count = chance(rows)
        chance_sum, chance_count = chance_sum + share, chance_count + count
        hasard = percent(share / count) if count else "–"
        lines.append(f"| {question[:90]}… | {len(rows)} | {hasard} | " + " | ".join(cells) + " |")
        print(lines[-1], flush=True)
    overall = []
    for name in names:
        queries, precision, average = totals[name]
        overall += [percent(precision / queries), percent(average / queries)]
    lines.append(
        f"| **Toutes ({totals[names[0]][0]} requêtes)** | {sum(len(r) for r in data.values())} | "
        f"{percent(chance_sum / chance_count)} | " + " | ".join(overall) + " |"
    )
    print("\n".join(["", *(f"{name}" for name in names), "", *lines]))
    print(f"\n{time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
