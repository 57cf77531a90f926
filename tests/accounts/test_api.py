import pytest

from essaim.accounts.models import OrganisationKind
from essaim.core.models import Level, Territory
from tests.accounts.factories import MembershipFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_organisation_list_is_paginated_with_total_count(client):
    for name in ["Cerfa Lab", "Agence A", "Bureau B"]:
        OrganisationFactory(name=name)
    response = client.get("/api/v1/organisations", {"page_size": 2, "page": 2})
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 3
    assert [item["name"] for item in body["items"]] == ["Cerfa Lab"]


def test_organisation_list_filters_by_kind(client):
    OrganisationFactory(name="SIILAB", kind=OrganisationKind.LAB)
    OrganisationFactory(name="Département du Nord", kind=OrganisationKind.LOCAL_AUTHORITY)
    body = client.get("/api/v1/organisations", {"kind": "lab"}).json()
    assert [item["name"] for item in body["items"]] == ["SIILAB"]
    assert body["items"][0]["kind_label"] == "Laboratoire d'innovation publique"


def test_organisation_list_search_ignores_accents_and_case(client):
    OrganisationFactory(name="Département du Nord")
    OrganisationFactory(name="Pôle emploi")
    body = client.get("/api/v1/organisations", {"q": "DEPARTEMENT"}).json()
    assert [item["name"] for item in body["items"]] == ["Département du Nord"]


def test_organisation_list_rejects_unknown_kind(client):
    response = client.get("/api/v1/organisations", {"kind": "licorne"})
    assert response.status_code == 422


def test_organisation_detail_gives_public_data_with_territory(client):
    nord = Territory.objects.create(level=Level.DEPARTMENT, code="59", name="Nord")
    organisation = OrganisationFactory(name="Fabrik59", kind=OrganisationKind.LAB, territory=nord)
    response = client.get(f"/api/v1/organisations/{organisation.slug}")
    assert response.status_code == 200
    assert response.json() == {
        "slug": organisation.slug,
        "name": "Fabrik59",
        "kind": "lab",
        "kind_label": "Laboratoire d'innovation publique",
        "territory": {"level": "department", "code": "59", "name": "Nord"},
        "website": "",
        "description": "",
    }


def test_organisation_api_never_shows_members(client, organisation):
    member = MembershipFactory(organisation=organisation, role="admin").user
    for url in ["/api/v1/organisations", f"/api/v1/organisations/{organisation.slug}"]:
        content = client.get(url).content.decode()
        assert member.email not in content and member.last_name not in content


def test_organisation_detail_unknown_slug_is_a_french_404(client):
    response = client.get("/api/v1/organisations/n-existe-pas")
    assert response.status_code == 404
    assert response.json()["detail"].startswith("Introuvable")
