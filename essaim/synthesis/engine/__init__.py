"""The synthesis engine: themes, quotes and duplicate groups from French contributions.

Pure Python (NumPy, SciPy, scikit-learn, simplemma), no Django: the platform, the
`essaim synthesize` command and the benchmark harness all call it the same way.

    from essaim.synthesis.engine import Contribution, synthesize
    synthesis = synthesize([Contribution(id="1", text="…"), …], themes=None, seed=0)
"""

from importlib import import_module

# Where each public name lives. They are imported on first use (PEP 562), so that a module
# needing only the French text analysis (`engine.text`) does not load scikit-learn into every
# web worker.
_EXPORTS = {
    "corrections": ["delete", "merge", "move", "pin", "recompute", "rename", "split", "unpin"],
    "model": ["REASONS", "Contribution", "Placement", "Synthesis", "Theme"],
    "pipeline": ["add_contributions", "synthesize"],
}
_MODULE_OF = {name: module for module, names in _EXPORTS.items() for name in names}


def __getattr__(name: str):
    if name not in _MODULE_OF:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULE_OF[name]}"), name)


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
