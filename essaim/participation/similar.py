"""Proposals that mean the same thing as a text being written.

A lightweight, offline, French-aware similarity, until the synthesis engine
(`essaim.synthesis.engine`, lemmas and TF-IDF) offers a `similar(texts, query)` function; the
switch is this module's `score()` only, the callers stay the same.

Each text becomes weighted terms: light French stems of its meaningful words (so « dématérialiser »
and « dématérialisation » are one term), plus *concepts* from a small thesaurus of the words
people use in public-service consultations (« papier », « en ligne », « numérique »,
« dématérialiser » point to one concept; « parapheur », « visa », « signature » to another), so
that two proposals that say the same thing with different words meet — not only shared letters.
The score is the cosine of those term vectors, with IDF weights computed over the candidates,
blended with the cosine of character 4-grams of the stems (typos, compound words).
"""

import math
import re
from collections import Counter
from functools import lru_cache

from essaim.catalogue.search_text import STOP_WORDS, stem
from essaim.core.text import fold

LIMIT = 5
THRESHOLD = 0.22
CANDIDATES = 3000
_VERB_ENDINGS = ("isations", "isation", "iser", "ises", "ise", "ees", "ee", "er", "ez", "ant")

# concept: stems that express it (prefixes of folded words).
THESAURUS = {
    "numerique": "numer dematerial digital electron internet informatis ligne web site "
    "teleprocedur",
    "papier": "papier imprim photocop courrier postal",
    "signature": "signatur signe parapheur visa validation valider circuit",
    "delegation": "deleg autonom responsabilis subsidiar confianc",
    "usager": "usager citoyen habitant famill beneficiair administre public",
    "agent": "agent personnel salari collegu equip encadr manag",
    "simple": "simplif alleg lourdeur complex redond doublon",
    "delai": "delai rapid attent lent reactiv",
    "teletravail": "teletravail distanc domicil nomad",
    "reunion": "reunion visio conferenc",
    "donnees": "donne data open jeu fichier api",
    "mobilite": "transport mobilit bus train velo trajet",
    "energie": "energ electric consommation chauffag",
    "logement": "logement immobili loyer habitat",
    "education": "ecole eleve scolair college lycee",
    "sante": "sante hopital medecin soin",
    "enfance": "enfant ase mineur assistant familial famille accueil",
    "aide": "aide allocation prestation amase secours urgenc",
    "justificatif": "justificat piece document attestation",
    "courriel": "mail courriel messager",
    "logiciel": "logiciel outil applicati plateform",
    "achat": "achat commande marche fournitur bon",
    "frais": "frais deplacement mission rembours indemn",
    "conges": "conge absence planning horair",
    "accueil": "accueil guichet telephon rendez",
    "formation": "formation former tutoriel apprendr",
    "environnement": "environnement pollution climat biodivers dechet eau air",
    "territoire": "commune territoir quartier ville region departement",
}
_PREFIXES = sorted(
    ((prefix, concept) for concept, words in THESAURUS.items() for prefix in words.split()),
    key=lambda item: -len(item[0]),
)
_WORD = re.compile(r"[a-z0-9]+")
_MORE_STOP_WORDS = frozenset(
    [
        "plus",
        "moins",
        "tous",
        "tout",
        "toute",
        "toutes",
        "faire",
        "fait",
        "peut",
        "doit",
        "sans",
        "sous",
        "entre",
        "chaque",
        "autre",
        "autres",
        "tres",
        "bien",
        "aussi",
        "afin",
        "etc",
        "cela",
        "cette",
        "celui",
        "avoir",
        "mettre",
        "place",
        "permettre",
        "pouvoir",
    ]
)


@lru_cache(maxsize=20000)
def word_stem(word: str) -> str:
    stemmed = stem(word)
    for ending in _VERB_ENDINGS:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= 4:
            return stemmed[: -len(ending)]
    return stemmed


@lru_cache(maxsize=20000)
def _concept(word: str) -> str | None:
    for prefix, concept in _PREFIXES:
        if word.startswith(prefix) and (len(prefix) >= 4 or word == prefix):
            return concept
    return None


def terms(text: str) -> Counter:
    """Stems and concepts (prefixed with `~`) of a text, counted."""
    counts: Counter = Counter()
    for word in _WORD.findall(fold(text)):
        if len(word) < 3 or word in STOP_WORDS or word in _MORE_STOP_WORDS:
            continue
        counts[word_stem(word)] += 1
        concept = _concept(word)
        if concept:
            counts["~" + concept] += 1
    return counts


def _grams(counts: Counter) -> Counter:
    grams: Counter = Counter()
    for term in counts:
        if term.startswith("~"):
            continue
        padded = f" {term} "
        for i in range(len(padded) - 3):
            grams[padded[i : i + 4]] += 1
    return grams


def _cosine(a: dict, b: dict) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def score(query: str, documents: list[str]) -> list[float]:
    """Similarity in [0, 1] of `query` with each document (same order)."""
    query_terms = terms(query)
    doc_terms = [terms(d) for d in documents]
    n = len(documents) + 1
    frequency = Counter(t for counts in doc_terms for t in counts)
    idf = {t: math.log((n + 1) / (frequency.get(t, 0) + 1)) + 1 for t in query_terms}

    def weighted(counts):
        return {t: (1 + math.log(c)) * idf.get(t, 1.0) for t, c in counts.items() if t in idf}

    query_vector = {t: (1 + math.log(c)) * idf[t] for t, c in query_terms.items()}
    query_grams = _grams(query_terms)
    return [
        0.75 * _cosine(query_vector, weighted(counts)) + 0.25 * _cosine(query_grams, _grams(counts))
        for counts in doc_terms
    ]


def similar_proposals(*, campaign, text: str, exclude_pk=None, limit: int = LIMIT) -> list:
    """Up to `limit` active proposals of `campaign` that mean the same thing as `text`, best first.

    Candidates are the campaign's active proposals sharing a stem with the text (or all of them
    when few), read from the database in one query; each gets a `similarity` attribute.
    """
    from essaim.participation.models import Proposal

    if sum(1 for term in terms(text) if not term.startswith("~")) < 2:
        return []  # one word is not yet an idea
    queryset = Proposal.objects.active().filter(campaign=campaign)
    if exclude_pk:
        queryset = queryset.exclude(pk=exclude_pk)
    candidates = list(
        queryset.order_by("-support_count", "-pk").only(
            "pk", "title", "body", "support_count", "campaign_id", "state"
        )[:CANDIDATES]
    )
    scores = score(text, [f"{c.title} {c.title} {c.body}" for c in candidates])
    ranked = sorted(zip(scores, candidates, strict=True), key=lambda pair: -pair[0])
    result = []
    for value, candidate in ranked[:limit]:
        if value < THRESHOLD:
            break
        candidate.similarity = value
        result.append(candidate)
    return result
