"""The synthesis engine: themes, quotes and duplicate groups from French contributions.

Pure Python (NumPy, SciPy, scikit-learn, simplemma), no Django: the platform, the
`essaim synthesize` command and the benchmark harness all call it the same way.

    from essaim.synthesis.engine import Contribution, synthesize
    synthesis = synthesize([Contribution(id="1", text="…"), …], themes=None, seed=0)
"""

from essaim.synthesis.engine.corrections import (
    delete,
    merge,
    move,
    pin,
    recompute,
    rename,
    split,
    unpin,
)
from essaim.synthesis.engine.model import REASONS, Contribution, Placement, Synthesis, Theme
from essaim.synthesis.engine.pipeline import add_contributions, synthesize

__all__ = [
    "REASONS",
    "Contribution",
    "Placement",
    "Synthesis",
    "Theme",
    "add_contributions",
    "delete",
    "merge",
    "move",
    "pin",
    "recompute",
    "rename",
    "split",
    "synthesize",
    "unpin",
]
