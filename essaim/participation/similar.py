"""Proposals that mean the same thing as a text being written.

Each text becomes weighted terms with the synthesis engine's French analysis
(`essaim.synthesis.engine.text`: elision, lemmas, accents folded, stop words):
- the lemma's light stem (« dématérialiser » and « dématérialisation » are one term);
- a *concept* from a small hand-written thesaurus of public-service words (`THESAURUS`:
  « papier », « imprimer », « courrier »; « parapheur », « visa », « signature »…), counted twice;
- a *learned concept* (`~~` terms, `data/concepts_fr.txt`): about 3,500 stems grouped into
  200 concepts by latent semantic analysis of 150,000 Grand Débat answers (TF-IDF, SVD, k-means:
  `manage.py learn_similarity_concepts`), so that « passeport », « CNI », « permis »,
  « carte grise » or « chômage », « Pôle emploi », « CDD » get closer without a shared word;
  only for words without a hand-written concept, and weighing half a word (`LEARNED_SCALE`).
Concepts are only extra terms: a learned concept groups words used in the same contexts, which
is broader than synonymy; alone, it moves a proposal up the ranking but rarely over THRESHOLD.

The score is the cosine of sublinear TF-IDF vectors (as the engine's `Vocabulary`, the IDF
over the campaign), blended (a quarter) with the cosine of character 4-grams of the stems for
the 30 best (typos, compound words). At scale, the terms are stored once per proposal
(`similarity_index`; changing the analysis or the table needs `manage.py
rebuild_similarity_index`); a suggestion reads the postings of the rarest terms typed to pick
candidates, then re-ranks them exactly.

Measured with `python -m bench.similar` (BENCHMARKS.md, « Propositions similaires ») on Grand
Débat answers labelled by people: 71 % of the first 5 share a category with the query, against
66 % for trigrams (Decidim); the learned concepts add little (+0.3 point of precision, +0.9 of MAP).
"""

import math
import re
from collections import Counter
from functools import lru_cache
from importlib import resources

from essaim.catalogue.search_text import stem
from essaim.synthesis.engine.text import fold, term, words

LIMIT = 5
THRESHOLD = 0.22
MAX_TERM = 60
GRAMS_RERANK = 30
CONCEPTS_FILE = "concepts_fr.txt"
LEARNED_SCALE = 0.5  # its weight in the vector, against a word's: less, or it drowns them
_VERB_ENDINGS = ("isations", "isation", "iser", "ises", "ise", "is", "ees", "ee", "er", "ez", "ant")

