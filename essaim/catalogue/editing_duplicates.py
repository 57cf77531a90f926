"""Look-alikes of an initiative being written, so that editors do not create duplicates.

PostgreSQL: trigram similarity (pg_trgm, GIN index on `search_title`) between folded titles.
SQLite: Jaccard similarity between the sets of meaningful folded words of the titles and
pitches, over candidates that share at least one long word of the title.
"""

from django.contrib.postgres.search import TrigramSimilarity
from django.db import connection
from django.db.models import Q

from essaim.catalogue.models import Initiative
from essaim.catalogue.search_text import STOP_WORDS
from essaim.core.text import fold

LIMIT = 5
TRIGRAM_THRESHOLD = 0.45
JACCARD_THRESHOLD = 0.5
CANDIDATES = 400


def tokens(text: str) -> set[str]:
    return {word for word in fold(text).split() if len(word) > 2 and word not in STOP_WORDS}


def jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def find_lookalikes(*, title: str, pitch: str = "", exclude_pk=None) -> list[Initiative]:
    """Up to five existing initiatives whose title (or pitch) looks like these, best first."""
    folded = fold(title)[:200]
    if not folded:
        return []
    queryset = Initiative.objects.exclude(pk=exclude_pk) if exclude_pk else Initiative.objects
    if connection.vendor == "postgresql":
        return list(
            queryset.filter(search_title__trigram_similar=folded)
            .annotate(similarity=TrigramSimilarity("search_title", folded))
            .filter(similarity__gte=TRIGRAM_THRESHOLD)
            .order_by("-similarity", "pk")[:LIMIT]
        )
    return _jaccard_lookalikes(queryset, title, pitch)


def _jaccard_lookalikes(queryset, title: str, pitch: str) -> list[Initiative]:
    title_words, pitch_words = tokens(title), tokens(pitch)
    longest = sorted(title_words, key=len, reverse=True)[:4]
    if not longest:
        return []
    query = Q()
    for word in longest:
        query |= Q(search_title__contains=word)
    scored = []
    for candidate in queryset.filter(query).only("pk", "title", "pitch", "slug")[:CANDIDATES]:
        score = max(
            jaccard(title_words, tokens(candidate.title)),
            jaccard(title_words | pitch_words, tokens(f"{candidate.title} {candidate.pitch}")),
        )
        if score >= JACCARD_THRESHOLD:
            candidate.similarity = score
            scored.append(candidate)
    scored.sort(key=lambda c: (-c.similarity, c.pk))
    return scored[:LIMIT]
