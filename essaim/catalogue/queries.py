"""Read logic of the catalogue: filtering, full-text search, ordering.

PostgreSQL: `search_vector` (French stemming + unaccent, kept by a trigger, GIN index) matched by
`websearch_to_tsquery`, OR a trigram word similarity on the folded title (typo tolerance, GIN
trigram index); ranked by ts_rank + similarity.
SQLite (embedded demo, tests): every stem of the query must start a word of the folded
`search_document`; ranked by matches in the title.
"""

import hashlib
import re
from functools import reduce
from operator import add, or_

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import (
    BigAutoField,
    Case,
    Exists,
    F,
    ForeignKey,
    IntegerField,
    Lookup,
    Max,
    OuterRef,
    Q,
    Value,
    When,
)
from django.utils.functional import cached_property

from essaim.accounts.models import Organisation
from essaim.catalogue.enums import Beneficiary
from essaim.catalogue.filters import FACET_ATTRS, Filters
from essaim.catalogue.models import Initiative, Theme, spread_subquery
from essaim.catalogue.search_text import query_stems
from essaim.catalogue.signals import COUNTER
from essaim.core.models import ChangeCounter, Territory
from essaim.core.text import fold

SEARCH_CONFIG = "french_unaccent"
TRIGRAM_MIN, TRIGRAM_MAX = 4, 60
# Counts without a text query are cached this long at most (and dropped on any change).
CACHE_SECONDS = 600

# "Seine-et-Marne" is indexed as its parts (the document is folded): search the parts too.
_INNER_HYPHEN = re.compile(r"(?<=\w)[-‐‑](?=\w)")

ThemeLink = Initiative.themes.through
CarrierLink = Initiative.carriers.through
LabLink = Initiative.labs.through


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


class AnyOf(Lookup):
    """`id__any_of=[…]` → `id = ANY(%s::bigint[])`: one parameter however long the list
    (PostgreSQL only; `IN (…)` would send one parameter per id)."""

    lookup_name = "any_of"
    prepare_rhs = False

    def get_prep_lookup(self):
        return [int(v) for v in self.rhs]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, self.rhs]


BigAutoField.register_lookup(AnyOf)
ForeignKey.register_lookup(AnyOf)


def beneficiary_q(value: str) -> Q:
    """Initiatives whose `beneficiaries` list holds `value` (JSON containment, portable)."""
    if value not in Beneficiary.values:
        return Q(pk__in=[])
    if is_postgresql():
        return Q(beneficiaries__contains=[value])
    # SQLite stores the list as JSON text: the quoted code cannot match anything else.
    return Q(beneficiaries__icontains=f'"{value}"')


def _ts_query(q: str) -> SearchQuery:
    """PostgreSQL query: websearch syntax ("exact phrase", or, -excluded), French, unaccented."""
    return SearchQuery(_INNER_HYPHEN.sub(" ", q), search_type="websearch", config=SEARCH_CONFIG)


def _search_condition(q: str) -> Q | None:
    """The WHERE clause of a text query, or None when the query has nothing searchable."""
    folded = fold(q)
    if not folded:
        return None
    if is_postgresql():
        return Q(search_vector=_ts_query(q))
    stems = query_stems(q)
    if not stems:
        return Q(pk__in=[])
    return reduce(lambda a, b: a & b, (Q(search_document__contains=f" {s}") for s in stems))


def resolve_ids(filters: Filters) -> dict[str, list[int]]:
    """The ids behind the slugs and codes of the filters (one query per filter used)."""
    return {
        "themes": _ids(Theme.objects.filter(slug__in=filters.themes)) if filters.themes else [],
        "regions": _territory_ids("region", filters.regions) if filters.regions else [],
        "departments": _territory_ids("department", filters.departments)
        if filters.departments
        else [],
        "labs": _ids(Organisation.objects.filter(slug__in=filters.labs, kind="lab"))
        if filters.labs
        else [],
    }


