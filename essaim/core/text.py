"""Text normalisation shared by every search of the platform."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
# Letters that Unicode does not decompose into a base letter and an accent.
_LIGATURES = str.maketrans({"œ": "oe", "Œ": "oe", "æ": "ae", "Æ": "ae", "ß": "ss"})


def fold(text: str) -> str:
    """Lower-case, strip accents and turn punctuation into single spaces.

    "Villeneuve-d'Ascq", "Villeneuve-d’Ascq" and "villeneuve d ascq" all fold to
    "villeneuve d ascq"; "Œuilly" folds to "oeuilly".
    """
    decomposed = unicodedata.normalize("NFKD", (text or "").translate(_LIGATURES))
    unaccented = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return _NON_ALNUM.sub(" ", unaccented).strip()


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def clean_text(value) -> str:
    """User input without control characters (NUL breaks PostgreSQL), spaces collapsed."""
    return " ".join(_CONTROL.sub(" ", str(value or "")).split())
