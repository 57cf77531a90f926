"""Groups of near-duplicate contributions: copy-paste campaigns and lightly reworded copies.

Texts are compared on their word 3-shingles (lower case, accents folded, stop words kept) with
MinHash signatures and locality-sensitive hashing, all in NumPy. Two texts join a group when
their estimated Jaccard similarity reaches `THRESHOLD` and the shorter one's content words
are in the longer one (see `same_content`). Identical texts are grouped first
(exactly, whatever their length); very short texts (« Non », « RAS ») are never called a
campaign: under `MIN_WORDS` words, being identical is expected.
"""

import zlib
from collections.abc import Sequence

import numpy as np

from essaim.synthesis.engine.text import fold, term, words

MIN_WORDS = 8
THRESHOLD = 0.6
PERMUTATIONS = 64
BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.6 are found with probability ≈ 0.9
_MASK = np.uint64(0xFFFFFFFF)


def normal_form(text: str) -> str:
    """The text as compared: folded words separated by single spaces."""
    return " ".join(fold(w) for w in words(text))


def _shingles(form: str) -> list[int]:
    tokens = form.split()
    grams = [" ".join(tokens[i : i + 3]) for i in range(max(len(tokens) - 2, 1))]
    return sorted({zlib.crc32(g.encode()) for g in grams})


def content_terms(form: str) -> frozenset[str]:
    return frozenset(t for t in (term(w) for w in form.split()) if t)


def same_content(a: frozenset[str], b: frozenset[str]) -> bool:
    """The shorter text's content words are (almost all) in the longer one.

    Short answers that share their wording but not their key word (« la TVA sur… » /
    « la CSG sur… ») are different ideas: one missing content word per ten is tolerated.
    """
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return len(shorter - longer) <= len(shorter) // 10


def _find(parent: np.ndarray, i: int) -> int:
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


def group_duplicates(forms: Sequence[str], *, seed: int = 0) -> np.ndarray:
    """Group index for each normal form (-1 when it has no near duplicate).

    `forms` are distinct normal forms (identical texts were merged before); each group has at
    least two of them. Groups are numbered by their first member.
    """
    n = len(forms)
    candidates = [i for i, f in enumerate(forms) if f.count(" ") + 1 >= MIN_WORDS]
    parent = np.arange(n)
    if len(candidates) >= 2:
        signatures = _signatures([forms[i] for i in candidates], seed=seed)
        contents = [content_terms(forms[i]) for i in candidates]
        rows = PERMUTATIONS // BANDS
        for band in range(BANDS):
            keys = signatures[:, band * rows : (band + 1) * rows]
            combined = np.zeros(len(candidates), dtype=np.uint64)
            for column in range(rows):
                combined = combined * np.uint64(1_000_003) + keys[:, column]
            order = np.argsort(combined, kind="stable")
            sorted_keys = combined[order]
            starts = np.flatnonzero(np.r_[True, sorted_keys[1:] != sorted_keys[:-1]])
            ends = np.r_[starts[1:], len(order)]
            shared = ends - starts >= 2
            for start, end in zip(starts[shared], ends[shared], strict=True):
                members = order[start:end]
                head = members[0]
                agreement = (signatures[members[1:]] == signatures[head]).mean(axis=1)
                for member, similar in zip(members[1:], agreement, strict=True):
                    if similar >= THRESHOLD and same_content(contents[head], contents[member]):
                        a, b = _find(parent, candidates[head]), _find(parent, candidates[member])
                        if a != b:
                            parent[max(a, b)] = min(a, b)
    roots = np.array([_find(parent, i) for i in range(n)], dtype=np.int64)
    sizes = np.bincount(roots, minlength=n)
    groups = np.full(n, -1)
    numbering: dict[int, int] = {}
    for i in range(n):
        if sizes[roots[i]] >= 2:
            groups[i] = numbering.setdefault(int(roots[i]), len(numbering))
    return groups


def _signatures(forms: Sequence[str], *, seed: int) -> np.ndarray:
    """MinHash signatures (len(forms) × PERMUTATIONS, uint64 holding 32-bit values)."""
    shingles = [_shingles(f) for f in forms]
    lengths = np.array([len(s) for s in shingles])
    flat = np.fromiter((h for s in shingles for h in s), dtype=np.uint64, count=int(lengths.sum()))
    offsets = np.r_[0, np.cumsum(lengths)[:-1]]
    rng = np.random.default_rng(seed + 7919)
    a = rng.integers(1, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64) | np.uint64(1)
    b = rng.integers(0, 2**32 - 1, size=PERMUTATIONS, dtype=np.uint64)
    signatures = np.empty((len(forms), PERMUTATIONS), dtype=np.uint64)
    for p in range(PERMUTATIONS):
        hashed = (flat * a[p] + b[p]) & _MASK
        signatures[:, p] = np.minimum.reduceat(hashed, offsets)
    return signatures
