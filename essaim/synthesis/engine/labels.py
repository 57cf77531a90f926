"""Short French labels for themes: the key phrase that best sets a theme apart.

Candidates are runs of one to four words taken from the contributions as written
(« pouvoir d’achat », « transports en commun », « suppression des niches fiscales »), which
begin and end with a content word. Variants that share their lemmas are counted together
(« niches fiscales » / « niche fiscale ») and shown in their most frequent written form, in
lower case but for acronyms (« TVA », « CSG »), without a leading elided article. A
phrase scores by how many of the theme's contributions use it, against how common it is in the
rest of the corpus (a c-TF-IDF), with a bonus for phrases of two or three content words. It
must be used by at least two contributions of a theme of three or more, and a phrase always
followed by the same word (« référendum d’initiative » → « citoyenne ») gives way to the longer
one.
"""

import math
import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from essaim.synthesis.engine.text import MAX_ANALYSED_CHARS, fold, term, word_list

_CHUNK = re.compile(r"[.!?;:,()\[\]«»\"…\n/|]+|\s[-–—]\s")
_TOKEN = re.compile(r"(?:[^\W\d_]+['’])?[^\W\d_]+(?:-[^\W\d_]+)*", re.U)
MAX_WORDS = 4
# Adverbs and ordinal endings (data/label_edges_fr.txt): no label begins or ends with one.
_NO_EDGE = frozenset(fold(word) for word in word_list("label_edges_fr.txt"))
PHRASE_PREFERENCE = 0.3


def _bare(token: str) -> str:
    """The word without its elided article: « d’achat » → « achat »."""
    for mark in ("'", "’"):
        if mark in token:
            return token.split(mark, 1)[1]
    return token


def _written(token: str) -> str:
    """The token as a label shows it: lower case, but acronyms keep their capitals (« TVA »)."""
    letters = _bare(token)
    if 2 <= len(letters) <= 5 and letters.isupper():
        return token[: len(token) - len(letters)].lower() + letters
    return token.lower()


def _conjugated(token: str, lemma: str) -> bool:
    """A conjugated verb or a participle (« servent », « utilisés »): no label starts or ends
    with one, while infinitives (« payer ») and nouns (« centres ») may."""
    word = fold(_bare(token))
    return (
        lemma.endswith(("er", "ir", "re"))
        and word != lemma
        and word not in (lemma + "s", lemma + "x")
    )


def candidates(text: str) -> dict[tuple[str, ...], tuple[str, str]]:
    """Every candidate phrase of a text: lemma key → (written form in lower case, lemma of the
    content word that follows it at once, or "").

    A candidate begins and ends with a content word (its lemma is not a stop word).
    """
    found: dict[tuple[str, ...], tuple[str, str]] = {}
    for chunk in _CHUNK.split(text[:MAX_ANALYSED_CHARS]):
        raw = _TOKEN.findall(chunk)
        capitals = sum(len(t) > 1 and t.isupper() for t in raw)
        shouted = capitals > 1 and 2 * capitals > len(raw)  # a text typed in capitals
        written = [t.lower() if shouted else _written(t) for t in raw]
        tokens = [t.lower() for t in written]
        lemmas = [term(_bare(t)) for t in tokens]
        edges = [
            bool(lemma) and lemma not in _NO_EDGE and not _conjugated(t, lemma)
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
                    follower = lemmas[end + 1] if end + 1 < len(lemmas) else ""
                    found[key] = (" ".join(window).replace("'", "’"), follower)
    return found


def label_themes(theme_texts: Sequence[Sequence[str]], *, taken: Sequence[str] = (),
                 count: int = 3) -> list[list[str]]:  # fmt: skip
    """For each theme (a sample of its texts), up to `count` key phrases, best first.

    The first phrase of each theme is unique across themes and differs from `taken`.
    """
    per_theme: list[Counter] = []
    forms: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    followers: dict[tuple[str, ...], set[str]] = defaultdict(set)
    # Where a phrase comes in its texts (0 = first), to break ties: people state their subject
    # (« référendum d’initiative citoyenne ») before its qualifiers (« à l’échelle nationale »).
    position: Counter = Counter()
    document_frequency: Counter = Counter()
    documents = 0
    for texts in theme_texts:
        counter: Counter = Counter()
        for text in texts:
            phrases = candidates(text)
            for rank, (key, (form, follower)) in enumerate(phrases.items()):
                counter[key] += 1
                forms[key][form] += 1
                followers[key].add(follower)
                position[key] += rank / len(phrases)
            document_frequency.update(phrases.keys())
            documents += 1
        per_theme.append(counter)
    # A phrase always followed by the same word is cut short: « organisation d’un référendum
    # d’initiative » (always « … citoyenne ») gives way to « référendum d’initiative citoyenne ».
    truncated = {key for key, after in followers.items() if len(after) == 1 and "" not in after}
    used = {label.lower() for label in taken}
    results = []
    for texts, counter in zip(theme_texts, per_theme, strict=True):
        size = max(len(texts), 1)
        # A label is something several people said: one contribution's wording is no theme.
        floor = max(2, math.ceil(0.03 * size)) if size >= 3 else 1
        scored = []
        for key, n in counter.items():
            if n < floor:
                continue
            # Rare outside the theme: « déchets », said by most of the waste theme and seldom
            # elsewhere, is specific even though it is frequent.
            specificity = math.log((1 + documents) / (1 + document_frequency[key] - n + 1))
            bonus = {1: 1.0, 2: 1.6, 3: 1.6}[len(key)]
            scored.append((n / size * specificity * bonus, n, key))
        # Equal scores: the longer phrase says more, then the earlier; a cut-short phrase
        # comes last.
        scored.sort(
            key=lambda item: (
                item[2] in truncated,
                -item[0],
                -len(item[2]),
                position[item[2]] / document_frequency[item[2]],
                item[2],
            )
        )
        # A phrase of several words names a theme better than a single word: it comes first
        # when it scores at least PHRASE_PREFERENCE of the best one and is used by at least
        # half as many contributions (« déchets » in 5 texts, not « emballages en plastique »
        # in 2).
        best, best_n = scored[0][:2] if scored else (0, 0)
        longer = [
            item
            for item in scored
            if len(item[2]) > 1 and item[0] >= PHRASE_PREFERENCE * best and 2 * item[1] >= best_n
        ]
        phrases = []
        for _score, _n, key in longer[:1] + scored:
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
