"""Public pages of the catalogue: the searchable list, an initiative's page, the map."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from essaim.accounts.permissions import organisations_editable_by
from essaim.catalogue import jsonld
from essaim.catalogue.editing_services import is_operator
from essaim.catalogue.facets import compute_facets, territory_counts
from essaim.catalogue.filters import Filters, parse_page
from essaim.catalogue.map import build_map
from essaim.catalogue.models import Initiative, PublicationState
from essaim.catalogue.queries import CARD_FIELDS, CatalogueSearch, with_card_data
from essaim.core.pagination import page_links

PER_PAGE = 20
RESULTS_TARGET = "catalogue-results"


@require_GET
@vary_on_headers("HX-Request", "HX-Target")
def initiative_list(request):
    """The catalogue: search box, facets, results. htmx asks only for the results partial."""
    filters = Filters.from_querydict(request.GET)
    search = CatalogueSearch(filters)
    paginator = Paginator(search.results().only(*CARD_FIELDS), PER_PAGE)
    paginator.count = search.count()  # the cached count, not a COUNT(*) each time
    page_obj = paginator.get_page(parse_page(request.GET.get("page")))
    context = {
        "filters": filters,
        # Computed only if the template needs them: the facets and cards are cached as HTML.
        "facets": SimpleLazyObject(lambda: compute_facets(search)),
        "initiatives": SimpleLazyObject(lambda: with_card_data(list(page_obj.object_list))),
        "cache_version": search.version,
        "page_obj": page_obj,
        "page_links": page_links(reverse("catalogue:list"), filters, page_obj),
        "results_target": RESULTS_TARGET,
        "export_querystring": filters.querystring(),
        "can_propose": organisations_editable_by(request.user).exists(),
        "is_operator": is_operator(request.user),
        "breadcrumb_data": {"links": [], "current": _("Initiatives")},
    }
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == RESULTS_TARGET:
        response = render(request, "catalogue/list.html#results", context)
        # The address bar shows the canonical, shareable URL (no empty fields).
        response["HX-Push-Url"] = reverse("catalogue:list") + filters.querystring(
            page=page_obj.number
        )
        return response
    return render(request, "catalogue/list.html", context)


@require_GET
def initiative_detail(request, slug):
    initiative = get_object_or_404(
        Initiative.objects.visible_to(request.user).select_related(
            "territory", "region", "department", "origin", "published_by"
        ),
        slug=slug,
    )
    replications = list(
        initiative.replications.published()
        .select_related("territory", "region")
        .prefetch_related("carriers")
        .order_by("title")
    )
    origin = initiative.origin
    if origin is not None and origin.publication_state == PublicationState.DRAFT:
        origin = None  # never reveal a draft through a link
    context = {
        "initiative": initiative,
        "carriers": list(initiative.carriers.all()),
        "labs": list(initiative.labs.all()),
        "themes": list(initiative.themes.all()),
        "stage_changes": list(initiative.stage_changes.all()),
        "indicators": list(initiative.indicators.all()),
        "links": list(initiative.links.all()),
        "images": list(initiative.images.all()),
        "origin": origin,
        "replications": replications,
        "spread_map": build_map(
            "region",
            {},
            highlight={r.region.code for r in replications if r.region_id}
            | ({initiative.region.code} if initiative.region_id else set()),
        )
        if replications
        else None,
        "json_ld": jsonld.initiative_json_ld(initiative, request=request),
        "edit_url": _edit_url(request.user, initiative),
        "is_operator": is_operator(request.user),
        "breadcrumb_data": {
            "links": [{"url": reverse("catalogue:list"), "title": _("Initiatives")}],
            "current": initiative.title,
        },
    }
    return render(request, "catalogue/detail.html", context)


def _edit_url(user, initiative) -> str | None:
    """The editing page, when it exists and `user` may edit this initiative."""
    if not Initiative.objects.editable_by(user).filter(pk=initiative.pk).exists():
        return None
    try:
        return reverse("catalogue:edit", kwargs={"slug": initiative.slug})
    except NoReverseMatch:
        return None


@require_GET
def initiative_map(request):
    """France by région or département, shaded by the number of initiatives, with a table."""
    filters = Filters.from_querydict(request.GET)
    level = "department" if request.GET.get("niveau") == "departement" else "region"
    counts = territory_counts(filters)
    key = "regions" if level == "region" else "departments"
    context = {
        "filters": filters,
        "level": level,
        "france_map": build_map(level, counts[key], filters=filters),
        "national_count": counts["national"],
        "list_querystring": filters.querystring(),
        "breadcrumb_data": {
            "links": [{"url": reverse("catalogue:list"), "title": _("Initiatives")}],
            "current": _("Carte"),
        },
    }
    return render(request, "catalogue/map.html", context)
