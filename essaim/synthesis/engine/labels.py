"""Short French labels for themes: the key phrase that best sets a theme apart.

Candidates are runs of one to four words taken from the contributions as written
(« pouvoir d’achat », « transports en commun », « suppression des niches fiscales »), which
begin and end with a content word. Variants that share their lemmas are counted together
(« niches fiscales » / « niche fiscale ») and shown in their most frequent written form, in
lower case but for acronyms (« TVA », « CSG »), without a leading elided article. A
phrase scores by how many of the theme's contributions use it, against how common it is in the
whole corpus (a c-TF-IDF), with a bonus for phrases of two or three content words.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from essaim.synthesis.engine.text import MAX_ANALYSED_CHARS, fold, term

_CHUNK = re.compile(r"[.!?;:,()\[\]«»\"…\n/|]+|\s[-–—]\s")
_TOKEN = re.compile(r"(?:[^\W\d_]+['’])?[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
MAX_WORDS = 4
PHRASE_PREFERENCE = 0.3


def _bare(token: str) -> str:
    """The word without its elided article: « d’achat » → « achat »."""
    for mark in ("'", "’"):
        if mark in token:
            return token.split(mark, 1)[1]
    return token


def _written(token: str) -> str:
    """The token as a label shows it: lower case, but acronyms keep their capitals (« TVA »)."""
    letters = _bare(token)
    if 2 <= len(letters) <= 5 and letters.isupper():
        return token[: len(token) - len(letters)].lower() + letters
    return token.lower()


def _conjugated(token: str, lemma: str) -> bool:
    """A conjugated verb or a participle (« servent », « utilisés »): no label starts or ends
    with one, while infinitives (« payer ») and nouns (« centres ») may."""
    word = fold(_bare(token))
    return (
        lemma.endswith(("er", "ir", "re"))
        and word != lemma
        and word not in (lemma + "s", lemma + "x")
    )


def candidates(text: str) -> dict[tuple[str, ...], str]:
    """Every candidate phrase of a text: lemma key → written form (lower case).

    A candidate begins and ends with a content word (its lemma is not a stop word).
    """
    found: dict[tuple[str, ...], str] = {}
    for chunk in _CHUNK.split(text[:MAX_ANALYSED_CHARS]):
        raw = _TOKEN.findall(chunk)
        capitals = sum(len(t) > 1 and t.isupper() for t in raw)
        shouted = capitals > 1 and 2 * capitals > len(raw)  # a text typed in capitals
        written = [t.lower() if shouted else _written(t) for t in raw]
        tokens = [t.lower() for t in written]
        lemmas = [term(_bare(t)) for t in tokens]
        edges = [
            bool(lemma) and not _conjugated(t, lemma)
            for t, lemma in zip(tokens, lemmas, strict=True)
        ]
        for start in range(len(lemmas)):
            if not edges[start]:
                continue
            key: tuple[str, ...] = ()
            for end in range(start, min(start + MAX_WORDS, len(tokens))):
                lemma = lemmas[end]
                if not lemma:
                    continue
                key = (*key, lemma)
                if len(key) > 3:
                    break
                if key not in found and edges[end]:
                    # « L’éducation nationale » reads « éducation nationale » as a label.
                    window = [_bare(written[start]), *written[start + 1 : end + 1]]
                    found[key] = " ".join(window).replace("'", "’")
    return found


def label_themes(theme_texts: Sequence[Sequence[str]], *, taken: Sequence[str] = (),
                 count: int = 3) -> list[list[str]]:  # fmt: skip
    """For each theme (a sample of its texts), up to `count` key phrases, best first.

    The first phrase of each theme is unique across themes and differs from `taken`.
    """
    per_theme: list[Counter] = []
    forms: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    document_frequency: Counter = Counter()
    documents = 0
    for texts in theme_texts:
        counter: Counter = Counter()
        for text in texts:
            phrases = candidates(text)
            for key, form in phrases.items():
                counter[key] += 1
                forms[key][form] += 1
            document_frequency.update(phrases.keys())
            documents += 1
        per_theme.append(counter)
    used = {label.lower() for label in taken}
    results = []
    for texts, counter in zip(theme_texts, per_theme, strict=True):
        size = max(len(texts), 1)
        floor = max(2, math.ceil(0.03 * size)) if size >= 10 else 1
        scored = []
        for key, n in counter.items():
            if n < floor:
                continue
            specificity = math.log((1 + documents) / (1 + document_frequency[key]))
            bonus = {1: 1.0, 2: 1.6, 3: 1.5}[len(key)]
            scored.append((n / size * specificity * bonus, key))
        scored.sort(key=lambda item: (-item[0], item[1]))
        # A phrase of several words names a theme better than a single word: it comes first
        # when it scores at least PHRASE_PREFERENCE of the best single word.
        best = scored[0][0] if scored else 0
        longer = [
            item for item in scored if len(item[1]) > 1 and item[0] >= PHRASE_PREFERENCE * best
        ]
        phrases = []
        for _score, key in longer[:1] + scored:
            form = _display(forms[key])
            if form.lower() in used or any(_overlaps(form, p) for p in phrases):
                continue
            phrases.append(form)
            if len(phrases) == 1:
                used.add(form.lower())
            if len(phrases) == count:
                break
        results.append(phrases)
    return results


def _display(forms: Counter) -> str:
    form = min(forms.items(), key=lambda item: (-item[1], item[0]))[0]
    return form[:1].upper() + form[1:]


def _overlaps(a: str, b: str) -> bool:
    a, b = a.lower(), b.lower()
    return a in b or b in a
