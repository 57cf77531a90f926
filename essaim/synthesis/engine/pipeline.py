"""The synthesis of a set of contributions, and its incremental update.

    synthesis = synthesize(contributions, themes=None, seed=0, progress=callback)
    add_contributions(synthesis, contributions)   # the new ones join existing themes
    synthesis = recompute(synthesis, contributions)  # start over, keep people's corrections

`progress(step, fraction)` is called with a French step name and a fraction of that step.
"""

from collections.abc import Sequence

import numpy as np
from scipy import sparse

from essaim.synthesis.engine import clustering, duplicates
from essaim.synthesis.engine.labels import label_themes
from essaim.synthesis.engine.model import (
    DELETED,
    OUTLIER,
    Contribution,
    Placement,
    Synthesis,
    Theme,
    ThemeModel,
)
from essaim.synthesis.engine.prepare import Prepared, Progress, no_progress, prepare
from essaim.synthesis.engine.summary import refresh
from essaim.synthesis.engine.vectors import Vocabulary

LABEL_SAMPLE = 300


def check_ids(contributions: Sequence[Contribution]) -> None:
    seen: set[str] = set()
    for contribution in contributions:
        if contribution.id in seen:
            raise ValueError(
                f"L’identifiant « {contribution.id} » apparaît deux fois : chaque contribution "
                "doit avoir un identifiant unique."
            )
        seen.add(contribution.id)


def synthesize(contributions: Sequence[Contribution], *, themes: int | None = None,
               seed: int = 0, progress: Progress = no_progress) -> Synthesis:  # fmt: skip
    """Themes, quotes, duplicate groups and figures for `contributions` (deterministic)."""
    check_ids(contributions)
    prepared = prepare(contributions, progress=progress)
    progress("Vectorisation", 0.0)
    usable = np.array([not reason for reason in prepared.reasons], dtype=bool)
    vocabulary = Vocabulary.fit(
        [t for t, ok in zip(prepared.terms, usable, strict=True) if ok],
        weights=prepared.weights[usable].tolist(),
    )
    matrix = sparse.diags(usable.astype(np.float32)) @ vocabulary.transform(prepared.terms)
    progress("Vectorisation", 1.0)
    progress("Recherche des thèmes", 0.0)
    labels, centre_matrix = clustering.fit_themes(
        matrix.tocsr(), prepared.weights, k=themes, seed=seed
    )
    similarity = _similarity(matrix, centre_matrix, labels)
    progress("Recherche des thèmes", 1.0)
    progress("Étiquettes des thèmes", 0.0)
    order = _by_size(labels, prepared.weights, len(centre_matrix))
    synthesis = Synthesis(
        themes=[],
        placements={},
        duplicate_groups={},
        model=ThemeModel(vocabulary, {}, min_similarity=clustering.MIN_SIMILARITY),
        seed=seed,
    )
    first = _first_positions(prepared)
    rng = np.random.default_rng(seed)
    samples = []
    for j in order:
        forms = np.flatnonzero(labels == j)
        if len(forms) > LABEL_SAMPLE:
            forms = np.sort(rng.choice(forms, size=LABEL_SAMPLE, replace=False))
        samples.append([prepared.texts[first[f]] for f in forms])
    phrases = label_themes(samples)
    theme_of_label: dict[int, str] = {}
    for j, found in zip(order, phrases, strict=True):
        theme_id = synthesis.new_theme_id()
        theme_of_label[j] = theme_id
        label = found[0] if found else f"Thème {theme_id[1:]}"
        synthesis.themes.append(Theme(id=theme_id, label=label, phrases=found[1:]))
        synthesis.model.centres[theme_id] = centre_matrix[j]
    progress("Étiquettes des thèmes", 1.0)
    for position, contribution in enumerate(contributions):
        form = prepared.form_of[position]
        label = labels[form]
        reason = prepared.reasons[form] or ("" if label >= 0 else OUTLIER)
        synthesis.placements[contribution.id] = Placement(
            theme_id=theme_of_label.get(label) if label >= 0 else None,
            similarity=round(float(similarity[form]), 4),
            reason=reason,
        )
    find_duplicates(synthesis, contributions, prepared, progress=progress)
    refresh(synthesis, contributions, prepared.texts)
    return synthesis


