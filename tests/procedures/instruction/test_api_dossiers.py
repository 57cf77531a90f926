"""/api/v1/dossiers: a token per organisation, scoped and revocable; cursor pagination."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

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


def _correction(client, dossier, organisation, **payload):
    _token_obj, writer = _token(organisation, scopes=integrations.SCOPES)
    return client.post(
        f"{URL}/{dossier.pk}/transitions",
        {"name": "request_correction", "reason": "Le RIB est illisible.", **payload},
        content_type="application/json",
        **_auth(writer),
    )


def test_correction_requested_through_the_api_carries_its_message_and_deadline(
    client, procedure, nord, organisation, django_capture_on_commit_callbacks
):
    dossier = make_dossier(procedure, nord)
    day = timezone.localdate() + datetime.timedelta(days=8)
    with django_capture_on_commit_callbacks(execute=True):
        response = _correction(client, dossier, organisation, deadline=day.isoformat())
    assert response.status_code == 200
    assert response.json()["state"] == "correction_requested"
    dossier.refresh_from_db()
    assert dossier.correction_message == "Le RIB est illisible."
    # As on the instruction page: the applicant may correct until the end of that day.
    deadline = timezone.localtime(dossier.correction_deadline)
    assert (deadline.date(), deadline.hour, deadline.minute) == (day, 23, 59)
    assert day.strftime("%d/%m/%Y") in mail.outbox[-1].body
    assert "Le RIB est illisible." in mail.outbox[-1].body


def test_correction_requested_through_the_api_without_a_deadline(
    client, procedure, nord, organisation
):
    dossier = make_dossier(procedure, nord)
    assert _correction(client, dossier, organisation).status_code == 200
    dossier.refresh_from_db()
    assert dossier.state == "correction_requested"
    assert dossier.correction_deadline is None


@pytest.mark.parametrize(
    ("payload", "told"),
    [
        ({"deadline": "30/04/2026"}, "doit être une date au format AAAA-MM-JJ"),
        ({"deadline": "2026-02-30"}, "doit être une date au format AAAA-MM-JJ"),
        ({"deadline": "2020-01-31"}, "La date limite de correction doit être dans le futur."),
        (
            {"name": "instruct", "deadline": "2099-01-31"},
            "ne s’applique qu’à une demande de correction",
        ),
    ],
)
def test_a_bad_deadline_is_refused_in_french_and_nothing_changes(
    client, procedure, nord, organisation, payload, told
):
    dossier = make_dossier(procedure, nord)
    response = _correction(client, dossier, organisation, **payload)
    assert response.status_code == 422
    body = response.json()
    messages = body["detail"] if isinstance(body["detail"], str) else body["detail"][0]["msg"]
    assert told in messages.replace("\xa0", " ")
    dossier.refresh_from_db()
    assert dossier.state == "submitted" and dossier.correction_deadline is None
    assert not DossierTransition.objects.filter(dossier=dossier).exists()
