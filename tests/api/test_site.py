import re

import pytest

pytestmark = pytest.mark.django_db


def test_openapi_schema_describes_the_api_in_french(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "API Essaim"
    assert "lecture seule" in schema["info"]["description"]
    assert "/api/v1/organisations" in schema["paths"]
    assert "/api/v1/organisations/{slug}" in schema["paths"]


def test_api_docs_use_local_assets_only(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert assets and all(url.startswith("/static/") for url in assets), assets
    assert '"validatorUrl": null' in html
