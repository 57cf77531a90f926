"""Public pages of the labs: the list (filterable by region) and each lab's page."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue import labs
from essaim.catalogue.filters import clean_text, parse_page
from essaim.catalogue.queries import with_card_data

T = "catalogue/labs/"


def _breadcrumb(current, *links) -> dict:
    base = [{"url": reverse("catalogue:list"), "title": _("Initiatives")}]
    return {"breadcrumb_data": {"links": [*base, *links], "current": current}}


@require_GET
def lab_list(request):
    regions = labs.lab_regions()
    region_code = clean_text(request.GET.get("region"))[:5]
    region = next((r for r in regions if r.code == region_code), None)
    queryset = list(labs.labs_queryset())
    for lab in queryset:
        lab.region = labs.region_of(lab)
    if region is not None:
        queryset = [lab for lab in queryset if lab.region and lab.region.pk == region.pk]
    page = Paginator(queryset, 24).get_page(parse_page(request.GET.get("page")))
    context = {
        "page_obj": page,
        "regions": regions,
        "region": region,
        **_breadcrumb(_("Laboratoires d’innovation")),
    }
    return render(request, T + "list.html", context)


@require_GET
def lab_detail(request, slug):
    lab = get_object_or_404(
        Organisation.objects.select_related("territory", "territory__region"),
        slug=slug,
        kind=OrganisationKind.LAB,
    )
    led, led_count = labs.initiatives_of(lab, role="led")
    supported, supported_count = labs.initiatives_of(lab, role="supported")
    with_card_data(led + supported)
    context = {
        "lab": lab,
        "region": labs.region_of(lab),
        "profile": labs.profile_of(lab),
        "figures": labs.computed_figures(lab),
        "declared": list(lab.declared_figures.all()),
        "led": led,
        "led_count": led_count,
        "supported": supported,
        "supported_count": supported_count,
        **_breadcrumb(lab.name, {"url": reverse("catalogue:labs"), "title": _("Laboratoires")}),
    }
    return render(request, T + "detail.html", context)
