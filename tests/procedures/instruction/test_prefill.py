"""Pre-filled dossiers from a signed link, made by the API (or by code) for a business tool."""

import time

import pytest
from django.core.exceptions import ValidationError

from essaim.procedures import integrations_services as integrations
from essaim.procedures import prefill
from essaim.procedures.models import Dossier
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db
API = "/api/v1/dossiers/prefill-links"


def _path(url) -> str:
    return url.split("://", 1)[-1].split("/", 1)[-1].join(["/", ""])


def test_link_opens_a_confirmation_then_a_prefilled_draft(client, procedure, applicant):
    url, _expires = prefill.make_link(procedure, {"nom": "Durand", "montant": "450"})
    client.force_login(applicant)
    page = client.get(_path(url)).content.decode()
    assert "Durand" in page and "Montant demandé" in page
    assert not Dossier.objects.filter(applicant=applicant).exists()  # a GET creates nothing
    response = client.post(_path(url))
    dossier = Dossier.objects.get(applicant=applicant)
    assert response.status_code == 302 and str(dossier.public_id) in response["Location"]
    assert dossier.answers == {"nom": "Durand", "montant": 450}
    assert dossier.state == "draft"


def test_anonymous_visitor_signs_in_first(client, procedure):
    url, _expires = prefill.make_link(procedure, {"nom": "Durand"})
    response = client.get(_path(url))
    assert response.status_code == 302 and "connexion" in response["Location"]


def test_altered_expired_or_foreign_links_are_refused(client, procedure, applicant, monkeypatch):
    client.force_login(applicant)
    url, _expires = prefill.make_link(procedure, {"nom": "Durand"}, days=1)
    altered = _path(url).replace("/preremplir/", "/preremplir/x")
    page = client.get(altered, follow=True).content.decode().replace("\xa0", " ")
    assert "a été modifié" in page
    other = ProcedureFactory()
    build_form(other, [("Demande", [dict(key="nom", label="Nom")])])
    foreign = _path(url).replace(f"/{procedure.slug}/", f"/{other.slug}/")
    page = client.get(foreign, follow=True).content.decode()
    assert "pré-remplit une autre démarche" in page
    later = time.time() + 2 * 86400
    monkeypatch.setattr(prefill.time, "time", lambda: later)
    page = client.get(_path(url), follow=True).content.decode()
    assert "a expiré" in page
    assert client.post(_path(url)).status_code == 302
    assert not Dossier.objects.filter(applicant=applicant).exists()


def test_answers_that_do_not_fit_the_form_are_refused_with_reasons(procedure):
    with pytest.raises(ValidationError) as caught:
        prefill.make_link(procedure, {"inconnu": "x", "montant": "beaucoup", "avis_service": "x"})
    assert set(caught.value.message_dict) == {"inconnu", "montant", "avis_service"}


def _token(organisation, scopes):
    return integrations.create_token(
        organisation=organisation, name="CRM", scopes=scopes, procedures=(), by=None
    )[1]


def test_api_makes_a_prefill_link(client, procedure, organisation):
    raw = _token(organisation, [integrations.READ, integrations.WRITE])
    response = client.post(
        API,
        {"procedure": procedure.pk, "answers": {"nom": "Durand"}, "days": 7},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    assert response.status_code == 200
    data = response.json()
    assert f"/demarches/{procedure.slug}/preremplir/" in data["url"]
    assert data["expires_at"]


def test_api_prefill_refusals(client, procedure, organisation, other_organisation):
    body = {"procedure": procedure.pk, "answers": {"nom": "Durand"}}
    post = lambda raw, data=body: client.post(  # noqa: E731
        API, data, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {raw}"
    )
    assert client.post(API, body, content_type="application/json").status_code == 401
    assert post(_token(organisation, [integrations.READ])).status_code == 403
    assert post(_token(other_organisation, [integrations.WRITE])).status_code == 404
    bad = post(
        _token(organisation, [integrations.WRITE]),
        {"procedure": procedure.pk, "answers": {"montant": "beaucoup"}},
    )
    assert bad.status_code == 422 and "montant" in bad.json()["detail"]
