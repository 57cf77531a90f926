import pytest

from essaim.catalogue.services import set_origin
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_api_lists_initiatives_with_the_catalogue_filters(client, nord_autonomie, sdis_77):
    data = client.get("/api/v1/initiatives", {"q": "formulaire MDPH"}).json()
    assert data["count"] == 1
    assert data["items"][0]["title"] == "Nord autonomie"
    data = client.get("/api/v1/initiatives", {"theme": ["sante", "handicap"]}).json()
    assert data["count"] == 2
    data = client.get("/api/v1/initiatives", {"departement": "77"}).json()
    assert [i["slug"] for i in data["items"]] == [sdis_77.slug]


def test_api_paginates(client):
    InitiativeFactory.create_batch(5)
    data = client.get("/api/v1/initiatives", {"page_size": 2, "page": 3}).json()
    assert data["count"] == 5 and len(data["items"]) == 1


def test_api_page_size_is_capped(client):
    assert client.get("/api/v1/initiatives", {"page_size": 1000}).status_code == 422


def test_api_detail_gives_every_public_fact(client, nord_autonomie, editor):
    replication = InitiativeFactory()
    set_origin(replication, origin=nord_autonomie, by=editor)
    data = client.get(f"/api/v1/initiatives/{replication.slug}").json()
    assert data["origin"] == nord_autonomie.slug
    data = client.get(f"/api/v1/initiatives/{nord_autonomie.slug}").json()
    assert data["department"]["code"] == "59"
    assert [t["slug"] for t in data["themes"]] == ["handicap", "simplification"]
    assert data["beneficiaries"] == ["citizens", "agents"]


def test_api_labs_count_their_published_initiatives(client, sdis_77):
    lab = sdis_77.labs.get()
    InitiativeFactory(draft=True, labs=[lab])
    data = client.get("/api/v1/labs").json()
    assert data["count"] == 1
    assert data["items"][0]["slug"] == lab.slug
    assert data["items"][0]["initiatives_supported"] == 1


def test_api_schema_documents_the_catalogue(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/initiatives" in schema["paths"]
    assert "/api/v1/labs" in schema["paths"]
