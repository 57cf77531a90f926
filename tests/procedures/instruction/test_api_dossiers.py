"""/api/v1/dossiers: a token per organisation, scoped and revocable; cursor pagination."""

import pytest

from essaim.procedures import integrations_services as integrations
from essaim.procedures.models import DossierTransition
from tests.procedures.factories import ProcedureFactory
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db
URL = "/api/v1/dossiers"


def _token(organisation, *, scopes=(integrations.READ,), procedures=()):
    return integrations.create_token(
        organisation=organisation, name="IODAS", scopes=scopes, procedures=procedures, by=None
    )


def _auth(raw):
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def test_api_without_a_valid_token_answers_401(client, procedure, nord, organisation):
    dossier = make_dossier(procedure, nord)
    assert client.get(URL).status_code == 401
    assert client.get(f"{URL}/{dossier.pk}").status_code == 401
    assert client.get(URL, **_auth("ess_inventé")).status_code == 401
    token, raw = _token(organisation)
    integrations.revoke_token(token, by=None)
    assert client.get(URL, **_auth(raw)).status_code == 401
    response = client.post(
        f"{URL}/{dossier.pk}/transitions",
        {"name": "instruct"},
        content_type="application/json",
    )
    assert response.status_code == 401


def test_a_token_sees_only_its_organisations_dossiers_never_drafts(
    client, procedure, nord, organisation, other_organisation
):
    mine = make_dossier(procedure, nord)
    make_dossier(procedure, nord, state="draft")
    elsewhere = make_dossier(ProcedureFactory(organisation=other_organisation), None)
    _token_obj, raw = _token(organisation)
    data = client.get(URL, **_auth(raw)).json()
    assert [item["number"] for item in data["items"]] == [mine.pk]
    assert data["items"][0]["answers"] == {"nom": "Durand", "montant": 300}
    assert client.get(f"{URL}/{elsewhere.pk}", **_auth(raw)).status_code == 404


def test_a_token_limited_to_one_procedure(client, procedure, nord, organisation):
    other = ProcedureFactory(organisation=organisation)
    make_dossier(other, None)
    mine = make_dossier(procedure, nord)
    _token_obj, raw = _token(organisation, procedures=[procedure])
    data = client.get(URL, **_auth(raw)).json()
    assert [item["number"] for item in data["items"]] == [mine.pk]


def test_cursor_pagination_walks_every_dossier_once(client, procedure, nord, organisation):
    numbers = [make_dossier(procedure, nord).pk for _ in range(5)]
    _token_obj, raw = _token(organisation)
    seen, cursor = [], 0
    while cursor is not None:
        page = client.get(URL, {"after": cursor, "limit": 2}, **_auth(raw)).json()
        seen += [item["number"] for item in page["items"]]
        cursor = page["next_cursor"]
    assert seen == numbers


def test_changing_state_needs_the_write_scope_and_is_recorded(
    client, procedure, nord, organisation
):
    dossier = make_dossier(procedure, nord)
    _token_obj, read_only = _token(organisation)
    url = f"{URL}/{dossier.pk}/transitions"
    response = client.post(
        url, {"name": "instruct"}, content_type="application/json", **_auth(read_only)
    )
    assert response.status_code == 403
    assert "dossiers:write" in response.json()["detail"]
    _token_obj, writer = _token(organisation, scopes=integrations.SCOPES)
    response = client.post(
        url, {"name": "instruct"}, content_type="application/json", **_auth(writer)
    )
    assert response.status_code == 200
    assert response.json()["state"] == "in_instruction"
    record = DossierTransition.objects.get(dossier=dossier)
    assert record.actor is None
    assert record.actor_label.replace("\xa0", " ") == "Jeton d’API « IODAS »"
    # A transition that does not apply gets a French explanation.
    response = client.post(
        url, {"name": "instruct"}, content_type="application/json", **_auth(writer)
    )
    assert response.status_code == 409
    assert "n’est plus possible" in response.json()["detail"]
