"""Read logic of the lab pages: which labs, what they led and supported, their figures.

Figures are computed from published initiatives only: "led" means the lab is among the carrying
organisations, "supported" that it is among the supporting labs. They sit beside the figures a
lab declares itself (`LabFigure`), which are dated and sourced.
"""

from dataclasses import dataclass, field

from django.db.models import Count, Q

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue.enums import PublicationState, Stage
from essaim.catalogue.models import Initiative, LabProfile, Theme
from essaim.core.models import Territory


def labs_queryset():
    """Every lab, with its region and its published initiatives led and supported."""
    published = PublicationState.PUBLISHED
    return (
        Organisation.objects.filter(kind=OrganisationKind.LAB)
        .select_related("territory", "territory__region")
        .annotate(
            led_count=Count(
                "carried_initiatives",
                filter=Q(carried_initiatives__publication_state=published),
                distinct=True,
            ),
            supported_count=Count(
                "supported_initiatives",
                filter=Q(supported_initiatives__publication_state=published),
                distinct=True,
            ),
        )
        .order_by("name")
    )


def region_of(organisation) -> Territory | None:
    territory = organisation.territory
    if territory is None:
        return None
    if territory.level == "region":
        return territory
    return territory.region


def lab_regions() -> list[Territory]:
    """Regions that have at least one lab, for the list's filter."""
    labs = list(labs_queryset())
    regions = {r.pk: r for r in (region_of(lab) for lab in labs) if r is not None}
    return sorted(regions.values(), key=lambda r: r.name)


@dataclass
class LabFigures:
    led: int = 0
    supported: int = 0
    total: int = 0
    by_stage: list[tuple[str, int]] = field(default_factory=list)
    by_theme: list[tuple[str, str, int]] = field(default_factory=list)


def computed_figures(lab: Organisation) -> LabFigures:
    """Counts of the lab's published initiatives: led, supported, by stage, by theme."""
    published = Initiative.objects.published()
    linked = published.filter(Q(carriers=lab) | Q(labs=lab)).values("pk").distinct()
    figures = LabFigures(
        led=published.filter(carriers=lab).count(),
        supported=published.filter(labs=lab).count(),
        total=linked.count(),
    )
    stages = dict(
        Initiative.objects.filter(pk__in=linked)
        .values_list("stage")
        .annotate(n=Count("pk"))
        .values_list("stage", "n")
    )
    figures.by_stage = [(label, stages[value]) for value, label in Stage.choices if value in stages]
    figures.by_theme = list(
        Theme.objects.filter(initiatives__in=linked)
        .annotate(n=Count("initiatives", distinct=True))
        .order_by("-n", "name")
        .values_list("name", "slug", "n")
    )
    return figures


def profile_of(lab: Organisation) -> LabProfile | None:
    return LabProfile.objects.filter(organisation=lab).first()


def initiatives_of(lab: Organisation, *, role: str, limit: int = 12):
    """Published initiatives the lab led (`role="led"`) or supported, most recent first."""
    relation = {"led": "carriers", "supported": "labs"}[role]
    queryset = Initiative.objects.published().filter(**{relation: lab}).order_by("-published_at")
    return list(queryset[:limit]), queryset.count()
