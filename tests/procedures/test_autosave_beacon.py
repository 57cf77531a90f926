"""The beacon the step page sends as it is hidden or closed (static/procedures/autosave.js):
the fields changed since the last autosave, urlencoded, with the CSRF token in the body."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from essaim.procedures.enums import DossierState
from essaim.procedures.models import Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    procedure = ProcedureFactory(title="Aide aux loisirs")
    build_form(
        procedure,
        [
            (
                "Identité",
                [
                    dict(key="nom", label="Nom"),
                    dict(key="ville", label="Ville"),
                ],
            )
        ],
    )
    return Dossier.objects.create(
        procedure=procedure,
        version=procedure.published_version,
        applicant=UserFactory(),
        answers={"ville": "Lyon"},
    )


def _signed_in(dossier):
    client = Client(enforce_csrf_checks=True)
    client.force_login(dossier.applicant)
    return client


def _token(client, dossier):
    html = client.get(reverse("procedures:step", args=[dossier.public_id, 0])).content.decode()
    assert 'data-autosave="' + reverse("procedures:autosave", args=[dossier.public_id, 0]) in html
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)[1]


def _beacon(client, dossier, body):
    return client.post(
        reverse("procedures:autosave", args=[dossier.public_id, 0]),
        body,
        content_type="application/x-www-form-urlencoded;charset=UTF-8",
    )


def test_beacon_saves_the_pending_fields_only_and_quietly(dossier):
    client = _signed_in(dossier)
    token = _token(client, dossier)
    body = f"csrfmiddlewaretoken={token}&_shown=nom&f-nom=Marie+Curie&_beacon=1"
    response = _beacon(client, dossier, body)
    assert response.status_code == 204
    dossier.refresh_from_db()
    assert dossier.answers == {"nom": "Marie Curie", "ville": "Lyon"}  # « ville » not sent
    # No « Brouillon enregistré » left for the next page the person sees.
    html = client.get(reverse("procedures:step", args=[dossier.public_id, 0])).content.decode()
    assert "Brouillon enregistré" not in html


def test_beacon_without_the_csrf_token_is_refused(dossier):
    client = _signed_in(dossier)
    _token(client, dossier)  # the CSRF cookie is set, but the body lacks the token
    response = _beacon(client, dossier, "_shown=nom&f-nom=Curie&_beacon=1")
    assert response.status_code == 403
    dossier.refresh_from_db()
    assert "nom" not in dossier.answers


def test_beacon_on_a_dossier_in_instruction_changes_nothing(dossier):
    client = _signed_in(dossier)
    token = _token(client, dossier)
    Dossier.objects.filter(pk=dossier.pk).update(state=DossierState.IN_INSTRUCTION)
    body = f"csrfmiddlewaretoken={token}&_shown=nom&f-nom=Curie&_beacon=1"
    assert _beacon(client, dossier, body).status_code == 409
    dossier.refresh_from_db()
    assert dossier.answers == {"ville": "Lyon"}
