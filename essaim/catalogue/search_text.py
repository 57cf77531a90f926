"""Plain-text helpers of the catalogue's search: HTML to text, and a light French stemmer.

The stemmer is only used where PostgreSQL's `french` configuration is not available (SQLite, the
embedded demo): query words are reduced to a stem which is then matched as a word *prefix* of the
folded document, so "dematerialisation" finds "dématérialisation des comptes rendus" and
"formulaires" finds "formulaire".
"""

import html
import re

from essaim.core.text import fold

_TAG = re.compile(r"<[^>]+>")
# Longest first: the first suffix that leaves a stem of MIN_STEM letters or more is removed.
_SUFFIXES = (
    "issements",
    "issement",
    "atrices",
    "ateurs",
    "ations",
    "atrice",
    "ateur",
    "ation",
    "ements",
    "ement",
    "ments",
    "ment",
    "ances",
    "ences",
    "ance",
    "ence",
    "ismes",
    "isme",
    "istes",
    "iste",
    "ables",
    "ibles",
    "able",
    "ible",
    "iques",
    "ique",
    "euses",
    "euse",
    "eaux",
    "eurs",
    "eur",
    "ites",
    "ite",
    "ives",
    "ive",
    "ifs",
    "if",
    "aux",
    "al",
    "es",
    "s",
    "x",
    "e",
)
MIN_STEM = 4
_STOP_WORDS_TEXT = """a au aux avec ce ces dans de des du elle en et eux il je la le les leur lui ma
mais me meme mes moi mon ne nos notre nous on ou par pas pour qu que qui sa se ses son sur ta te
tes toi ton tu un une vos votre vous c d j l m n s t y ete etre est sont"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())


def html_to_text(value: str) -> str:
    """The readable text of a (sanitised) HTML fragment."""
    return html.unescape(_TAG.sub(" ", value or ""))


def stem(word: str) -> str:
    """A light French stem of a folded word (no accents, lower case)."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= MIN_STEM:
            return word[: -len(suffix)]
    return word


def query_stems(text: str, *, limit: int = 12) -> list[str]:
    """The stems of the meaningful words of a query, in order, without duplicates."""
    stems: list[str] = []
    for word in fold(text).split():
        if word in STOP_WORDS:
            continue
        stemmed = stem(word)
        if stemmed not in stems:
            stems.append(stemmed)
        if len(stems) >= limit:
            break
    return stems