# concept: stems that express it (prefixes of folded words).
THESAURUS = {
    "numerique": "numer dematerial digital electron internet informatis ligne web site "
    "teleprocedur",
    "papier": "papier imprim photocop courrier postal",
    "signature": "signatur signe signer parapheur visa validation valider circuit",
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
    "achat": "achat commande commander marche fournitur bon",
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
_MORE_STOP_TEXT = """plus moins tous tout toute toutes faire fait peut doit sans sous entre chaque
autre autres tres bien aussi afin etc cela cette celui avoir mettre place permettre pouvoir"""
_MORE_STOP_WORDS = frozenset(_MORE_STOP_TEXT.split())
_DIGITS = re.compile(r"\d")


@lru_cache(maxsize=20000)
def word_stem(word: str) -> str:
    stemmed = stem(word)
    for ending in _VERB_ENDINGS:
        if stemmed.endswith(ending) and len(stemmed) - len(ending) >= 4:
            return stemmed[: -len(ending)][:MAX_TERM]
    return stemmed[:MAX_TERM]


@lru_cache(maxsize=20000)
def _concept(word: str) -> str | None:
    for prefix, concept in _PREFIXES:
        if word.startswith(prefix) and (len(prefix) >= 4 or word == prefix):
            return concept
    return None


@lru_cache(maxsize=1)
def learned_concepts() -> dict[str, str]:
    """stem → learned concept (`data/concepts_fr.txt`, see its README): one line per concept,
    its name then its stems; lines starting with « # » are comments."""
    text = resources.files("essaim.participation").joinpath("data", CONCEPTS_FILE).read_text()
    table = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, *stems = line.split()
            table.update((s, name) for s in stems)
    return table


@lru_cache(maxsize=50000)
def _word_terms(word: str, thesaurus: bool = True, learned: bool = True) -> tuple[str, ...]:
    lemma = term(word)
    if len(lemma) < 3 or lemma in _MORE_STOP_WORDS or _DIGITS.search(lemma):
        return ()
    stemmed = word_stem(lemma)
    found = [stemmed]
    concept = thesaurus and (_concept(lemma) or _concept(fold(word)))
    if concept:
        # A concept counts as two words: it is what two rewordings of one idea share.
        found += ["~" + concept] * 2
    # The hand-written concept, when there is one, is the more precise: a learned one would
    # only dilute it (measured: same ranking, but short reworded proposals fell under THRESHOLD).
    cluster = learned and not concept and learned_concepts().get(stemmed)
    if cluster:
        found.append("~~" + cluster)
    return tuple(found)


def terms(text: str, *, thesaurus: bool = True, learned: bool = True) -> Counter:
    """Stems and concepts (prefixed with `~`, learned ones with `~~`) of a text, counted.

    `thesaurus`, `learned`: with the hand-written concepts, the learned ones (both by default;
    the switches are for the evaluation, `python -m bench.similar`).
    """
    counts: Counter = Counter()
    for word in words(text):
        counts.update(_word_terms(word, thesaurus, learned))
    return counts


def document_terms(title: str, body: str) -> Counter:
    """A proposal's terms: its title counts twice."""
    return terms(f"{title} {title} {body}")


def stem_count(counts: Counter) -> int:
    return sum(1 for t in counts if not t.startswith("~"))


@lru_cache(maxsize=50000)
def _term_grams(term: str) -> tuple[str, ...]:
    padded = f" {term} "
    return tuple(padded[i : i + 4] for i in range(len(padded) - 3))


def _grams(counts: Counter) -> dict:
    grams: Counter = Counter()
    for t in counts:
        if not t.startswith("~"):
            grams.update(_term_grams(t))
    return grams


def _cosine(a: dict, b: dict) -> float:
    if not a or not b:
        return 0.0
    dot = sum(value * b.get(key, 0.0) for key, value in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


def rank(query: Counter, documents: list[Counter], *, frequency: dict, total: int) -> list[float]:
    """Similarity in [0, 1] of `query` with each document (same order).

    `frequency`: in how many of the `total` documents of the collection each term appears
    (the IDF of the engine's vectoriser: log((1 + total) / (1 + df)) + 1).
    """
    if not documents:
        return []
    # The engine's TF-IDF (`synthesis.engine.vectors.Vocabulary`: sublinear TF times IDF,
    # L2-normalised), in plain Python: at most a few hundred short documents, and a web process
    # need not load NumPy and SciPy (tens of megabytes) to suggest.
    idf = {
        t: math.log((1 + total) / (1 + frequency.get(t, 0))) + 1
        for t in set(query).union(*documents)
    }

    def vector(counts: Counter) -> dict:
        weights = {
            t: (1 + math.log(c)) * idf[t] * (LEARNED_SCALE if t[:2] == "~~" else 1.0)
            for t, c in counts.items()
            if c > 0
        }
        norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        return {t: w / norm for t, w in weights.items()}

    target = vector(query)
    meaning = [
        sum(w * target.get(t, 0.0) for t, w in vector(counts).items()) for counts in documents
    ]
    # Spelling (4-grams) only refines the best by meaning: it weighs a quarter of the score.
    refined = set(sorted(range(len(meaning)), key=lambda i: -meaning[i])[:GRAMS_RERANK])
    query_grams = _grams(query)
    return [
        0.75 * m + (0.25 * _cosine(query_grams, _grams(counts)) if i in refined else 0.0)
        for i, (m, counts) in enumerate(zip(meaning, documents, strict=True))
    ]


def score(query: str, documents: list[str]) -> list[float]:
    """Similarity in [0, 1] of `query` with each document, the IDF taken over `documents`."""
    doc_terms = [terms(d) for d in documents]
    frequency = Counter(t for counts in doc_terms for t in counts)
    return rank(terms(query), doc_terms, frequency=frequency, total=len(documents) + 1)


def similar_proposals(*, campaign, text: str, exclude_pk=None, limit: int = LIMIT) -> list:
    """Up to `limit` active proposals of `campaign` that mean the same thing as `text`, best first.

    Each gets a `similarity` attribute. Reads the campaign's similarity index: a handful of
    indexed queries whatever the number of proposals (see `similarity_index.find`).
    """
    from essaim.participation.similarity_index import find

    query = terms(text)
    if stem_count(query) < 2:
        return []  # one word is not yet an idea
    return find(campaign, query, exclude_pk=exclude_pk, limit=limit, threshold=THRESHOLD)
