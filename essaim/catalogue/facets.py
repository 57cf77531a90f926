"""Facet counts of the catalogue.

Standard faceting: the counts of a facet are computed on the initiatives matching every *other*
filter (its own is left out), so each count is the number of results the value leads to when it
is the facet's only selected value.

Two ways to count, same answers (the tests check both against the results):
- with a text query, the initiatives a count can include (matching the text and failing at most
  one filter) have their facet values read once and counted in Python
  (essaim.catalogue.facet_rows), a handful of queries in all;
- without one, one GROUP BY query per facet, narrowed by the other filters' indexes.
Either way the counts are cached until the catalogue changes (queries.catalogue_version).
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Q
from django.utils.translation import gettext as _

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue.enums import Beneficiary, Stage
from essaim.catalogue.facet_rows import count_in_memory
from essaim.catalogue.filters import FACET_ATTRS, PARAMS, Filters
from essaim.catalogue.models import Theme, spread_subquery
from essaim.catalogue.queries import (
    CarrierLink,
    CatalogueSearch,
    LabLink,
    ThemeLink,
    beneficiary_q,
)
from essaim.core.models import Territory
from essaim.core.text import fold


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    filters: Filters | None = field(default=None, repr=False)
    attr: str = ""

    @property
    def querystring(self) -> str:
        """The list's query string with this value toggled (computed when a link needs it)."""
        return self.filters.toggled(self.attr, self.value).querystring()


@dataclass
class Facet:
    attr: str  # Filters attribute
    label: str
    options: list[FacetOption] = field(default_factory=list)

    @property
    def param(self) -> str:
        return PARAMS[self.attr]

    @property
    def selected_count(self) -> int:
        return sum(1 for o in self.options if o.selected)


def compute_facets(search: CatalogueSearch | Filters, *, base=None) -> list[Facet]:
    """Every facet with its options (count > 0, or selected), in display order."""
    if isinstance(search, Filters):
        search = CatalogueSearch(search, base=base)
    if fold(search.filters.q):  # a text query (see queries._search_condition)
        counts = search.cached("facets-text", lambda: count_in_memory(search))
    else:
        counts = search.cached(
            "facets", lambda: {attr: _sql_counts(search, attr) for attr in FACET_ATTRS}
        )
    return build_facets(search.filters, counts)


def build_facets(filters: Filters, counts: dict[str, dict[str, int]]) -> list[Facet]:
    """Facets from counts (facet attribute → value → count), with labels and toggle links."""
    facets = [
        Facet("themes", _("Thème"), _options(counts["themes"], _theme_labels(), filters.themes)),
        Facet(
            "stages",
            _("Étape"),
            _options(counts["stages"], dict(Stage.choices), filters.stages, ordered=True),
        ),
        Facet(
            "regions",
            _("Région"),
            _options(
                counts["regions"],
                _territory_labels("region", [*counts["regions"], *filters.regions]),
                filters.regions,
            ),
        ),
        Facet(
            "departments",
            _("Département"),
            _options(
                counts["departments"],
                _territory_labels("department", [*counts["departments"], *filters.departments]),
                filters.departments,
            ),
        ),
        Facet(
            "carrier_kinds",
            _("Type de porteur"),
            _options(
                counts["carrier_kinds"],
                dict(OrganisationKind.choices),
                filters.carrier_kinds,
                ordered=True,
            ),
        ),
        Facet(
            "labs",
            _("Laboratoire d’appui"),
            _options(counts["labs"], _lab_labels([*counts["labs"], *filters.labs]), filters.labs),
        ),
        Facet(
            "beneficiaries",
            _("Bénéficiaires"),
            _options(
                counts["beneficiaries"],
                dict(Beneficiary.choices),
                filters.beneficiaries,
                ordered=True,
            ),
        ),
        Facet("spread", _("Essaimage"), _spread_options(counts["spread"], filters.spread)),
    ]
    for facet in facets:
        for option in facet.options:
            option.filters, option.attr = filters, facet.attr
    return facets


def _options(counts: dict, labels: dict, selected, *, ordered=False) -> list[FacetOption]:
    """Options with a count, plus the selected ones (even at zero, so they can be removed)."""
    keys = [k for k in labels if counts.get(k) or k in selected]
    keys += [k for k in selected if k not in keys]  # unknown values stay visible, at zero
    options = [
        FacetOption(str(k), str(labels.get(k, k)), counts.get(k, 0), k in selected) for k in keys
    ]
    if not ordered:
        options.sort(key=lambda o: (-o.count, o.label))
    return options


def _theme_labels() -> dict:
    return dict(Theme.objects.values_list("slug", "name"))


def _territory_labels(level: str, codes) -> dict:
    territories = Territory.objects.filter(level=level, code__in=set(codes))
    if level == "department":
        return {t.code: f"{t.name} ({t.code})" for t in territories}
    return {t.code: t.name for t in territories}


def _lab_labels(slugs) -> dict:
    return dict(Organisation.objects.filter(slug__in=set(slugs)).values_list("slug", "name"))


def _spread_options(counts: dict, selected: bool) -> list[FacetOption]:
    count = counts.get("1", 0)
    if not count and not selected:
        return []
    return [FacetOption("1", _("A essaimé ailleurs"), count, selected)]


# Counting in SQL, one query per facet -------------------------------------------------------


def _sql_counts(search: CatalogueSearch, attr: str) -> dict[str, int]:
    queryset = search.filtered(skip=(attr,))
    if attr == "themes":
        return _link_counts(ThemeLink, queryset, "theme__slug")
    if attr == "carrier_kinds":
        return _link_counts(CarrierLink, queryset, "organisation__kind")
    if attr == "labs":
        return _link_counts(LabLink, queryset, "organisation__slug")
    if attr == "stages":
        return _group_counts(queryset, "stage")
    if attr == "regions":
        return _group_counts(queryset.filter(region__isnull=False), "region__code")
    if attr == "departments":
        return _group_counts(queryset.filter(department__isnull=False), "department__code")
    if attr == "beneficiaries":
        return queryset.aggregate(
            **{value: Count("pk", filter=beneficiary_q(value)) for value in Beneficiary.values}
        )
    count = queryset.aggregate(n=Count("pk", filter=Q(Exists(spread_subquery()))))["n"]
    return {"1": count}


def _group_counts(queryset, column: str) -> dict[str, int]:
    return dict(queryset.values_list(column).annotate(n=Count("pk")).order_by())


def _link_counts(link_model, queryset, key: str) -> dict[str, int]:
    rows = (
        link_model.objects.filter(initiative_id__in=queryset.values("pk"))
        .values_list(key)
        .annotate(n=Count("initiative_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def territory_counts(filters: Filters, *, base=None) -> dict:
    """Counts for the map: per région and per département code, and the national ones.

    Computed without the région and département filters, so the whole country stays shaded.
    """
    queryset = CatalogueSearch(filters, base=base).filtered(skip=("regions", "departments"))
    return {
        "regions": _group_counts(queryset.filter(region__isnull=False), "region__code"),
        "departments": _group_counts(queryset.filter(department__isnull=False), "department__code"),
        "national": queryset.filter(region__isnull=True).count(),
    }
