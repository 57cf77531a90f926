"""Autosave and the draft's revision: a page that missed a save made elsewhere (another tab)
cannot silently undo it, and nobody but the applicant saves their draft
(static/procedures/autosave.js keeps the answers on the device when a save is refused)."""

import pytest
from django.test import Client
from django.urls import reverse

from essaim.procedures import services
from essaim.procedures.models import Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def dossier():
    procedure = ProcedureFactory(title="Aide aux loisirs")
    build_form(
        procedure,
        [("Identité", [dict(key="nom", label="Nom"), dict(key="ville", label="Ville")])],
    )
    return Dossier.objects.create(
        procedure=procedure,
        version=procedure.published_version,
        applicant=UserFactory(),
        answers={"ville": "Lyon"},
        revision=3,
    )


def _client(user):
    client = Client()
    client.force_login(user)
    return client


def _autosave(client, dossier, data):
    return client.post(
        reverse("procedures:autosave", args=[dossier.public_id, 0]),
        {"_shown": ["nom", "ville"], "f-ville": "Lyon", **data},
        HTTP_HX_REQUEST="true",
    )


def test_step_page_gives_the_revision_and_the_way_back_after_an_expired_session(dossier):
    step_url = reverse("procedures:step", args=[dossier.public_id, 0])
    html = _client(dossier.applicant).get(step_url).content.decode()
    assert 'data-autosave-revision="3"' in html
    assert f'data-autosave-login="{reverse("accounts:login")}?next={step_url}"' in html


def test_autosave_with_the_current_revision_saves_and_tells_the_next_one(dossier):
    response = _autosave(_client(dossier.applicant), dossier, {"f-nom": "Curie", "_revision": "3"})
    assert response.status_code == 200
    assert response["Essaim-Revision"] == "4"
    dossier.refresh_from_db()
    assert (dossier.answers["nom"], dossier.revision) == ("Curie", 4)


def test_autosave_from_a_page_that_missed_another_save_is_refused(dossier):
    client = _client(dossier.applicant)
    _autosave(client, dossier, {"f-nom": "Curie", "_revision": "3"})  # another tab: now 4
    response = _autosave(client, dossier, {"f-nom": "", "f-ville": "Paris", "_revision": "3"})
    assert response.status_code == 409
    assert response["Essaim-Revision"] == "4"  # the page keeps its answers over this one
    dossier.refresh_from_db()
    assert dossier.answers == {"nom": "Curie", "ville": "Lyon"}
    assert dossier.revision == 4


def test_beacon_from_a_page_that_missed_another_save_is_refused(dossier):
    client = _client(dossier.applicant)
    _autosave(client, dossier, {"f-nom": "Curie", "_revision": "3"})
    response = client.post(
        reverse("procedures:autosave", args=[dossier.public_id, 0]),
        {"_shown": "ville", "f-ville": "Paris", "_revision": "3", "_beacon": "1"},
    )
    assert response.status_code == 409
    dossier.refresh_from_db()
    assert dossier.answers["ville"] == "Lyon"


def test_step_form_without_javascript_saves_without_a_revision(dossier):
    response = _client(dossier.applicant).post(
        reverse("procedures:step", args=[dossier.public_id, 0]),
        {"_shown": ["nom", "ville"], "f-nom": "Curie", "f-ville": "Lyon", "action": "save"},
    )
    assert response.status_code == 302
    dossier.refresh_from_db()
    assert (dossier.answers["nom"], dossier.revision) == ("Curie", 4)


def test_save_step_with_a_stale_revision_saves_nothing(dossier):
    with pytest.raises(services.StaleRevision) as refused:
        services.save_step(
            dossier,
            section_index=0,
            data={"f-nom": "Curie"},
            by=dossier.applicant,
            shown_keys=["nom"],
            expected_revision=2,
        )
    assert refused.value.revision == 3
    dossier.refresh_from_db()
    assert ("nom" not in dossier.answers, dossier.revision) == (True, 3)


def test_autosave_of_someone_elses_draft_is_refused(dossier):
    response = _autosave(_client(UserFactory()), dossier, {"f-nom": "Intrus", "_revision": "3"})
    assert response.status_code == 404
    dossier.refresh_from_db()
    assert "nom" not in dossier.answers


def test_autosave_after_the_session_expired_sends_to_sign_in(dossier):
    response = _autosave(Client(), dossier, {"f-nom": "Curie", "_revision": "3"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    dossier.refresh_from_db()
    assert "nom" not in dossier.answers
