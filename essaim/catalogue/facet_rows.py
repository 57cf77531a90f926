"""Facet counts computed in Python over the initiatives a text query matched.

A text query narrows the catalogue; with facet filters too, only the initiatives failing at most
one filter can count anywhere (`CatalogueSearch.facet_candidates`). Their facet values are read
once (one query for the rows, one per many-to-many facet, one for the spread), then every facet
is counted in one pass, each without its own filter. The predicates below mirror
`queries.filter_initiatives` exactly; the tests compare both on SQLite and PostgreSQL.
"""

from collections import Counter, defaultdict

from essaim.accounts.models import Organisation
from essaim.catalogue.enums import Beneficiary
from essaim.catalogue.filters import FACET_ATTRS
from essaim.catalogue.models import Initiative, PublicationState, Theme
from essaim.catalogue.queries import CarrierLink, LabLink, ThemeLink, is_postgresql
from essaim.core.models import Territory


def _matching_ids(ids, column: str) -> dict:
    """A lookup of `column` against the candidates' ids (a list on PostgreSQL, else a query)."""
    if isinstance(ids, list):
        return {f"{column}__any_of": ids}
    return {f"{column}__in": ids}


def _links(link_model, ids, column: str) -> dict[int, set]:
    """initiative id → set of `column` values, for the candidate initiatives."""
    links = link_model.objects.filter(**_matching_ids(ids, "initiative_id")).order_by()
    by_initiative = defaultdict(set)
    for initiative_id, value in links.values_list("initiative_id", column).iterator():
        by_initiative[initiative_id].add(value)
    return by_initiative


def _spread_ids(ids) -> set[int]:
    """Candidate initiatives taken up elsewhere by a published initiative."""
    return set(
        Initiative.objects.filter(
            publication_state=PublicationState.PUBLISHED, **_matching_ids(ids, "origin_id")
        )
        .order_by()
        .values_list("origin_id", flat=True)
        .distinct()
    )


def _selected(search) -> dict:
    """The selected values, translated to what the rows hold (ids, codes)."""
    filters, ids = search.filters, search.resolved
    return {
        "themes": set(ids["themes"]),
        "stages": set(filters.stages),
        "regions": set(ids["regions"]),
        "departments": set(ids["departments"]),
        "carrier_kinds": set(filters.carrier_kinds),
        "labs": set(ids["labs"]),
        "beneficiaries": set(filters.beneficiaries) & set(Beneficiary.values),
        "spread": filters.spread,
    }


def count_in_memory(search) -> dict[str, dict[str, int]]:
    """Facet attribute → value (slug or code, as in URLs) → count."""
    filters = search.filters
    candidates = search.facet_candidates().order_by()
    rows = list(
        candidates.values_list("pk", "stage", "region_id", "department_id", "beneficiaries")
    )
    ids = [row[0] for row in rows] if is_postgresql() else candidates.values("pk")
    themes = _links(ThemeLink, ids, "theme_id")
    kinds = _links(CarrierLink, ids, "organisation__kind")
    labs = _links(LabLink, ids, "organisation_id")
    spread = _spread_ids(ids)
    selected = _selected(search)
    active = [a for a in FACET_ATTRS if getattr(filters, a)]
    counters = {attr: Counter() for attr in FACET_ATTRS}

    for pk, stage, region_id, department_id, beneficiaries in rows:
        values = {
            "themes": themes.get(pk, set()),
            "stages": {stage},
            "regions": {region_id} if region_id else set(),
            "departments": {department_id} if department_id else set(),
            "carrier_kinds": kinds.get(pk, set()),
            "labs": labs.get(pk, set()),
            "beneficiaries": set(beneficiaries or ()),
            "spread": {True} if pk in spread else set(),
        }
        failing = [
            a for a in active if not (values[a] if a == "spread" else values[a] & selected[a])
        ]
        if len(failing) > 1:
            continue  # excluded from every facet's count
        for attr in FACET_ATTRS:
            if not failing or failing == [attr]:
                counters[attr].update(values[attr])
    return _translate(counters)


def _translate(counters) -> dict[str, dict[str, int]]:
    """Replace ids by the slugs and codes the URLs use."""
    theme_slugs = dict(Theme.objects.values_list("pk", "slug"))
    territory_ids = set(counters["regions"]) | set(counters["departments"])
    codes = dict(Territory.objects.filter(pk__in=territory_ids).values_list("pk", "code"))
    lab_slugs = dict(
        Organisation.objects.filter(pk__in=set(counters["labs"])).values_list("pk", "slug")
    )
    return {
        "themes": {theme_slugs[k]: n for k, n in counters["themes"].items()},
        "stages": dict(counters["stages"]),
        "regions": {codes[k]: n for k, n in counters["regions"].items()},
        "departments": {codes[k]: n for k, n in counters["departments"].items()},
        "carrier_kinds": dict(counters["carrier_kinds"]),
        "labs": {lab_slugs[k]: n for k, n in counters["labs"].items()},
        "beneficiaries": {
            k: n for k, n in counters["beneficiaries"].items() if k in Beneficiary.values
        },
        "spread": {"1": counters["spread"][True]},
    }
