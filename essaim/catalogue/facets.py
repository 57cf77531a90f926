"""Facet counts of the catalogue.

Standard faceting: the counts of a facet are computed on the initiatives matching every *other*
filter (its own is left out), so each count is the number of results the value leads to when it
is the facet's only selected value. One GROUP BY query per facet.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Exists, Q
from django.utils.translation import gettext as _

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue.enums import Beneficiary, Stage
from essaim.catalogue.filters import PARAMS, Filters
from essaim.catalogue.models import Initiative, Theme, spread_subquery
from essaim.catalogue.queries import (
    CarrierLink,
    LabLink,
    ThemeLink,
    beneficiary_q,
    filter_initiatives,
)
from essaim.core.models import Territory


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    querystring: str = ""  # the list's query string with this value toggled


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


def compute_facets(filters: Filters, *, base=None) -> list[Facet]:
    """Every facet with its options (count > 0, or selected), in display order."""
    base = Initiative.objects.published() if base is None else base

    def scoped(attr):
        return filter_initiatives(base, filters, skip=(attr,))

    facets = [
        Facet("themes", _("Thème"), _theme_options(scoped("themes"), filters.themes)),
        Facet("stages", _("Étape"), _stage_options(scoped("stages"), filters.stages)),
        Facet(
            "regions",
            _("Région"),
            _territory_options(scoped("regions"), "region", filters.regions),
        ),
        Facet(
            "departments",
            _("Département"),
            _territory_options(scoped("departments"), "department", filters.departments),
        ),
        Facet(
            "carrier_kinds",
            _("Type de porteur"),
            _carrier_kind_options(scoped("carrier_kinds"), filters.carrier_kinds),
        ),
        Facet("labs", _("Laboratoire d’appui"), _lab_options(scoped("labs"), filters.labs)),
        Facet(
            "beneficiaries",
            _("Bénéficiaires"),
            _beneficiary_options(scoped("beneficiaries"), filters.beneficiaries),
        ),
        Facet("spread", _("Essaimage"), _spread_options(scoped("spread"), filters.spread)),
    ]
    for facet in facets:
        for option in facet.options:
            option.querystring = filters.toggled(facet.attr, option.value).querystring()
    return facets


def _options(counts: dict, labels: dict, selected, *, order=None) -> list[FacetOption]:
    """Options with a count, plus the selected ones (even at zero, so they can be removed)."""
    keys = [k for k in (order or labels) if counts.get(k) or k in selected]
    keys += [k for k in selected if k not in keys]  # unknown values stay visible, at zero
    options = [
        FacetOption(str(k), str(labels.get(k, k)), counts.get(k, 0), k in selected) for k in keys
    ]
    if order is None:
        options.sort(key=lambda o: (-o.count, o.label))
    return options


def _link_counts(link_model, queryset, key: str) -> dict:
    rows = (
        link_model.objects.filter(initiative_id__in=queryset.values("pk"))
        .values_list(key)
        .annotate(n=Count("initiative_id", distinct=True))
        .order_by()
    )
    return dict(rows)


def _theme_options(queryset, selected):
    counts = _link_counts(ThemeLink, queryset, "theme__slug")
    labels = dict(Theme.objects.values_list("slug", "name"))
    return _options(counts, labels, selected)


def _stage_options(queryset, selected):
    counts = dict(queryset.values_list("stage").annotate(n=Count("pk")).order_by())
    return _options(counts, dict(Stage.choices), selected, order=Stage.values)


def _territory_options(queryset, level, selected):
    column = f"{level}__code"
    counts = dict(
        queryset.filter(**{f"{level}__isnull": False})
        .values_list(column)
        .annotate(n=Count("pk"))
        .order_by()
    )
    territories = Territory.objects.filter(level=level, code__in=[*counts, *selected])
    labels = {
        t.code: (f"{t.name} ({t.code})" if level == "department" else t.name) for t in territories
    }
    return _options(counts, labels, selected)


def _carrier_kind_options(queryset, selected):
    counts = _link_counts(CarrierLink, queryset, "organisation__kind")
    return _options(counts, dict(OrganisationKind.choices), selected, order=OrganisationKind.values)


def _lab_options(queryset, selected):
    counts = _link_counts(LabLink, queryset, "organisation__slug")
    labels = dict(
        Organisation.objects.filter(slug__in=[*counts, *selected]).values_list("slug", "name")
    )
    return _options(counts, labels, selected)


def _beneficiary_options(queryset, selected):
    counts = queryset.aggregate(
        **{value: Count("pk", filter=beneficiary_q(value)) for value in Beneficiary.values}
    )
    return _options(counts, dict(Beneficiary.choices), selected, order=Beneficiary.values)


def _spread_options(queryset, selected: bool):
    count = queryset.aggregate(n=Count("pk", filter=Q(Exists(spread_subquery()))))["n"]
    if not count and not selected:
        return []
    return [FacetOption("1", _("A essaimé ailleurs"), count, selected)]


def territory_counts(filters: Filters, *, base=None) -> dict:
    """Counts for the map: per région and per département code, and the national ones.

    Computed without the région and département filters, so the whole country stays shaded.
    """
    base = Initiative.objects.published() if base is None else base
    queryset = filter_initiatives(base, filters, skip=("regions", "departments"))
    regions = dict(
        queryset.filter(region__isnull=False)
        .values_list("region__code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    departments = dict(
        queryset.filter(department__isnull=False)
        .values_list("department__code")
        .annotate(n=Count("pk"))
        .order_by()
    )
    national = queryset.filter(region__isnull=True).count()
    return {"regions": regions, "departments": departments, "national": national}
