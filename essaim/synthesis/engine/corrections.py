"""What a person changes in a synthesis, and how it survives a full recompute.

Each correction updates the themes, the placements and the theme model (centres), and is
logged in `synthesis.corrections`. The centres matter for what comes next: after a merge, new
contributions close to either theme join the merged one; after a deletion, new contributions
close to the deleted theme stay unclassified instead of bringing it back.

`recompute()` clusters everything again and then carries the corrections over: each new theme
is matched with the old theme that shares most of its contributions; a matched theme keeps the
old id, the label a person gave and its pinned quotes; new themes that match a deleted theme
are dropped; contributions a person moved stay where they were put.
"""

from collections.abc import Sequence

import numpy as np

from essaim.synthesis.engine import clustering
from essaim.synthesis.engine.model import DELETED, MOVED, Contribution, Synthesis, Theme
from essaim.synthesis.engine.prepare import Progress, no_progress, prepare
from essaim.synthesis.engine.summary import refresh
from essaim.synthesis.engine.vectors import Vocabulary

MATCH = 0.3  # Jaccard overlap for a new theme to take an old theme's place
CONTAINED = 0.6  # share of an unmatched new theme inside an old one to join it


def _log(synthesis: Synthesis, **operation) -> None:
    synthesis.corrections.append(operation)


def _centre(synthesis: Synthesis, contributions: Sequence[Contribution], ids) -> np.ndarray:
    chosen = [c for c in contributions if c.id in set(ids)]
    if not chosen:
        return np.zeros(len(synthesis.model.vocabulary.terms), dtype=np.float32)
    prepared = prepare(chosen)
    matrix = synthesis.model.vocabulary.transform(prepared.terms)
    labels = np.zeros(matrix.shape[0], dtype=int)
    return clustering.centres(matrix, labels, prepared.weights, 1)[0]


def _finish(synthesis: Synthesis, contributions: Sequence[Contribution]) -> None:
    refresh(synthesis, contributions, None)


def rename(synthesis: Synthesis, contributions, *, theme_id: str, label: str) -> None:
    label = " ".join(label.split())
    if not label:
        raise ValueError("Le nom du thème ne peut pas être vide.")
    theme = synthesis.theme(theme_id)
    theme.label, theme.label_by_person = label, True
    _log(synthesis, op="rename", theme=theme_id, label=label)


def merge(synthesis: Synthesis, contributions, *, theme_ids: Sequence[str], into: str) -> None:
    """Merge `theme_ids` into `into` (which keeps its id, label and pinned quotes)."""
    target = synthesis.theme(into)
    others = [synthesis.theme(t) for t in theme_ids if t != into]
    for theme in others:
        for placement in synthesis.placements.values():
            if placement.theme_id == theme.id:
                placement.theme_id = into
        target.pinned += [cid for cid in theme.pinned if cid not in target.pinned]
        synthesis.themes.remove(theme)
        del synthesis.model.centres[theme.id]
    synthesis.model.centres[into] = _centre(synthesis, contributions, synthesis.members(into))
    _log(synthesis, op="merge", themes=list(theme_ids), into=into)
    _finish(synthesis, contributions)


def split(synthesis: Synthesis, contributions, *, theme_id: str,
          contribution_ids: Sequence[str], label: str) -> str:  # fmt: skip
    """Move `contribution_ids` out of `theme_id` into a new theme; returns the new id."""
    members = set(synthesis.members(theme_id))
    moving = [cid for cid in contribution_ids if cid in members]
    if not moving or len(moving) == len(members):
        raise ValueError(
            "Choisissez une partie des contributions du thème (au moins une, mais pas toutes) "
            "pour le scinder."
        )
    new_id = synthesis.new_theme_id()
    synthesis.themes.append(Theme(id=new_id, label=label.strip() or f"Thème {new_id[1:]}",
                                  label_by_person=bool(label.strip())))  # fmt: skip
    for cid in moving:
        synthesis.placements[cid].theme_id = new_id
    synthesis.model.centres[new_id] = _centre(synthesis, contributions, moving)
    synthesis.model.centres[theme_id] = _centre(synthesis, contributions, members - set(moving))
    _log(synthesis, op="split", theme=theme_id, contributions=moving, new=new_id)
    _finish(synthesis, contributions)
    return new_id


def delete(synthesis: Synthesis, contributions, *, theme_id: str) -> None:
    """Delete a theme: its contributions become unclassified, similar new ones too."""
    theme = synthesis.theme(theme_id)
    for placement in synthesis.placements.values():
        if placement.theme_id == theme_id:
            placement.theme_id, placement.reason = None, DELETED
    synthesis.themes.remove(theme)
    synthesis.model.deleted.append(synthesis.model.centres.pop(theme_id))
    _log(synthesis, op="delete", theme=theme_id)
    _finish(synthesis, contributions)


def move(synthesis: Synthesis, contributions, *, contribution_id: str,
         theme_id: str | None) -> None:  # fmt: skip
    """Put a contribution in `theme_id` (None: unclassified); reruns keep it there."""
    if theme_id is not None:
        synthesis.theme(theme_id)  # KeyError for an unknown theme
    placement = synthesis.placements[contribution_id]
    placement.theme_id, placement.fixed = theme_id, True
    placement.reason = "" if theme_id else MOVED
    _log(synthesis, op="move", contribution=contribution_id, theme=theme_id)
    _finish(synthesis, contributions)


