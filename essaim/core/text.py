"""Text normalisation shared by every search of the platform."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case, strip accents and turn punctuation into single spaces.

    "Villeneuve-d'Ascq" and "villeneuve d ascq" both fold to "villeneuve d ascq".
    """
    decomposed = unicodedata.normalize("NFKD", text or "")
    ascii_text = decomposed.encode("ascii", "ignore").decode("ascii").lower()
    return _NON_ALNUM.sub(" ", ascii_text).strip()