def filter_initiatives(queryset, filters: Filters, *, skip: tuple[str, ...] = (), ids=None):
    """Apply every filter except those named in `skip` (facets count without their own filter).

    Within a facet the values are alternatives (OR); facets combine with AND. Skip "q" when the
    text query was already applied (see CatalogueSearch). `ids`: `resolve_ids(filters)`, when
    already known.
    """
    ids = resolve_ids(filters) if ids is None else ids
    condition = None if "q" in skip else _search_condition(filters.q)
    if condition is not None:
        queryset = queryset.filter(condition)
    if filters.themes and "themes" not in skip:
        theme_ids = ids["themes"]
        queryset = queryset.filter(
            Exists(ThemeLink.objects.filter(initiative_id=OuterRef("pk"), theme_id__in=theme_ids))
        )
    if filters.stages and "stages" not in skip:
        queryset = queryset.filter(stage__in=filters.stages)
    if filters.regions and "regions" not in skip:
        queryset = queryset.filter(region_id__in=ids["regions"])
    if filters.departments and "departments" not in skip:
        queryset = queryset.filter(department_id__in=ids["departments"])
    if filters.carrier_kinds and "carrier_kinds" not in skip:
        queryset = queryset.filter(
            Exists(
                CarrierLink.objects.filter(
                    initiative_id=OuterRef("pk"), organisation__kind__in=filters.carrier_kinds
                )
            )
        )
    if filters.labs and "labs" not in skip:
        lab_ids = ids["labs"]
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
    return _ids(Territory.objects.filter(level=level, code__in=codes))


def _ids(queryset) -> list[int]:
    """Resolve slugs or codes to ids first: the planner then knows the constants it filters on."""
    return list(queryset.order_by().values_list("pk", flat=True))


def order_initiatives(queryset, filters: Filters, *, near: bool = False):
    """Sort by relevance (with a query), publication date (newest first) or title.

    `near`: the results are near matches of the title (a typo), ranked by similarity.
    """
    sort = filters.effective_sort
    if sort == "titre":
        return queryset.order_by("title", "pk")
    if sort == "pertinence" and fold(filters.q):
        return queryset.annotate(relevance=_relevance(filters.q, near=near)).order_by(
            "-relevance", F("published_at").desc(nulls_last=True), "-pk"
        )
    return queryset.order_by(F("published_at").desc(nulls_last=True), "-pk")


def _relevance(q: str, *, near: bool):
    if is_postgresql():
        if near:
            return TrigramWordSimilarity(fold(q), "search_title")
        return SearchRank(F("search_vector"), _ts_query(q), normalization=Value(1))
    stems = query_stems(q) or [fold(q)]
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


