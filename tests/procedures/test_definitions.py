"""A procedure's definition exported as JSON and imported again; the builder's import pages."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from essaim.procedures import definitions
from essaim.procedures.enums import ProcedureStatus
from essaim.procedures.models import FormVersion, FrozenVersionError, Procedure
from tests.procedures.factories import InstructorGroupFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

SECTIONS = [
    (
        "Identité",
        [
            dict(key="nom", label="Nom", required=True, help_text="Comme sur vos papiers"),
            dict(key="age", type="integer", label="Âge", params={"min": 0, "max": 130}),
            dict(
                key="situation",
                type="choice",
                label="Situation",
                options=[{"value": "salarie", "label": "Salarié"}],
                condition={"field": "age", "op": "ge", "value": 18},
                required_condition={"field": "age", "op": "ge", "value": 25},
            ),
        ],
    ),
    (
        "Foyer",
        [
            dict(
                key="enfants",
                type="repeatable",
                label="Enfants",
                params={"max_rows": 8},
                children=[dict(key="prenom_enfant", label="Prénom")],
            ),
            dict(key="avis", type="textarea", label="Avis du service", private=True),
        ],
        {"condition": {"any": [{"field": "age", "op": "lt", "value": 60}]}},
    ),
]
RULES = [
    dict(
        outcome="ineligible",
        condition={"field": "age", "op": "lt", "value": 16},
        title="Trop jeune",
        message="Adressez-vous à vos parents.",
        blocks_submission=True,
    )
]


def _procedure(organisation):
    procedure = ProcedureFactory(organisation=organisation, retention_months=12)
    build_form(procedure, SECTIONS, rules=RULES)  # version 1, published
    build_form(procedure, SECTIONS[:1], publish=False)  # version 2, a draft
    InstructorGroupFactory(procedure=procedure, name="Tous", is_default=True)
    InstructorGroupFactory(
        procedure=procedure,
        name="Jeunes",
        routing_condition={"field": "age", "op": "lt", "value": 26},
    )
    return procedure


def _shape(data):
    """What must survive a round trip: everything but the procedure's own title."""
    return {**data, "procedure": {k: v for k, v in data["procedure"].items() if k != "title"}}


def test_definition_round_trip_keeps_form_conditions_and_frozen_versions(organisation, editor):
    source = _procedure(organisation)
    exported = definitions.export_definition(source)
    text = json.dumps(exported)  # what an editor downloads
    copy = definitions.import_definition(json.loads(text), organisation=organisation, by=editor)
    assert copy.pk != source.pk
    again = definitions.export_definition(copy)
    assert _shape(again) == _shape(exported)
    versions = list(copy.versions.order_by("number"))
    assert [v.is_frozen for v in versions] == [True, False]
    assert versions[0].published_at == source.versions.get(number=1).published_at
    field = versions[0].fields.get(key="nom")
    field.label = "Autre"
    with pytest.raises(FrozenVersionError):
        field.save()
    assert copy.status == ProcedureStatus.CLOSED  # not open to the public by surprise
    assert copy.retention_months == 12


def test_malformed_definitions_are_refused_with_reasons_and_nothing_created(organisation, editor):
    data = definitions.export_definition(_procedure(organisation))
    count = Procedure.objects.count()
    data["versions"][0]["sections"][0]["fields"][1]["type"] = "hologramme"
    data["versions"][0]["sections"][0]["fields"][2]["condition"] = {
        "field": "inconnu",
        "op": "eq",
        "value": 1,
    }
    with pytest.raises(definitions.DefinitionError) as caught:
        definitions.import_definition(data, organisation=organisation, by=editor)
    text = " ".join(caught.value.messages).replace("\xa0", " ")
    assert "type « hologramme » inconnu" in text
    assert "« inconnu » n’existe pas" in text
    assert Procedure.objects.count() == count
    with pytest.raises(definitions.DefinitionError):
        definitions.import_definition({"foo": 1}, organisation=organisation, by=editor)


