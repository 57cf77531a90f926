"""Agreement with people's categories, question by question (Grande Annotation set).

For each question with at least 40 labelled answers, the answers are clustered alone and
compared with their most-voted category: adjusted mutual information (AMI, 0 = chance, 1 =
identical) and purity (share of answers whose cluster's majority category is theirs). Figures
are weighted by the number of answers. Unclassified answers count as one more cluster.
"""

import time
from collections import Counter, defaultdict

import numpy as np
from sklearn.cluster import KMeans
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import adjusted_mutual_info_score

from essaim.synthesis.engine import Contribution, synthesize


def purity(truth: list[str], predicted: list[str]) -> float:
    clusters: dict[str, Counter] = defaultdict(Counter)
    for t, p in zip(truth, predicted, strict=True):
        clusters[p][t] += 1
    return sum(c.most_common(1)[0][1] for c in clusters.values()) / max(len(truth), 1)


def engine(rows: list[dict], k: int | None) -> list[str]:
    contributions = [Contribution(id=r["row_id"], text=r["text"]) for r in rows]
    synthesis = synthesize(contributions, themes=k, seed=0)
    return [synthesis.placements[r["row_id"]].theme_id or "non classée" for r in rows]


def tfidf_kmeans(rows: list[dict], k: int) -> list[str]:
    """The simple baseline: scikit-learn's TF-IDF with its defaults, k-means."""
    matrix = TfidfVectorizer().fit_transform([r["text"] for r in rows])
    return [str(x) for x in KMeans(k, random_state=0, n_init=10).fit_predict(matrix)]


METHODS = {
    "Moteur Essaim (nombre de thèmes choisi par le moteur)": lambda rows, k: engine(rows, None),
    "Moteur Essaim (autant de thèmes que de catégories)": engine,
    "TF-IDF + k-moyennes (scikit-learn par défaut, k = nombre de catégories)": tfidf_kmeans,
}


def evaluate(questions: dict[str, list[dict]]) -> list[dict]:
    results = []
    for name, method in METHODS.items():
        started = time.monotonic()
        ami = pure = total = 0.0
        clusters, per_question = [], []
        for question, rows in questions.items():
            truth = [r["top_label"] for r in rows]
            k = len(set(truth))
            predicted = method(rows, k)
            score = adjusted_mutual_info_score(truth, predicted)
            per_question.append((question, len(rows), score))
            ami += score * len(rows)
            pure += purity(truth, predicted) * len(rows)
            total += len(rows)
            clusters.append(len(set(predicted)))
        results.append({
            "method": name,
            "ami": ami / total,
            "purity": pure / total,
            "answers": int(total),
            "questions": len(questions),
            "clusters": float(np.mean(clusters)),
            "seconds": time.monotonic() - started,
            "per_question": per_question,
        })  # fmt: skip
        print(f"  {name} : AMI {ami / total:.3f}, pureté {pure / total:.3f}", flush=True)
    return results
