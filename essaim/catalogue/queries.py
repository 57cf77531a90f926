"""Read logic of the catalogue: filtering, full-text search, ordering.

PostgreSQL: `search_vector` (French stemming + unaccent, kept by a trigger, GIN index) matched by
`websearch_to_tsquery`, OR a trigram word similarity on the folded title (typo tolerance, GIN
trigram index); ranked by ts_rank + similarity.
SQLite (embedded demo, tests): every stem of the query must start a word of the folded
`search_document`; ranked by matches in the title.
"""

from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, Exists, F, FloatField, IntegerField, OuterRef, Q, Value, When

from essaim.accounts.models import Organisation
from essaim.catalogue.enums import Beneficiary
from essaim.catalogue.filters import Filters
from essaim.catalogue.models import Initiative, Theme, spread_subquery
from essaim.catalogue.search_text import query_stems
from essaim.core.models import Territory
from essaim.core.text import fold

SEARCH_CONFIG = "french_unaccent"
TRIGRAM_MIN, TRIGRAM_MAX = 4, 60

ThemeLink = Initiative.themes.through
CarrierLink = Initiative.carriers.through
LabLink = Initiative.labs.through


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def beneficiary_q(value: str) -> Q:
    """Initiatives whose `beneficiaries` list holds `value` (JSON containment, portable)."""
    if value not in Beneficiary.values:
        return Q(pk__in=[])
    if is_postgresql():
        return Q(beneficiaries__contains=[value])
    # SQLite stores the list as JSON text: the quoted code cannot match anything else.
    return Q(beneficiaries__icontains=f'"{value}"')


def _search_condition(q: str) -> Q | None:
    """The WHERE clause of a text query, or None when the query has nothing searchable."""
    folded = fold(q)
    if not folded:
        return None
    if is_postgresql():
        condition = Q(search_vector=SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG))
        if TRIGRAM_MIN <= len(folded) <= TRIGRAM_MAX:
            condition |= Q(search_title__trigram_word_similar=folded)
        return condition
    stems = query_stems(q)
    if not stems:
        return Q(pk__in=[])
    return reduce(lambda a, b: a & b, (Q(search_document__contains=f" {s}") for s in stems))


def filter_initiatives(queryset, filters: Filters, *, skip: tuple[str, ...] = ()):
    """Apply every filter except those named in `skip` (facets count without their own filter).

    Within a facet the values are alternatives (OR); facets combine with AND.
    """
    condition = _search_condition(filters.q)
    if condition is not None:
        queryset = queryset.filter(condition)
    if filters.themes and "themes" not in skip:
        theme_ids = Theme.objects.filter(slug__in=filters.themes).values("pk")
        queryset = queryset.filter(
            Exists(ThemeLink.objects.filter(initiative_id=OuterRef("pk"), theme_id__in=theme_ids))
        )
    if filters.stages and "stages" not in skip:
        queryset = queryset.filter(stage__in=filters.stages)
    if filters.regions and "regions" not in skip:
        queryset = queryset.filter(region_id__in=_territory_ids("region", filters.regions))
    if filters.departments and "departments" not in skip:
        queryset = queryset.filter(
            department_id__in=_territory_ids("department", filters.departments)
        )
    if filters.carrier_kinds and "carrier_kinds" not in skip:
        queryset = queryset.filter(
            Exists(
                CarrierLink.objects.filter(
                    initiative_id=OuterRef("pk"), organisation__kind__in=filters.carrier_kinds
                )
            )
        )
    if filters.labs and "labs" not in skip:
        lab_ids = Organisation.objects.filter(slug__in=filters.labs, kind="lab").values("pk")
        queryset = queryset.filter(
            Exists(
                LabLink.objects.filter(initiative_id=OuterRef("pk"), organisation_id__in=lab_ids)
            )
        )
    if filters.beneficiaries and "beneficiaries" not in skip:
        queryset = queryset.filter(reduce(or_, map(beneficiary_q, filters.beneficiaries)))
    if filters.spread and "spread" not in skip:
        queryset = queryset.filter(Exists(spread_subquery()))
    return queryset


def _territory_ids(level: str, codes):
    return Territory.objects.filter(level=level, code__in=codes).values("pk")


def order_initiatives(queryset, filters: Filters):
    """Sort by relevance (with a query), publication date (newest first) or title."""
    sort = filters.effective_sort
    if sort == "titre":
        return queryset.order_by("title", "pk")
    if sort == "pertinence" and fold(filters.q):
        return queryset.annotate(relevance=_relevance(filters.q)).order_by(
            "-relevance", "-published_at", "-pk"
        )
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


def _relevance(q: str):
    folded = fold(q)
    if is_postgresql():
        query = SearchQuery(q, search_type="websearch", config=SEARCH_CONFIG)
        rank = SearchRank(F("search_vector"), query, normalization=Value(1))
        if TRIGRAM_MIN <= len(folded) <= TRIGRAM_MAX:
            return rank + TrigramWordSimilarity(folded, "search_title")
        return rank + Value(0.0, output_field=FloatField())
    stems = query_stems(q) or [folded]
    scores = [
        Case(
            When(search_title__startswith=stem, then=Value(3)),
            When(search_title__contains=f" {stem}", then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
        for stem in stems
    ]
    return reduce(add, scores)


def search_initiatives(filters: Filters, *, base=None):
    """The ordered queryset of published initiatives matching `filters`."""
    base = Initiative.objects.published() if base is None else base
    return order_initiatives(filter_initiatives(base, filters), filters)


def with_card_data(initiatives):
    """Load what a result card shows for a page of initiatives (a list), in three queries."""
    from django.db.models import Count, prefetch_related_objects

    prefetch_related_objects(initiatives, "themes", "carriers", "territory", "region")
    counts = dict(
        Initiative.objects.published()
        .filter(origin_id__in=[i.pk for i in initiatives])
        .values_list("origin_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for initiative in initiatives:
        initiative.replication_count = counts.get(initiative.pk, 0)
    return initiatives
