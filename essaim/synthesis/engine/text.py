"""French-aware text preparation: cleaning, elision, lemmas, accents, stop words, language.

`clean()` turns what people paste (HTML from Word, entities, emoji, runs of spaces, huge texts)
into plain text that is still quoted verbatim. `analyse()` turns a clean text into the terms
the vectoriser counts: lemmas (simplemma's French dictionary, no model download), accents
folded so that « electricite » and « électricité » are one term, elided articles removed
(l’, d’, qu’…), stop words dropped, plus the bigrams of neighbouring content words
(« pouvoir achat », « niche fiscal »).
"""

import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise

import simplemma

# Texts longer than this are cut for the analysis (the quote keeps the beginning).
MAX_ANALYSED_CHARS = 5000

_TAG = re.compile(
    r"<(?:script|style)\b.*?</(?:script|style)\s*>|<!--.*?-->|<[^>]{0,2000}>", re.S | re.I
)
_SPACES = re.compile(r"\s+")
_APOSTROPHES = ("’", "`", "´", "ʼ", "‘")
_ELISION = re.compile(r"\b(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu|presqu|quelqu)'", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*", re.U)


def word_list(name: str) -> frozenset[str]:
    """The words of a list in data/ (blank-separated, lines starting with « # » skipped)."""
    text = resources.files("essaim.synthesis.engine").joinpath("data", name).read_text("utf-8")
    words = set()
    for line in text.splitlines():
        if not line.startswith("#"):
            words.update(line.split())
    return frozenset(words)


@lru_cache(maxsize=500_000)
def fold(word: str) -> str:
    """Lower case without accents: « Électricité » → « electricite » (œ → oe)."""
    word = word.lower().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


FRENCH_STOP_WORDS = word_list("stopwords_fr.txt")
_FOLDED_STOP_WORDS = frozenset(fold(w) for w in FRENCH_STOP_WORDS)
_ENGLISH_MARKERS = word_list("stopwords_en.txt") - FRENCH_STOP_WORDS


def clean(text: str | None) -> str:
    """Plain text from what a person pasted: tags and entities removed, spaces collapsed."""
    if not text:
        return ""
    text = str(text)
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFC", text).replace("\x00", "")
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Lower-case words of a clean text, elided articles removed (« l’impôt » → « impôt »)."""
    text = text[:MAX_ANALYSED_CHARS]
    for mark in _APOSTROPHES:
        if mark in text:
            text = text.replace(mark, "'")
    if "'" in text:
        text = _ELISION.sub(" ", text)
    return [w.lower() for w in _WORD.findall(text)]


@lru_cache(maxsize=500_000)
def term(word: str) -> str:
    """The counted form of a word: its lemma, accents folded; "" for a stop word."""
    folded = fold(word)
    if len(folded) < 2 or folded in _FOLDED_STOP_WORDS:
        return ""
    lemma = fold(simplemma.lemmatize(word, lang="fr"))
    if len(lemma) < 2 or lemma in _FOLDED_STOP_WORDS:
        return ""
    return lemma


@dataclass(frozen=True)
class Analysis:
    terms: list[str]  # unigrams then bigrams, what the vectoriser counts
    language: str  # "fr", "other" (clearly not French) or "" (too short to tell)


def language_of(tokens: list[str]) -> str:
    """« fr », « other » or « » when the text has too few words to tell."""
    if len(tokens) < 4:
        return ""
    french = sum(1 for w in tokens if w in FRENCH_STOP_WORDS)
    english = sum(1 for w in tokens if w in _ENGLISH_MARKERS)
    if english > french and english >= 2:
        return "other"
    if french == 0 and len(tokens) >= 8:
        return "other"
    return "fr"


def analyse(text: str) -> Analysis:
    return analyse_words(words(text))


def analyse_words(tokens: list[str]) -> Analysis:
    content = [t for t in (term(w) for w in tokens) if t]
    bigrams = [f"{a} {b}" for a, b in pairwise(content) if a != b]
    return Analysis(terms=content + bigrams, language=language_of(tokens))
