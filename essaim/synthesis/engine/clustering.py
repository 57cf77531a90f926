"""Themes from TF-IDF vectors: NMF topics on a sample, refined as spherical k-means on all.

NMF on TF-IDF scored best against people's categories on the Grande Annotation set (see
BENCHMARKS.md, section « Synthèse »); fitting it on a sample of at most `SAMPLE` distinct texts
and then assigning every text to the nearest theme centre keeps a million contributions within
minutes on two cores. A text too far from every centre stays « non classée ».
"""

import warnings

import numpy as np
from scipy import sparse
from sklearn.decomposition import NMF
from sklearn.exceptions import ConvergenceWarning

SAMPLE = 4000
NMF_TERMS = 2000
NMF_ITERATIONS = 100
# Below this cosine to its nearest centre, a text fits no theme.
MIN_SIMILARITY = 0.05
MAX_THEMES = 24
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
