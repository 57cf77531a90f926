"""Themes from TF-IDF vectors: NMF topics on a sample, refined as spherical k-means on all.

NMF on TF-IDF scored best against people's categories on the Grande Annotation set (see
BENCHMARKS.md, section « Synthèse »); fitting it on a sample of at most `SAMPLE` distinct texts
and then assigning every text to the nearest theme centre keeps a million contributions within
minutes on two cores. A text too far from every centre stays « non classée ».

Short answers share few words, so before the NMF each text of the sample borrows the words of
its `NEIGHBOURS` most similar texts (half its weight, then normalised): « bus en zone rurale »
and « petites lignes de train » meet through the texts that say both. This raised the AMI from
0.199 to 0.223 (13 questions, mean of 5 seeds; see BENCHMARKS.md).
"""

import warnings

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

from essaim.synthesis.engine.vectors import normalize_rows

SAMPLE = 4000
NMF_TERMS = 2000
NMF_ITERATIONS = 100
# Below this cosine to its nearest centre, a text fits no theme.
MIN_SIMILARITY = 0.05
MAX_THEMES = 24
NEIGHBOURS = 10
# Themes per √(distinct texts): 1.3 came closer to people's categories than 1 (AMI +0.01 on
# the Grande Annotation questions, 5 seeds; see BENCHMARKS.md) without crowding the page.
THEMES_PER_ROOT = 1.3


def default_theme_count(distinct_texts: int) -> int:
    """About 1.3 √n themes, between 4 and MAX_THEMES: enough to read, few enough to check."""
    root = np.sqrt(max(distinct_texts, 1))
    return int(min(MAX_THEMES, max(4, round(THEMES_PER_ROOT * root))))


def centres(
    matrix: sparse.csr_matrix, labels: np.ndarray, weights: np.ndarray, k: int
) -> np.ndarray:
    """Normalised weighted mean of each theme's vectors (k × terms, float32)."""
    members = labels >= 0
    indicator = sparse.csr_matrix(
        (weights[members].astype(np.float32), (labels[members], np.flatnonzero(members))),
        shape=(k, matrix.shape[0]),
    )
    result = np.asarray((indicator @ matrix).todense(), dtype=np.float32)
    norms = np.linalg.norm(result, axis=1, keepdims=True)
    norms[norms == 0] = 1
    return result / norms


def nearest(matrix: sparse.csr_matrix, centre_matrix: np.ndarray,
            min_similarity: float = MIN_SIMILARITY) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Index of the nearest centre (-1 when below `min_similarity`) and the similarity."""
    if centre_matrix.shape[0] == 0:
        return np.full(matrix.shape[0], -1), np.zeros(matrix.shape[0], dtype=np.float32)
    scores = np.asarray(matrix @ centre_matrix.T, dtype=np.float32)
    best = scores.argmax(axis=1)
    similarity = scores[np.arange(len(best)), best]
    best[similarity < min_similarity] = -1
    return best, similarity


def smooth(part: sparse.csr_matrix, neighbours: int = NEIGHBOURS) -> sparse.csr_matrix:
    """Each row plus the cosine-weighted mean of its `neighbours` nearest rows, normalised."""
    n = part.shape[0]
    k = min(neighbours, n - 1)
    if k < 1:
        return part
    nearest_rows = np.empty((n, k), dtype=np.int64)
    weights = np.empty((n, k), dtype=np.float32)
    for start in range(0, n, 500):  # 500 rows at a time: the sample's 4000² would take 200 MB
        stop = min(start + 500, n)
        similarity = (part[start:stop] @ part.T).toarray()
        similarity[np.arange(stop - start), np.arange(start, stop)] = 0
        chosen = np.argpartition(-similarity, k - 1, axis=1)[:, :k]
        nearest_rows[start:stop] = chosen
        weights[start:stop] = np.take_along_axis(similarity, chosen, axis=1)
    totals = weights.sum(axis=1, keepdims=True)
    totals[totals == 0] = 1
    borrowed = sparse.csr_matrix(
        ((weights / totals).ravel(), (np.repeat(np.arange(n), k), nearest_rows.ravel())),
        shape=(n, n),
    )
    return normalize_rows(part + borrowed @ part)


def fit_themes(
    matrix: sparse.csr_matrix,
    weights: np.ndarray,
    *,
    k: int | None,
    seed: int,
    min_similarity: float = MIN_SIMILARITY,
) -> tuple[np.ndarray, np.ndarray]:
    """Cluster the rows of `matrix` (distinct texts, `weights` = how many contributions each is).

    Returns (labels, centres): labels[i] is a theme index or -1 (fits no theme).
    """
    rng = np.random.default_rng(seed)
    usable = np.flatnonzero(matrix.getnnz(axis=1) > 0)
    k = k or default_theme_count(len(usable))
    k = max(1, min(k, len(usable) // 2 or 1))
    if len(usable) < 2:
        return np.full(matrix.shape[0], -1), np.zeros((0, matrix.shape[1]), np.float32)
    sample = np.sort(rng.choice(usable, size=min(SAMPLE, len(usable)), replace=False))
    part = matrix[sample]
    # The NMF only sees the most frequent terms of the sample: the refinement uses them all.
    frequent = np.sort(np.argsort(-part.getnnz(axis=0), kind="stable")[:NMF_TERMS])
    part = smooth(part)
    # Rounding can make the reconstruction error (which we never read) a tiny negative number
    # whose square root NumPy reports as invalid.
    with warnings.catch_warnings(), np.errstate(invalid="ignore"):
        warnings.simplefilter("ignore", ConvergenceWarning)
        model = NMF(
            k, init="nndsvda", solver="cd", random_state=seed, max_iter=NMF_ITERATIONS, tol=1e-3
        )
        loadings = model.fit_transform(part[:, frequent])
    labels = np.full(matrix.shape[0], -1)
    labels[sample] = np.where(loadings.max(axis=1) > 0, loadings.argmax(axis=1), -1)
    centre_matrix = centres(matrix, labels, weights, k)
    for _ in range(3):  # spherical k-means on everything, started from the NMF topics
        labels, _similarity = nearest(matrix, centre_matrix, min_similarity)
        centre_matrix = centres(matrix, labels, weights, k)
    labels, _similarity = nearest(matrix, centre_matrix, min_similarity)
    return _drop_empty(labels, centre_matrix)


def _drop_empty(labels: np.ndarray, centre_matrix: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Renumber themes by decreasing size, dropping those left without any text."""
    counts = np.bincount(labels[labels >= 0], minlength=centre_matrix.shape[0])
    order = [j for j in np.argsort(-counts, kind="stable") if counts[j] > 0]
    mapping = np.full(centre_matrix.shape[0] + 1, -1)
    mapping[np.array(order, dtype=int)] = np.arange(len(order))
    return mapping[labels], centre_matrix[order]