def test_definition_with_a_placeholder_identifier_is_refused_with_what_to_do(organisation, editor):
    data = definitions.export_definition(_procedure(organisation))
    fields = data["versions"][0]["sections"][0]["fields"]
    fields[0]["key"] = "motif"  # « Nom »
    count = Procedure.objects.count()
    with pytest.raises(definitions.DefinitionError) as caught:
        definitions.import_definition(data, organisation=organisation, by=editor)
    text = " ".join(caught.value.messages).replace("\xa0", " ")
    assert (
        "Version 1 : Champ « Nom » : L’identifiant « motif » est réservé aux courriers de "
        "décision (motif de la décision) : choisissez-en un autre, par exemple « motif_demande »."
    ) in text
    assert Procedure.objects.count() == count
    # In a repeatable block the name is free: the letter only reads top-level fields.
    fields[0]["key"] = "nom"
    data["versions"][0]["sections"][1]["fields"][0]["children"][0]["key"] = "date"
    copy = definitions.import_definition(data, organisation=organisation, by=editor)
    assert copy.versions.get(number=1).fields.filter(key="date", parent__isnull=False).exists()


def test_editor_downloads_the_definition(client, organisation, editor):
    procedure = _procedure(organisation)
    client.force_login(editor)
    response = client.get(reverse("procedures:builder_export_definition", args=[procedure.pk]))
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content)["format"] == definitions.FORMAT


def test_definition_download_refused_to_members_and_other_organisations(
    client, organisation, agent, other_agent
):
    procedure = _procedure(organisation)
    url = reverse("procedures:builder_export_definition", args=[procedure.pk])
    for user in (agent, other_agent):
        client.force_login(user)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302


def test_editor_imports_a_definition_through_the_page(client, organisation, editor):
    data = definitions.export_definition(_procedure(organisation))
    client.force_login(editor)
    url = reverse("procedures:builder_import", args=["json"])
    assert client.get(url).status_code == 200
    upload = SimpleUploadedFile("d.json", json.dumps(data).encode(), "application/json")
    response = client.post(
        url, {"organisation": organisation.pk, "title": "Copie importée", "file": upload}
    )
    assert response.status_code == 200
    assert "Démarche importée" in response.content.decode()
    copy = Procedure.objects.get(title="Copie importée")
    assert copy.organisation == organisation
    assert FormVersion.objects.filter(procedure=copy).count() == 2


def test_import_page_explains_an_unreadable_file(client, organisation, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("d.json", b"pas du json", "application/json")
    response = client.post(
        reverse("procedures:builder_import", args=["json"]),
        {"organisation": organisation.pk, "file": upload},
    )
    assert "n’est pas du JSON lisible" in response.content.decode()


def test_import_refused_to_people_who_edit_no_organisation(client, agent, applicant):
    for user in (agent, applicant):
        client.force_login(user)
        for kind in ("json", "xlsform", "ds"):
            response = client.get(reverse("procedures:builder_import", args=[kind]))
            assert response.status_code == 403


def test_import_cannot_target_an_organisation_one_does_not_edit(
    client, organisation, other_organisation, editor
):
    data = definitions.export_definition(_procedure(organisation))
    client.force_login(editor)
    upload = SimpleUploadedFile("d.json", json.dumps(data).encode(), "application/json")
    response = client.post(
        reverse("procedures:builder_import", args=["json"]),
        {"organisation": other_organisation.pk, "file": upload},
    )
    assert response.status_code == 200
    assert not Procedure.objects.filter(organisation=other_organisation).exists()


def test_published_import_stays_frozen_even_if_reopened(organisation, editor):
    source = _procedure(organisation)
    source.versions.filter(published_at__isnull=True).delete()
    copy = definitions.import_definition(
        definitions.export_definition(source), organisation=organisation, by=editor
    )
    assert copy.draft_version is None
    assert copy.published_version.published_at <= timezone.now()
