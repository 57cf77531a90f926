"""Public, read-only API of the organisations: /api/v1/organisations (see essaim.api.site).

Only what the public organisation page shows: never the members, their roles or invitations.
"""

from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.core.text import fold

prefix = "/organisations"
router = Router(tags=["Organisations"])


class TerritoryOut(Schema):
    level: str = Field(description="region, department ou commune")
    code: str = Field(description="Code INSEE")
    name: str


class OrganisationOut(Schema):
    slug: str = Field(description="Identifiant stable, utilisé dans les adresses")
    name: str
    kind: OrganisationKind
    kind_label: str = Field(description="Le type, en toutes lettres")
    territory: TerritoryOut | None
    website: str
    description: str

    @staticmethod
    def resolve_kind_label(organisation: Organisation) -> str:
        return str(organisation.get_kind_display())


class BoundedPages(PageNumberPagination):
    """Ninja's page numbers, bounded like the other lists of the API: a page beyond any real
    one must answer an empty list, not overflow the database's integers (a 500)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=100)


def _public_organisations():
    return Organisation.objects.select_related("territory").order_by("name", "pk")


@router.get("", response=list[OrganisationOut], summary="Liste des organisations")
@paginate(BoundedPages, page_size=20, max_page_size=100)
def list_organisations(request, kind: OrganisationKind | None = None, q: str = ""):
    """Les organisations inscrites, par ordre alphabétique.

    `kind` ne garde qu’un type d’organisation ; `q` cherche dans les noms, sans tenir compte
    des accents ni des majuscules.
    """
    organisations = _public_organisations()
    if kind:
        organisations = organisations.filter(kind=kind)
    if folded := fold(q):
        organisations = organisations.filter(search_name__contains=folded)
    return organisations


@router.get("/{slug}", response=OrganisationOut, summary="Une organisation")
def get_organisation(request, slug: str):
    """Une organisation, désignée par son identifiant `slug`."""
    return get_object_or_404(_public_organisations(), slug=slug)
