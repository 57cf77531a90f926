"""What the engine reads and writes: contributions, themes, placements, the theme model.

A `Synthesis` keeps everything needed to rerun on new contributions without starting over:
the vocabulary and IDF weights, each theme's centre, the centres of deleted themes (so that
similar new contributions do not bring a deleted theme back), and the log of the corrections
people made. `to_dict()` / `from_dict()` give a JSON-safe form (the texts are not included: the
caller keeps the contributions).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

# NumPy and SciPy are imported where vectors are built: web processes that only read
# contributions and reasons (the platform's models) then start without them.
if TYPE_CHECKING:
    import numpy as np

    from essaim.synthesis.engine.vectors import Vocabulary

# Why a contribution is in no theme (shown to people in French by the callers).
EMPTY = "empty"  # nothing but spaces, tags or punctuation
NO_CONTENT = "no_content"  # only stop words (« oui », « je ne sais pas »…)
LANGUAGE = "language"  # clearly not French
OUTLIER = "outlier"  # too far from every theme
DELETED = "deleted"  # its theme was deleted by a person
MOVED = "moved"  # a person took it out of its theme
REASONS = {
    EMPTY: "texte vide",
    NO_CONTENT: "aucun mot porteur de sens",
    LANGUAGE: "autre langue que le français",
    OUTLIER: "ne correspond à aucun thème",
    DELETED: "thème supprimé",
    MOVED: "retirée de son thème par une personne",
}
# Centres are stored with their strongest terms only (enough to assign new contributions).
CENTRE_TERMS = 3000


@dataclass(frozen=True)
class Contribution:
    id: str
    text: str
    question: str = ""
    date: str = ""  # ISO 8601 date or date-time; anything else is ignored
    territory: str = ""
    author_type: str = ""


@dataclass
class Theme:
    id: str  # « T1 », « T2 »… kept across reruns
    label: str
    phrases: list[str] = field(default_factory=list)  # other key phrases
    label_by_person: bool = False
    pinned: list[str] = field(default_factory=list)  # contribution ids chosen as quotes
    # Filled by refresh():
    size: int = 0
    share: float = 0.0
    quotes: list[str] = field(default_factory=list)  # pinned first, then the most typical
    by_period: dict[str, int] = field(default_factory=dict)
    by_territory: dict[str, int] = field(default_factory=dict)
    by_question: dict[str, int] = field(default_factory=dict)


@dataclass
class Placement:
    theme_id: str | None
    similarity: float = 0.0
    reason: str = ""  # one of REASONS when theme_id is None
    duplicate_group: str | None = None
    fixed: bool = False  # placed by a person: reruns keep it


@dataclass
class ThemeModel:
    vocabulary: Vocabulary
    centres: dict[str, np.ndarray]  # theme id → normalised centre (dense, float32)
    deleted: list[np.ndarray] = field(default_factory=list)
    min_similarity: float = 0.05

    def to_dict(self) -> dict:
        return {
            "vocabulary": self.vocabulary.to_dict(),
            "centres": {key: _sparse(v) for key, v in self.centres.items()},
            "deleted": [_sparse(v) for v in self.deleted],
            "min_similarity": self.min_similarity,
        }

    @classmethod
    def from_dict(cls, data: dict) -> ThemeModel:
        from essaim.synthesis.engine.vectors import Vocabulary

        vocabulary = Vocabulary.from_dict(data["vocabulary"])
        size = len(vocabulary.terms)
        return cls(
            vocabulary=vocabulary,
            centres={key: _dense(v, size) for key, v in data["centres"].items()},
            deleted=[_dense(v, size) for v in data["deleted"]],
            min_similarity=data["min_similarity"],
        )


def _sparse(vector: np.ndarray) -> dict:
    import numpy as np

    top = np.argsort(-vector, kind="stable")[:CENTRE_TERMS]
    top = np.sort(top[vector[top] > 0])
    return {"index": top.tolist(), "value": [round(float(x), 5) for x in vector[top]]}


def _dense(data: dict, size: int) -> np.ndarray:
    import numpy as np

    vector = np.zeros(size, dtype=np.float32)
    vector[np.array(data["index"], dtype=int)] = data["value"]
    norm = np.linalg.norm(vector)
    return vector / norm if norm else vector


@dataclass
class Synthesis:
    themes: list[Theme]
    placements: dict[str, Placement]  # one per contribution, in input order
    duplicate_groups: dict[str, list[str]]  # « D1 » → contribution ids
    model: ThemeModel
    seed: int = 0
    corrections: list[dict] = field(default_factory=list)  # what people changed, in order
    next_theme: int = 1

    def theme(self, theme_id: str) -> Theme:
        for theme in self.themes:
            if theme.id == theme_id:
                return theme
        raise KeyError(theme_id)

    def members(self, theme_id: str) -> list[str]:
        return [cid for cid, p in self.placements.items() if p.theme_id == theme_id]

    def unclassified(self) -> list[str]:
        return [cid for cid, p in self.placements.items() if p.theme_id is None]

    def new_theme_id(self) -> str:
        theme_id = f"T{self.next_theme}"
        self.next_theme += 1
        return theme_id

    def to_dict(self) -> dict:
        return {
            "seed": self.seed,
            "next_theme": self.next_theme,
            "themes": [asdict(t) for t in self.themes],
            "placements": {cid: asdict(p) for cid, p in self.placements.items()},
            "duplicate_groups": self.duplicate_groups,
            "corrections": self.corrections,
            "model": self.model.to_dict(),
        }

    @classmethod
    def from_dict(cls, data: dict) -> Synthesis:
        return cls(
            themes=[Theme(**t) for t in data["themes"]],
            placements={cid: Placement(**p) for cid, p in data["placements"].items()},
            duplicate_groups={k: list(v) for k, v in data["duplicate_groups"].items()},
            model=ThemeModel.from_dict(data["model"]),
            seed=data["seed"],
            corrections=list(data["corrections"]),
            next_theme=data["next_theme"],
        )
