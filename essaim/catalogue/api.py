"""Public, read-only API of the catalogue: /api/v1/initiatives and /api/v1/labs.

The list accepts exactly the filters of the web catalogue (same parameter names), so a URL of
/initiatives/?theme=sante&region=32 becomes /api/v1/initiatives?theme=sante&region=32.
Only published initiatives are ever returned.
"""

import datetime
import re
from decimal import Decimal

from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue.enums import Beneficiary, Stage
from essaim.catalogue.filters import Filters
from essaim.catalogue.models import Initiative, PublicationState
from essaim.catalogue.queries import search_initiatives
from essaim.catalogue.serializers import initiative_data

prefix = ""
router = Router(tags=["Initiatives"])
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,220}$")
MAX_PAGE_SIZE = 100


class Named(Schema):
    slug: str
    name: str


class Carrier(Named):
    kind: str


class TerritoryOut(Schema):
    level: str = Field(description="region, department ou commune")
    code: str = Field(description="Code INSEE")
    name: str


class InitiativeOut(Schema):
    slug: str = Field(description="Identifiant stable, utilisé dans les adresses")
    url: str
    title: str
    pitch: str = Field(description="L’initiative en une phrase")
    problem: str
    solution: str
    lessons: str
    stage: Stage
    stage_label: str
    stopped_reason: str
    themes: list[Named]
    carriers: list[Carrier] = Field(description="Organisations porteuses")
    labs: list[Named] = Field(description="Laboratoires d’innovation en appui")
    beneficiaries: list[str] = Field(description=f"Parmi : {', '.join(Beneficiary.values)}")
    territory: TerritoryOut | None
    region: TerritoryOut | None
    department: TerritoryOut | None
    is_national: bool
    started_on: datetime.date | None
    budget_eur: Decimal | None
    funding: str
    facet: str = Field(description="Type d’innovation (facettes de l’OCDE-OPSI)")
    government_level: str
    website: str
    video_url: str
    contact_email: str
    origin: str | None = Field(description="slug de l’initiative reprise ici (essaimage)")
    published_at: datetime.datetime | None
    updated_at: datetime.datetime


class InitiativePage(Schema):
    items: list[InitiativeOut]
    count: int


class InitiativeFilters(Schema):
    """The filters of the web catalogue; each may be repeated (values of a filter are ORed)."""

    q: str = Field("", description="Recherche plein texte, en français", max_length=10000)
    theme: list[str] = Field([], description="slug de thème")
    etape: list[str] = Field([], description=f"Parmi : {', '.join(Stage.values)}")
    region: list[str] = Field([], description="code INSEE de région")
    departement: list[str] = Field([], description="code INSEE de département")
    porteur: list[str] = Field([], description="type d’organisation porteuse")
    labo: list[str] = Field([], description="slug de laboratoire")
    beneficiaire: list[str] = Field([], description="type de bénéficiaire")
    essaimage: bool = Field(False, description="seulement les initiatives reprises ailleurs")
    tri: str = Field("", description="pertinence, recentes ou titre")


@router.get("/initiatives", response=InitiativePage, summary="Liste des initiatives")
def list_initiatives(
    request,
    filters: Query[InitiativeFilters],
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les initiatives publiées, filtrées comme le catalogue du site, paginées.

    Sans recherche, les plus récentes d’abord ; avec `q`, les plus pertinentes d’abord.
    """
    queryset = search_initiatives(Filters.from_querydict(request.GET))
    count = queryset.count()
    start = (page - 1) * page_size
    items = (
        queryset.select_related("territory", "region", "department", "origin").prefetch_related(
            "themes", "carriers", "labs"
        )[start : start + page_size]
        if start < count
        else []
    )
    return {"items": [initiative_data(i, request=request) for i in items], "count": count}


@router.get("/initiatives/{slug}", response=InitiativeOut, summary="Une initiative")
def get_initiative(request, slug: str):
    """Une initiative publiée, désignée par son identifiant `slug`."""
    if not SLUG.match(slug):
        raise Http404
    initiative = get_object_or_404(
        Initiative.objects.published().select_related(
            "territory", "region", "department", "origin"
        ),
        slug=slug,
    )
    return initiative_data(initiative, request=request)


class LabOut(Schema):
    slug: str
    name: str
    territory: TerritoryOut | None
    website: str
    description: str
    initiatives_led: int = Field(description="Initiatives publiées que le laboratoire porte")
    initiatives_supported: int = Field(description="Initiatives publiées qu’il accompagne")


class LabPage(Schema):
    items: list[LabOut]
    count: int


@router.get("/labs", response=LabPage, summary="Liste des laboratoires d’innovation")
def list_labs(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les laboratoires d’innovation publique, par ordre alphabétique, avec leurs chiffres
    calculés à partir du catalogue."""
    published = Q(
        carried_initiatives__publication_state=PublicationState.PUBLISHED,
    )
    labs = (
        Organisation.objects.filter(kind=OrganisationKind.LAB)
        .select_related("territory")
        .annotate(
            initiatives_led=Count("carried_initiatives", filter=published, distinct=True),
            initiatives_supported=Count(
                "supported_initiatives",
                filter=Q(supported_initiatives__publication_state=PublicationState.PUBLISHED),
                distinct=True,
            ),
        )
        .order_by("name", "pk")
    )
    count = labs.count()
    start = (page - 1) * page_size
    return {"items": list(labs[start : start + page_size]) if start < count else [], "count": count}
