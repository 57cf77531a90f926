"""Who may use the builder: editors and administrators of the procedure's organisation only."""

import pytest
from django.urls import reverse

from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db


@pytest.fixture
def procedure(organisation):
    procedure = ProcedureFactory(organisation=organisation, status="draft")
    build_form(procedure, [("Identité", [dict(key="nom", label="Nom")])], publish=False)
    return procedure


def _urls(procedure):
    version = procedure.draft_version
    section = version.sections.get()
    field = version.fields.get()
    return [
        ("get", reverse("procedures:builder_detail", args=[procedure.pk])),
        ("get", reverse("procedures:builder_properties", args=[procedure.pk])),
        ("get", reverse("procedures:builder_preview", args=[procedure.pk])),
        ("get", reverse("procedures:builder_publish", args=[procedure.pk])),
        ("post", reverse("procedures:builder_publish", args=[procedure.pk])),
        ("post", reverse("procedures:builder_duplicate", args=[procedure.pk])),
        ("post", reverse("procedures:builder_new_version", args=[procedure.pk])),
        ("post", reverse("procedures:builder_status", args=[procedure.pk])),
        ("get", reverse("procedures:builder_section_create", args=[procedure.pk])),
        ("post", reverse("procedures:builder_section_edit", args=[procedure.pk, section.pk])),
        (
            "get",
            reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
            + "?type=text",
        ),
        ("post", reverse("procedures:builder_field_edit", args=[procedure.pk, field.pk])),
        (
            "post",
            reverse("procedures:builder_item_move", args=[procedure.pk, "field", field.pk]),
        ),
        (
            "post",
            reverse("procedures:builder_item_delete", args=[procedure.pk, "section", section.pk]),
        ),
        ("post", reverse("procedures:builder_section_reorder", args=[procedure.pk])),
        (
            "post",
            reverse("procedures:builder_field_reorder", args=[procedure.pk, section.pk]),
        ),
    ]


def test_builder_sends_anonymous_visitors_to_sign_in(client, procedure):
    for method, url in _urls(procedure):
        response = getattr(client, method)(url)
        assert response.status_code == 302, url
        assert "/compte/connexion/" in response["Location"], url


@pytest.mark.parametrize("who", ["applicant", "agent", "other_agent"])
def test_builder_refuses_people_who_are_not_editors_of_the_organisation(
    client, procedure, who, request
):
    client.force_login(request.getfixturevalue(who))
    for method, url in _urls(procedure):
        response = getattr(client, method)(url)
        assert response.status_code == 403, url
        assert "éditeur" in response.content.decode(), url
    procedure.refresh_from_db()
    assert procedure.versions.count() == 1
    assert procedure.draft_version.sections.count() == 1


@pytest.mark.parametrize("who", ["applicant", "agent"])
def test_creating_a_procedure_needs_the_editor_role_somewhere(client, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("procedures:builder_create"))
    assert response.status_code == 403
    assert "Demandez à un administrateur" in response.content.decode()


def test_builder_index_lists_only_the_procedures_of_my_organisations(
    client, editor, procedure, other_organisation
):
    elsewhere = ProcedureFactory(organisation=other_organisation, title="Aide d’ailleurs")
    client.force_login(editor)
    page = client.get(reverse("procedures:builder_index")).content.decode()
    assert procedure.title in page
    assert elsewhere.title not in page


@pytest.mark.parametrize("who", ["editor", "org_admin"])
def test_editors_and_administrators_get_in(client, procedure, who, request):
    client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("procedures:builder_detail", args=[procedure.pk]))
    assert response.status_code == 200
    assert "Nom" in response.content.decode()
