"""Learn the concepts of « similar proposals » from unlabelled answers: writes data/concepts_fr.txt.

Latent semantic analysis: the answers become sublinear TF-IDF vectors over the stems of
`similar.terms` (the analysis used at run time, without concepts); a truncated SVD gives each
stem a vector of its contexts; k-means groups those vectors into concepts. Only stems close to
their concept's centre are kept, so that a concept stays a handful of words used for one idea
(« impot », « fiscal », « contribuable »…). Deterministic for a given corpus and `--seed`.

    nice -n 19 .venv/bin/python manage.py learn_similarity_concepts \\
        --answers ../shared/corpora/granddebat_answers_by_question

The corpus is not part of Essaim; see data/README.md for its source and licence.
"""

import csv
import random
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from essaim.participation import similar

DEFAULT_ANSWERS = (
    settings.PROJECT_DIR.parent / "shared" / "corpora" / "granddebat_answers_by_question"
)
OUTPUT = Path(similar.__file__).parent / "data" / similar.CONCEPTS_FILE


def stems(text: str) -> list[str]:
    counts = similar.terms(text, thesaurus=False, learned=False)
    return [t for t, c in counts.items() for _ in range(c)]


def read_answers(folder: Path, sample: int, seed: int) -> list[str]:
    texts = set()
    for path in sorted(folder.glob("answers_*.csv")):
        with path.open(encoding="utf-8", newline="") as source:
            texts.update(row["text"] for row in csv.DictReader(source))
    ordered = sorted(texts)
    random.Random(seed).shuffle(ordered)
    return ordered[:sample]


def learn(texts, *, dimensions: int, concepts: int, min_documents: int, min_cosine: float,
          seed: int) -> list[list[str]]:  # fmt: skip
    """Concepts (lists of stems, the most central first) learned from `texts`."""
    import numpy as np
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    vectoriser = TfidfVectorizer(
        analyzer=stems, min_df=min_documents, sublinear_tf=True, dtype=np.float32
    )
    matrix = vectoriser.fit_transform(texts)
    vocabulary = vectoriser.get_feature_names_out()
    svd = TruncatedSVD(dimensions, algorithm="randomized", n_iter=7, random_state=seed)
    svd.fit(matrix)
    # A stem's contexts, the first direction (mere frequency) left out.
    vectors = normalize((svd.components_.T * svd.singular_values_)[:, 1:])
    kmeans = KMeans(concepts, n_init=3, random_state=seed).fit(vectors)
    centres = normalize(kmeans.cluster_centers_)
    closeness = np.einsum("ij,ij->i", vectors, centres[kmeans.labels_])
    members: dict[int, list[tuple[float, str]]] = {}
    for index, (label, cosine) in enumerate(zip(kmeans.labels_, closeness, strict=True)):
        if cosine >= min_cosine:
            members.setdefault(int(label), []).append((-float(cosine), str(vocabulary[index])))
    groups = [[s for _c, s in sorted(found)] for found in members.values() if len(found) >= 2]
    return sorted(groups, key=lambda group: group[0])


class Command(BaseCommand):
    help = "Apprend les concepts des propositions similaires (data/concepts_fr.txt)."

    def add_arguments(self, parser):
        parser.add_argument("--answers", type=Path, default=DEFAULT_ANSWERS)
        parser.add_argument("--output", type=Path, default=OUTPUT)
        parser.add_argument("--sample", type=int, default=150_000)
        parser.add_argument("--dimensions", type=int, default=150)
        parser.add_argument("--concepts", type=int, default=200)
        parser.add_argument("--min-documents", type=int, default=20)
        parser.add_argument("--min-cosine", type=float, default=0.5)
        parser.add_argument("--seed", type=int, default=0)

    def handle(self, *args, **options):
        texts = read_answers(options["answers"], options["sample"], options["seed"])
        self.stdout.write(f"{len(texts)} réponses")
        groups = learn(
            texts,
            dimensions=options["dimensions"],
            concepts=options["concepts"],
            min_documents=options["min_documents"],
            min_cosine=options["min_cosine"],
            seed=options["seed"],
        )
        parameters = " ".join(
            f"--{name.replace('_', '-')} {options[name]}"
            for name in ("sample", "dimensions", "concepts", "min_documents", "min_cosine", "seed")
        )
        lines = [
            "# Concepts learned by `manage.py learn_similarity_concepts` (see README.md).",
            f"# Parameters: {parameters}; {len(texts)} answers.",
            "# One concept a line: its name (its most central stem), then its stems.",
            *(f"{group[0]} {' '.join(group)}" for group in groups),
        ]
        options["output"].parent.mkdir(parents=True, exist_ok=True)
        options["output"].write_text("\n".join(lines) + "\n", encoding="utf-8")
        counts = Counter(len(g) for g in groups)
        self.stdout.write(
            f"{len(groups)} concepts, {sum(len(g) for g in groups)} radicaux "
            f"({max(counts, default=0)} au plus par concept) → {options['output']}"
        )
