"""The CSV export's rows, read as plain values in chunks: 100,000 initiatives in constant memory.

Same columns and cells as `serializers.export_row` (the tests compare both), without building
model instances: each chunk of initiatives is one list of tuples, plus one query per list
column (themes, carriers, labs), one for the territories and one for the origins.
"""

from collections import defaultdict
from itertools import islice

from django.urls import reverse

from essaim.catalogue.enums import Beneficiary, GovernmentLevel, InnovationFacet, Stage
from essaim.catalogue.models import Initiative, PublicationState
from essaim.catalogue.queries import CarrierLink, LabLink, ThemeLink, is_postgresql
from essaim.catalogue.serializers import EXPORT_COLUMNS, _cell
from essaim.core.models import Territory

CHUNK_SIZE = 2000
FIELDS = ("pk", "slug", "title", "pitch", "stage", "beneficiaries", "territory_id", "region_id",
          "department_id", "is_national", "started_on", "budget_eur", "facet", "government_level",
          "origin_id", "website", "published_at", "updated_at")  # fmt: skip
LABELS = {
    "stage": dict(Stage.choices),
    "facet": dict(InnovationFacet.choices),
    "government_level": dict(GovernmentLevel.choices),
    "beneficiaries": dict(Beneficiary.choices),
}


def _ids_lookup(column: str, ids: list[int]) -> dict:
    return {f"{column}__any_of" if is_postgresql() else f"{column}__in": ids}


def _names(link_model, ids: list[int], name: str, order: tuple[str, ...]) -> dict[int, str]:
    """initiative id → the names of its linked objects, in their usual order, joined by " | "."""
    by_initiative = defaultdict(list)
    links = link_model.objects.filter(**_ids_lookup("initiative_id", ids)).order_by(*order)
    for initiative_id, value in links.values_list("initiative_id", name):
        by_initiative[initiative_id].append(value)
    return {pk: " | ".join(values) for pk, values in by_initiative.items()}


def _chunk_context(rows: list[tuple]) -> dict:
    ids = [row[0] for row in rows]
    territory_ids = {v for row in rows for v in (row[6], row[7], row[8]) if v}
    origin_ids = [row[14] for row in rows if row[14]]
    origins = Initiative.objects.filter(pk__in=origin_ids).exclude(
        publication_state=PublicationState.DRAFT
    )
    return {
        "themes": _names(ThemeLink, ids, "theme__name", ("theme__position", "theme__name")),
        "carriers": _names(CarrierLink, ids, "organisation__name", ("organisation__name",)),
        "labs": _names(LabLink, ids, "organisation__name", ("organisation__name",)),
        "territories": {
            t[0]: (t[1], t[2])
            for t in Territory.objects.filter(pk__in=territory_ids).values_list(
                "pk", "name", "code"
            )
        },
        "origins": dict(origins.values_list("pk", "slug")),
    }


def _label(kind: str, value) -> str:
    return str(LABELS[kind].get(value, value)) if value else ""


def _row(row: tuple, context: dict, url_prefix: str) -> list[str]:
    (pk, slug, title, pitch, stage, beneficiaries, territory_id, region_id, department_id,
     is_national, started_on, budget, facet, level, origin_id, website, published_at,
     updated_at) = row  # fmt: skip
    territories = context["territories"]
    territory = territories.get(territory_id, ("", ""))
    values = {
        "slug": slug,
        "url": f"{url_prefix}{slug}/",
        "title": title,
        "pitch": pitch,
        "stage": _label("stage", stage),
        "themes": context["themes"].get(pk, ""),
        "carriers": context["carriers"].get(pk, ""),
        "labs": context["labs"].get(pk, ""),
        "beneficiaries": " | ".join(
            str(LABELS["beneficiaries"][b])
            for b in beneficiaries or []
            if b in LABELS["beneficiaries"]
        ),
        "territory": territory[0],
        "territory_code": territory[1],
        "region": territories.get(region_id, ("", ""))[0],
        "department": territories.get(department_id, ("", ""))[0],
        "is_national": "oui" if is_national else "non",
        "started_on": started_on.isoformat() if started_on else "",
        "budget_eur": str(budget).replace(".", ",") if budget is not None else "",
        "facet": _label("facet", facet),
        "government_level": _label("government_level", level),
        "origin": context["origins"].get(origin_id, ""),
        "website": website,
        "published_at": published_at.isoformat() if published_at else "",
        "updated_at": updated_at.isoformat(),
    }
    return [_cell(values[key]) for key, _label_ in EXPORT_COLUMNS]


def csv_rows(queryset, *, request):
    """Yield the CSV cells of each initiative of `queryset` (ordered), chunk by chunk."""
    url_prefix = request.build_absolute_uri(reverse("catalogue:list"))
    rows = queryset.values_list(*FIELDS).iterator(chunk_size=CHUNK_SIZE)
    while chunk := list(islice(rows, CHUNK_SIZE)):
        context = _chunk_context(chunk)
        for row in chunk:
            yield _row(row, context, url_prefix)
