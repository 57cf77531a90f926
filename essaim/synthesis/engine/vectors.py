"""TF-IDF vectors of analysed contributions, with a vocabulary that can be saved and reused.

The vocabulary and the IDF weights are fitted once; new contributions are vectorised with the
same ones, so they land in the same space as the themes (incremental assignment).
"""

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass
class Vocabulary:
    terms: list[str]
    idf: np.ndarray  # float32, one weight per term

    def __post_init__(self) -> None:
        self.index = {t: i for i, t in enumerate(self.terms)}

    @classmethod
    def fit(
        cls,
        documents: Sequence[list[str]],
        *,
        weights: Sequence[int] | None = None,
        min_df: int = 2,
        max_df: float = 0.5,
        max_terms: int = 100_000,
    ) -> "Vocabulary":
        """Terms seen in at least `min_df` documents and at most `max_df` of them.

        `weights` counts how many contributions each (deduplicated) document stands for.
        """
        weights = weights if weights is not None else [1] * len(documents)
        df: Counter[str] = Counter()
        for terms, weight in zip(documents, weights, strict=True):
            for t in set(terms):
                df[t] += weight
        total = max(sum(weights), 1)
        min_df = min(min_df, max(1, total // 4))  # tiny corpora keep their words
        ceiling = max(max_df * total, min_df)
        kept = [(t, n) for t, n in df.items() if min_df <= n <= ceiling]
        kept.sort(key=lambda item: (-item[1], item[0]))
        kept = kept[:max_terms]
        kept.sort()
        terms = [t for t, _ in kept]
        idf = np.array([np.log((1 + total) / (1 + n)) + 1 for _, n in kept], dtype=np.float32)
        return cls(terms, idf)

    def transform(self, documents: Iterable[list[str]]) -> sparse.csr_matrix:
        """Rows of sublinear TF-IDF, L2-normalised (a row of zeros for an empty document)."""
        indptr, indices, values = [0], [], []
        index = self.index
        for terms in documents:
            counts = Counter(index[t] for t in terms if t in index)
            indices.extend(counts.keys())
            values.extend(counts.values())
            indptr.append(len(indices))
        matrix = sparse.csr_matrix(
            (np.array(values, dtype=np.float32), np.array(indices, dtype=np.int32), indptr),
            shape=(len(indptr) - 1, len(self.terms)),
        )
        matrix.data = (1 + np.log(matrix.data)) * self.idf[matrix.indices]
        return normalize_rows(matrix)

    def to_dict(self) -> dict:
        return {"terms": self.terms, "idf": [round(float(v), 5) for v in self.idf]}

    @classmethod
    def from_dict(cls, data: dict) -> "Vocabulary":
        return cls(list(data["terms"]), np.array(data["idf"], dtype=np.float32))


def normalize_rows(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    matrix = matrix.tocsr().astype(np.float32)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1
    return sparse.diags(1 / norms).astype(np.float32) @ matrix
