"""Odd input never breaks the catalogue: a clear empty result or a clamped page, never a 500."""

import pytest
from django.urls import reverse

from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

LONG_QUERY = "dématérialisation " * 600  # more than 10,000 characters

BAD_QUERIES = [
    {"q": LONG_QUERY},
    {"q": "\x00 formulaire \x1f"},
    {"q": "'\"); DROP TABLE catalogue_initiative; --"},
    {"q": "!!! & | <-> :* ()"},
    {"q": "le la les"},
    {"theme": "inconnu", "etape": "zzz", "region": "999", "departement": "\x00"},
    {"porteur": "martien", "labo": "x" * 500, "beneficiaire": "extraterrestres"},
    {"essaimage": "peut-être", "tri": "aléatoire"},
    {"page": "99999999999999999999"},
    {"page": "-3"},
    {"page": "abc"},
]


@pytest.mark.parametrize("params", BAD_QUERIES)
@pytest.mark.parametrize("url_name", ["catalogue:list", "catalogue:map", "catalogue:export_csv"])
def test_odd_input_never_fails(client, params, url_name):
    InitiativeFactory.create_batch(3)
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    if response.streaming:
        b"".join(response.streaming_content)


@pytest.mark.parametrize("params", BAD_QUERIES)
def test_odd_input_never_fails_in_the_api(client, params):
    InitiativeFactory()
    response = client.get("/api/v1/initiatives", params)
    assert response.status_code in {200, 422}


def test_unknown_facet_value_gives_an_empty_result_with_a_way_out(client):
    InitiativeFactory()
    body = client.get(reverse("catalogue:list"), {"theme": "inconnu"}).content.decode()
    assert "0 initiative" in body
    assert "Aucune initiative ne correspond" in body
    assert "Tout effacer" in body


def test_page_out_of_range_shows_the_last_page(client):
    InitiativeFactory.create_batch(25)
    response = client.get(reverse("catalogue:list"), {"page": "50"})
    assert response.status_code == 200
    assert response.context["page_obj"].number == 2
    assert len(response.context["page_obj"].object_list) == 5


def test_api_page_out_of_range_is_empty(client):
    InitiativeFactory()
    data = client.get("/api/v1/initiatives", {"page": 40}).json()
    assert data == {"items": [], "count": 1}


def test_api_odd_slug_is_not_found(client):
    assert client.get("/api/v1/initiatives/%00%20").status_code == 404