def pin(synthesis: Synthesis, contributions, *, theme_id: str, contribution_id: str) -> None:
    theme = synthesis.theme(theme_id)
    if synthesis.placements[contribution_id].theme_id != theme_id:
        raise ValueError("Seule une contribution du thème peut en être une citation.")
    if contribution_id not in theme.pinned:
        theme.pinned.append(contribution_id)
    _log(synthesis, op="pin", theme=theme_id, contribution=contribution_id)
    _finish(synthesis, contributions)


def unpin(synthesis: Synthesis, contributions, *, theme_id: str, contribution_id: str) -> None:
    theme = synthesis.theme(theme_id)
    theme.pinned = [cid for cid in theme.pinned if cid != contribution_id]
    _log(synthesis, op="unpin", theme=theme_id, contribution=contribution_id)
    _finish(synthesis, contributions)


def recompute(
    synthesis: Synthesis,
    contributions: Sequence[Contribution],
    *,
    themes: int | None = None,
    progress: Progress = no_progress,
) -> Synthesis:
    """Cluster everything again (the « full recompute » button), keeping people's corrections."""
    from essaim.synthesis.engine.pipeline import synthesize

    fresh = synthesize(contributions, themes=themes, seed=synthesis.seed, progress=progress)
    carry_over(synthesis, fresh, contributions)
    return fresh


def carry_over(old: Synthesis, new: Synthesis, contributions: Sequence[Contribution]) -> None:
    """Give `new` the ids, labels, pins, deletions and moves people made in `old`."""
    old_members = {t.id: set(old.members(t.id)) for t in old.themes}
    pairs = []
    for theme in new.themes:
        members = set(new.members(theme.id))
        for old_id, before in old_members.items():
            overlap = len(members & before) / max(len(members | before), 1)
            if overlap >= MATCH:
                pairs.append((overlap, theme.id, old_id))
    renamed: dict[str, str] = {}
    for _overlap, new_id, old_id in sorted(pairs, key=lambda p: (-p[0], p[1], p[2])):
        if new_id not in renamed and old_id not in renamed.values():
            renamed[new_id] = old_id
    _merge_contained(new, renamed, old_members)
    new.next_theme = max(new.next_theme, old.next_theme)
    fresh_ids = {t.id: new.new_theme_id() for t in new.themes if t.id not in renamed}
    mapping = {**renamed, **fresh_ids}
    for theme in new.themes:
        theme.id = mapping[theme.id]
        if theme.id in old_members:
            before = old.theme(theme.id)
            if before.label_by_person:
                theme.label, theme.label_by_person = before.label, True
            theme.pinned = list(before.pinned)
    new.model.centres = {mapping[k]: v for k, v in new.model.centres.items()}
    for placement in new.placements.values():
        if placement.theme_id:
            placement.theme_id = mapping[placement.theme_id]
    new.model.deleted = [
        _reproject(v, old.model.vocabulary, new.model.vocabulary) for v in old.model.deleted
    ]
    _drop_deleted(new)
    for cid, placement in old.placements.items():
        if placement.fixed and cid in new.placements:
            target = placement.theme_id if placement.theme_id in new.model.centres else None
            new.placements[cid].theme_id, new.placements[cid].fixed = target, True
            new.placements[cid].reason = "" if target else MOVED
    new.corrections = list(old.corrections)
    refresh(new, contributions, None)


def _merge_contained(new: Synthesis, renamed: dict[str, str], old_members: dict) -> None:
    """An unmatched new theme mostly inside a matched old theme (one a person had merged,
    say) joins the new theme that took that old theme's place."""
    taken_by = {old_id: new_id for new_id, old_id in renamed.items()}
    for theme in list(new.themes):
        if theme.id in renamed:
            continue
        members = set(new.members(theme.id))
        for old_id, before in old_members.items():
            if old_id in taken_by and len(members & before) >= CONTAINED * max(len(members), 1):
                target = taken_by[old_id]
                for placement in new.placements.values():
                    if placement.theme_id == theme.id:
                        placement.theme_id = target
                new.themes.remove(theme)
                new.model.centres[target] = _normalised(
                    new.model.centres[target] * len(new.members(target))
                    + new.model.centres.pop(theme.id) * len(members)
                )
                break


def _reproject(vector: np.ndarray, before: Vocabulary, after: Vocabulary) -> np.ndarray:
    """A centre of the old vocabulary expressed in the new one (shared terms only)."""
    result = np.zeros(len(after.terms), dtype=np.float32)
    for i in np.flatnonzero(vector):
        j = after.index.get(before.terms[i])
        if j is not None:
            result[j] = vector[i]
    return _normalised(result)


def _normalised(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return (vector / norm).astype(np.float32) if norm else vector


def _drop_deleted(synthesis: Synthesis) -> None:
    """Remove new themes whose centre is close to a theme a person deleted."""
    for deleted in synthesis.model.deleted:
        for theme in list(synthesis.themes):
            if float(synthesis.model.centres[theme.id] @ deleted) >= 0.5:
                for placement in synthesis.placements.values():
                    if placement.theme_id == theme.id:
                        placement.theme_id, placement.reason = None, DELETED
                synthesis.themes.remove(theme)
                del synthesis.model.centres[theme.id]
