"""The builder's page of pre-filling links: editors make, list and revoke them; nobody else."""

import pytest
from django.urls import reverse

from essaim.procedures import integrations_services as integrations
from essaim.procedures import prefill
from essaim.procedures.models import Dossier, PrefillLink

pytestmark = pytest.mark.django_db


def _path(url) -> str:
    return "/" + url.split("://", 1)[-1].split("/", 1)[-1]


def _page(procedure):
    return reverse("procedures:builder_prefill_links", args=[procedure.pk])


def _text(response) -> str:
    return response.content.decode().replace("\xa0", " ")


def _post(client, procedure, answers, label="Courrier CCAS", days=10):
    data = {"lien-label": label, "lien-answers": answers, "lien-days": days}
    return client.post(_page(procedure), data)


def test_editor_makes_a_link_that_prefills_a_new_dossier(client, procedure, editor, applicant):
    client.force_login(editor)
    page = _text(client.get(_page(procedure)))
    assert "Aucun lien pour l’instant." in page
    assert "<code>montant</code>" in page and "avis_service" not in page  # private: not offered
    response = _post(client, procedure, "nom = Durand\n\nmontant = 450")
    assert response.status_code == 302
    link = PrefillLink.objects.get(procedure=procedure)
    assert link.label == "Courrier CCAS" and link.keys == ["nom", "montant"]
    assert link.created_by == editor and link.is_active
    page = _text(client.get(_page(procedure)))
    assert "Courrier CCAS" in page and "valable jusqu’au" in page and link.url in page
    client.force_login(applicant)
    assert "Durand" in _text(client.get(_path(link.url)))
    client.post(_path(link.url))
    assert Dossier.objects.get(applicant=applicant).answers == {"nom": "Durand", "montant": 450}


def test_answers_that_do_not_fit_are_explained_and_nothing_is_made(client, procedure, editor):
    client.force_login(editor)
    response = _post(client, procedure, "montant = beaucoup\ninconnu = x\nsans signe égal")
    page = _text(response)
    assert response.status_code == 400
    assert "Ligne 3 : écrivez « identifiant = valeur »" in page
    response = _post(client, procedure, "montant = beaucoup\ninconnu = x", days=400)
    page = _text(response)
    assert "« montant » :" in page and "Aucune question « inconnu » dans ce formulaire." in page
    assert not PrefillLink.objects.exists()


def test_revoked_link_is_refused_with_a_french_message(client, procedure, editor, applicant):
    url, _expires = prefill.make_link(procedure, {"nom": "Durand"}, label="Campagne", by=editor)
    link = PrefillLink.objects.get()
    client.force_login(editor)
    revoke = reverse("procedures:builder_prefill_link_revoke", args=[procedure.pk, link.pk])
    assert client.get(revoke).status_code == 405  # a GET changes nothing
    assert client.post(revoke).status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == editor
    assert "retiré le" in _text(client.get(_page(procedure)))
    client.force_login(applicant)
    page = _text(client.get(_path(url), follow=True))
    assert "Ce lien de pré-remplissage a été retiré par le service" in page
    client.post(_path(url))
    assert not Dossier.objects.filter(applicant=applicant).exists()


def test_api_links_are_listed_without_their_address(client, procedure, organisation, editor):
    raw = integrations.create_token(
        organisation=organisation, name="IODAS", scopes=[integrations.WRITE], procedures=(), by=None
    )[1]
    response = client.post(
        "/api/v1/dossiers/prefill-links",
        {"procedure": procedure.pk, "answers": {"nom": "Durand"}},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {raw}",
    )
    link = PrefillLink.objects.get()
    assert link.api_token.name == "IODAS" and link.url == ""
    client.force_login(editor)
    page = _text(client.get(_page(procedure)))
    assert "API (jeton IODAS)" in page and response.json()["url"] not in page
    assert "Durand" not in page  # a person's data stays in the link only


@pytest.mark.parametrize("who", ["applicant", "agent", "other_agent"])
def test_only_the_procedures_editors_manage_links(client, procedure, editor, who, request):
    _url, _expires = prefill.make_link(procedure, {"nom": "Durand"}, label="Campagne", by=editor)
    link = PrefillLink.objects.get()
    revoke = reverse("procedures:builder_prefill_link_revoke", args=[procedure.pk, link.pk])
    client.force_login(request.getfixturevalue(who))
    assert client.get(_page(procedure)).status_code == 403
    assert _post(client, procedure, "nom = Dupont").status_code == 403
    assert client.post(revoke).status_code == 403
    assert PrefillLink.objects.count() == 1
    link.refresh_from_db()
    assert link.is_active


def test_anonymous_visitor_is_sent_to_sign_in(client, procedure):
    response = client.get(_page(procedure))
    assert response.status_code == 302 and "connexion" in response["Location"]


def test_link_of_another_procedure_cannot_be_revoked_from_this_one(
    client, procedure, editor, organisation
):
    from tests.procedures.factories import ProcedureFactory, build_form

    other = ProcedureFactory(organisation=organisation)
    build_form(other, [("Demande", [dict(key="nom", label="Nom")])])
    prefill.make_link(other, {"nom": "Durand"}, by=editor)
    link = PrefillLink.objects.get()
    client.force_login(editor)
    revoke = reverse("procedures:builder_prefill_link_revoke", args=[procedure.pk, link.pk])
    assert client.post(revoke).status_code == 404