class CatalogueSearch:
    """One search of the catalogue, evaluated once per request: results and facets agree.

    The text query stays a SQL condition (`text_condition`), so the database combines it with
    the facet filters' indexes and never ships the ids of a broad match back and forth. On
    PostgreSQL, when the full-text search finds nothing, near matches of the title (trigrams)
    are used instead, so a typo still finds something. Facets (essaim.catalogue.facets) count
    on the same condition.
    """

    def __init__(self, filters: Filters, *, base=None):
        self.filters = filters
        self.base = Initiative.objects.published() if base is None else base
        self.cacheable = base is None
        self.near_matches = False

    def cached(self, name: str, compute):
        """`compute()`, cached until the catalogue changes (published catalogue only)."""
        if not self.cacheable:
            return compute()
        key = f"catalogue:{name}:{self.version}:{self.filters.querystring()}"
        digest = hashlib.sha256(key.encode()).hexdigest()
        return cache.get_or_set(f"catalogue:{name}:{digest}", compute, CACHE_SECONDS)

    @cached_property
    def version(self) -> str:
        return catalogue_version()

    @cached_property
    def text_condition(self) -> Q | None:
        """The WHERE clause of the text query (None without one); sets `near_matches`."""
        q = self.filters.q
        condition = _search_condition(q)
        if condition is None or not is_postgresql():
            return condition
        folded = fold(q)
        if not TRIGRAM_MIN <= len(folded) <= TRIGRAM_MAX:
            return condition
        near = Q(search_title__trigram_word_similar=folded)
        # Whether the words match nothing but a near spelling does, decided once per version.
        self.near_matches = self.cached(
            "near",
            lambda: not self.base.filter(condition).exists() and self.base.filter(near).exists(),
        )
        return near if self.near_matches else condition

    @cached_property
    def resolved(self) -> dict[str, list[int]]:
        return resolve_ids(self.filters)

    @cached_property
    def active(self) -> list[str]:
        """The facet attributes with a selected value."""
        return [a for a in FACET_ATTRS if getattr(self.filters, a)]

    @property
    def narrowed(self) -> bool:
        """PostgreSQL, a text query and two filters or more: facets count `skip_sets()`."""
        return is_postgresql() and len(self.active) >= 2 and bool(fold(self.filters.q))

    def skip_sets(self) -> dict[str, set[int]]:
        """Facet attribute → ids matching the text and every filter but that facet's, read in
        one query (a UNION): their union holds every initiative a facet count can include."""
        matching = self.matching()
        parts = [
            filter_initiatives(matching, self.filters, skip=("q", attr), ids=self.resolved)
            .order_by()
            .annotate(skipped_facet=Value(n, output_field=IntegerField()))
            .values_list("pk", "skipped_facet")
            for n, attr in enumerate(self.active)
        ]
        sets = {attr: set() for attr in self.active}
        for pk, n in parts[0].union(*parts[1:], all=True):
            sets[self.active[n]].add(pk)
        return sets

    def matching(self):
        """`base` narrowed by the text query only (no facet filter)."""
        condition = self.text_condition
        return self.base if condition is None else self.base.filter(condition)

    def filtered(self, *, skip: tuple[str, ...] = ()):
        """Every filter applied, except the facets named in `skip`."""
        return filter_initiatives(
            self.matching(), self.filters, skip=("q", *skip), ids=self.resolved
        )

    def facet_candidates(self):
        """The initiatives some facet count can include: those failing at most one filter.

        With two filters or more, that is the union of "every filter but one", each narrowed
        by the indexes: a few hundred ids instead of the whole text match.
        """
        if not self.narrowed:
            return self.matching()
        return self.base.filter(pk__any_of=sorted(set().union(*self.skip_sets().values())))

    def count(self) -> int:
        """How many initiatives match every filter (cached like the facets)."""
        return self.cached("count", lambda: self.filtered().count())

    def results(self):
        """The ordered queryset of the initiatives matching every filter."""
        queryset = self.filtered()  # evaluates text_condition, hence near_matches
        return order_initiatives(queryset, self.filters, near=self.near_matches)


def catalogue_version() -> str:
    """A value that changes whenever the published catalogue may have: an initiative saved or
    created (the latest `updated_at` and the highest id, read from indexes) or a change that
    leaves no timestamp, counted by essaim.catalogue.signals."""
    marks = Initiative.objects.order_by().aggregate(latest=Max("updated_at"), last=Max("pk"))
    latest = marks["latest"].timestamp() if marks["latest"] else 0
    return f"{marks['last']}-{latest}-{ChangeCounter.read(COUNTER)}"


def search_initiatives(filters: Filters, *, base=None):
    """The ordered queryset of published initiatives matching `filters`."""
    return CatalogueSearch(filters, base=base).results()


# What a result card reads: the long texts and search columns stay in the table.
CARD_FIELDS = ("title", "slug", "pitch", "stage", "territory", "region", "is_national")


def with_card_data(initiatives):
    """Load what a result card shows for a page of initiatives (a list), in three queries."""
    from django.db.models import Count, prefetch_related_objects

    prefetch_related_objects(initiatives, "themes", "carriers", "territory__parent", "region")
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