def _similarity(matrix, centre_matrix: np.ndarray, labels: np.ndarray) -> np.ndarray:
    result = np.zeros(matrix.shape[0], dtype=np.float32)
    if len(centre_matrix):
        scores = np.asarray(matrix @ centre_matrix.T)
        placed = labels >= 0
        result[placed] = scores[np.flatnonzero(placed), labels[placed]]
    return result


def _by_size(labels: np.ndarray, weights: np.ndarray, k: int) -> list[int]:
    placed = labels >= 0
    sizes = np.bincount(labels[placed], weights=weights[placed], minlength=k)
    return [int(j) for j in np.argsort(-sizes, kind="stable") if sizes[j] > 0]


def _first_positions(prepared: Prepared) -> np.ndarray:
    first = np.full(len(prepared.forms), -1)
    positions = np.arange(len(prepared.form_of))[::-1]
    first[prepared.form_of[::-1]] = positions
    return first


def find_duplicates(synthesis: Synthesis, contributions: Sequence[Contribution],
                    prepared: Prepared, *, progress: Progress = no_progress) -> None:  # fmt: skip
    """Fill `duplicate_groups` and each placement's group (« D1 » is the largest group)."""
    progress("Recherche des doublons", 0.0)
    groups = duplicates.group_duplicates(prepared.forms, seed=synthesis.seed)
    next_group = groups.max() + 1 if len(groups) else 0
    for f, form in enumerate(prepared.forms):
        long_enough = form.count(" ") + 1 >= duplicates.MIN_WORDS
        if groups[f] < 0 and prepared.weights[f] >= 2 and long_enough:
            groups[f] = next_group
            next_group += 1
    members: dict[int, list[str]] = {}
    for position, contribution in enumerate(contributions):
        group = groups[prepared.form_of[position]]
        if group >= 0:
            members.setdefault(int(group), []).append(contribution.id)
    ranked = sorted(members.values(), key=lambda ids: -len(ids))
    synthesis.duplicate_groups = {}
    for number, ids in enumerate(ranked, start=1):
        synthesis.duplicate_groups[f"D{number}"] = ids
        for cid in ids:
            synthesis.placements[cid].duplicate_group = f"D{number}"
    progress("Recherche des doublons", 1.0)


def assign(synthesis: Synthesis, prepared: Prepared) -> tuple[list[str | None], np.ndarray]:
    """Nearest theme of each distinct form (None when it fits none or a deleted theme)."""
    model = synthesis.model
    matrix = model.vocabulary.transform(prepared.terms)
    ids = list(model.centres)
    rows = [model.centres[i] for i in ids] + list(model.deleted)
    if not rows:
        return [None] * matrix.shape[0], np.zeros(matrix.shape[0], dtype=np.float32)
    best, similarity = clustering.nearest(matrix, np.vstack(rows), model.min_similarity)
    return [
        ids[b] if 0 <= b < len(ids) else (DELETED if b >= 0 else None) for b in best
    ], similarity


def add_contributions(synthesis: Synthesis, contributions: Sequence[Contribution], *,
                      progress: Progress = no_progress) -> int:  # fmt: skip
    """Place the contributions not yet in `synthesis` into the existing themes.

    `contributions` is the whole set (old and new): figures, quotes and duplicate groups are
    recomputed on it, themes and people's corrections are kept. Returns how many were added.
    """
    check_ids(contributions)
    prepared = prepare(contributions, progress=progress)
    targets, similarity = assign(synthesis, prepared)
    added = 0
    for position, contribution in enumerate(contributions):
        if contribution.id in synthesis.placements:
            continue
        form = prepared.form_of[position]
        target = targets[form]
        reason = prepared.reasons[form]
        if not reason and target in (None, DELETED):
            reason = DELETED if target == DELETED else OUTLIER
        synthesis.placements[contribution.id] = Placement(
            theme_id=None if reason else target,
            similarity=round(float(similarity[form]), 4),
            reason=reason,
        )
        added += 1
    # Contributions removed from the set leave it; the order follows the input.
    synthesis.placements = {c.id: synthesis.placements[c.id] for c in contributions}
    find_duplicates(synthesis, contributions, prepared, progress=progress)
    refresh(synthesis, contributions, prepared.texts)
    return added
