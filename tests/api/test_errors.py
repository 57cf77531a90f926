"""Invalid API requests are answered in French, naming each parameter and how to fix it."""

import pytest

pytestmark = pytest.mark.django_db


def test_api_invalid_parameters_get_french_messages_that_say_how_to_fix(client):
    response = client.get("/api/v1/organisations", {"kind": "licorne", "page": "deux"})
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "La requête contient 2 erreurs : corrigez-les puis réessayez."
    messages = {tuple(error["loc"]): error["msg"] for error in body["detail"]}
    assert messages[("query", "kind")].startswith(
        "Le paramètre « kind » n’accepte que ces valeurs : central, decentralised,"
    )
    assert messages[("query", "kind")].endswith(", company, lab.")
    assert messages[("query", "page")] == (
        "Le paramètre « page » doit être un nombre entier, par exemple 2."
    )


def test_api_out_of_range_page_size_says_the_limit_in_french(client):
    response = client.get("/api/v1/initiatives", {"page_size": 1000})
    assert response.status_code == 422
    body = response.json()
    assert body["message"] == "La requête contient une erreur : corrigez-la puis réessayez."
    [error] = body["detail"]
    assert error["msg"] == "Le paramètre « page_size » doit valoir au plus 100."


def test_a_page_number_beyond_any_list_is_refused_in_french_not_a_server_error(client):
    # Found by the API fuzz: page × page size overflowed SQLite's integers (a 500).
    response = client.get("/api/v1/organisations", {"page": 461168601842738792})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["msg"] == "Le paramètre « page » doit valoir au plus 1000000."


def test_a_cursor_beyond_any_identifier_is_refused_not_a_server_error(client):
    response = client.get("/api/v1/proposals/1/comments", {"after": 2**64})
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["query", "after"]
