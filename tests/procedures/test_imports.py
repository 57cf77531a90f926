"""Forms imported from an XLSForm (ODK) and from démarches-simplifiées, with a report of what
could not be carried over; the XPath conditions that map to ours."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from essaim.procedures import builder_services, definitions, demo_workinfrance, ds_import, engine
from essaim.procedures.conditions import ConditionError
from essaim.procedures.models import Procedure
from essaim.procedures.spec import FormSpec
from essaim.procedures.xlsform_import import XlsFormError, read_xlsform
from essaim.procedures.xpath_conditions import translate

pytestmark = pytest.mark.django_db

HEADER = [
    "type",
    "name",
    "label",
    "hint",
    "required",
    "relevant",
    "constraint",
    "constraint_message",
    "calculation",
    "appearance",
]
SURVEY = [
    ["begin_group", "identite", "Identité", "", "", "", "", "", "", ""],
    ["text", "nom", "Nom", "Comme sur vos papiers", "yes", "", "", "", "", ""],
    ["integer", "age", "Âge", "", "yes", "", ". >= 0 and . <= 130", "Entre 0 et 130", "", ""],
    ["select_one situation", "situation", "Situation", "", "", "${age} >= 18", "", "", "", ""],
    [
        "text",
        "employeur",
        "Employeur",
        "",
        "${situation} = 'salarie'",
        "selected(${situation}, 'salarie')",
        "",
        "",
        "",
        "",
    ],
    ["text", "motif", "Motif", "", "", "", "string-length(.) <= 200", "", "", "multiline"],
    ["end_group", "", "", "", "", "", "", "", "", ""],
    ["begin_repeat", "enfants", "Enfants", "", "", "", "", "", "", ""],
    ["text", "prenom_enfant", "Prénom", "", "yes", "", "", "", "", ""],
    ["end_repeat", "", "", "", "", "", "", "", "", ""],
    ["geopoint", "lieu", "Lieu", "", "", "", "", "", "", ""],
    ["calculate", "double", "", "", "", "", "", "", "${age} * 2", ""],
    ["date", "naissance", "Naissance", "", "", "${age} * 2 > 10", ". > today()", "", "", ""],
]
CHOICES = [["situation", "salarie", "Salarié"], ["situation", "etudiant", "Étudiant"]]


def _xlsform(survey=SURVEY) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    for row in [HEADER, *survey]:
        sheet.append(row)
    choices = workbook.create_sheet("choices")
    for row in [["list_name", "name", "label"], *CHOICES]:
        choices.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("xpath", "expected"),
    [
        ("${age} >= 18", {"field": "age", "op": "ge", "value": 18}),
        ("18 < ${age}", {"field": "age", "op": "gt", "value": 18}),
        ("${nom} != ''", {"field": "nom", "op": "filled"}),
        ("string-length(${nom}) = 0", {"field": "nom", "op": "empty"}),
        (
            "not(${a} = 'x') and (${b} = 1.5 or selected(${c}, 'y'))",
            {
                "all": [
                    {"not": {"field": "a", "op": "eq", "value": "x"}},
                    {
                        "any": [
                            {"field": "b", "op": "eq", "value": 1.5},
                            {"field": "c", "op": "contains", "value": "y"},
                        ]
                    },
                ]
            },
        ),
    ],
)
def test_xpath_conditions_that_map_to_ours(xpath, expected):
    assert translate(xpath) == expected


@pytest.mark.parametrize("xpath", ["${a} * 2 > 3", "${a} = ${b}", "count(${a}) > 1", "${a} ="])
def test_xpath_conditions_we_cannot_express_are_refused_in_french(xpath):
    with pytest.raises(ConditionError) as caught:
        translate(xpath)
    assert xpath.strip() in caught.value.message


def test_xlsform_becomes_a_form_with_conditions_and_a_row_by_row_report(organisation, editor):
    definition, report = read_xlsform(_xlsform(), title="Demande importée")
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    version = procedure.draft_version
    assert builder_services.publication_problems(version) == []
    fields = {f.key: f for f in version.fields.all()}
    assert fields["nom"].required and fields["nom"].help_text == "Comme sur vos papiers"
    assert fields["age"].params == {"min": 0, "max": 130}
    assert fields["situation"].options[0] == {"value": "salarie", "label": "Salarié"}
    assert fields["employeur"].required_condition == {
        "field": "situation",
        "op": "eq",
        "value": "salarie",
    }
    # « motif » is the decision's reason in letters: the field gets another identifier.
    motif = fields["motif_demande"]
    assert motif.type == "textarea" and motif.params == {"max_length": 200}
    assert fields["prenom_enfant"].parent == fields["enfants"]
    assert "lieu" not in fields and "double" not in fields
    assert [s.title for s in version.sections.order_by("position")] == [
        "Identité",
        "Demande importée",
    ]
    text = "\n".join(report).replace("\xa0", " ")
    assert "Ligne 12 (lieu) : le type « geopoint » n’a pas d’équivalent" in text
    assert "Ligne 13 (double)" in text
    assert "Ligne 14 (naissance) : condition « relevant » non reprise" in text
    assert "Ligne 14 (naissance) : contrainte « . > today() » non reprise" in text
    # The applicant's form behaves as the XLSForm said: « situation » appears at 18.
    spec = FormSpec.for_version(version)
    assert not engine.evaluate(spec, {"age": 17}).visible("situation")
    assert engine.evaluate(spec, {"age": 18}).visible("situation")


def test_xlsform_identifier_of_a_letter_placeholder_is_renamed_and_reported(organisation, editor):
    survey = [
        ["text", "motif", "Motif", "", "", "", "", "", "", ""],
        ["text", "precision", "Précision", "", "", "${motif} != ''", "", "", "", ""],
        ["begin_repeat", "frais", "Frais", "", "", "", "", "", "", ""],
        ["date", "date", "Date", "", "", "", "", "", "", ""],
        ["end_repeat", "", "", "", "", "", "", "", "", ""],
    ]
    definition, report = read_xlsform(_xlsform(survey), title="Import")
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    fields = {f.key: f for f in procedure.draft_version.fields.all()}
    assert "motif" not in fields
    # The condition that read « motif » reads the renamed field.
    assert fields["precision"].condition == {"field": "motif_demande", "op": "filled"}
    assert fields["date"].parent == fields["frais"]  # a block's column keeps its name
    text = "\n".join(report).replace("\xa0", " ")
    assert (
        "Ligne 2 (motif) : identifiant renommé en « motif_demande » : « motif » est réservé aux "
        "courriers de décision (motif de la décision)."
    ) in text
    assert "(date)" not in text


def test_xlsform_renamed_identifier_already_used_by_the_form_is_numbered(organisation, editor):
    survey = [
        ["text", "motif_demande", "Motif de la demande", "", "", "", "", "", "", ""],
        ["text", "motif", "Motif", "", "", "", "", "", "", ""],
    ]
    definition, report = read_xlsform(_xlsform(survey), title="Import")
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    fields = {f.key: f.label for f in procedure.draft_version.fields.all()}
    assert fields == {"motif_demande": "Motif de la demande", "motif_demande_2": "Motif"}
    assert "renommé en « motif_demande_2 »" in "\n".join(report).replace("\xa0", " ")


def test_ds_field_named_like_a_letter_placeholder_gets_another_identifier(organisation, editor):
    export = {
        "procedure": {
            "label": "Subvention",
            "types_de_champ": [
                {"libelle": "Date", "type_champ": "date", "order_place": 0},
                {
                    "libelle": "Dépenses",
                    "type_champ": "repetition",
                    "order_place": 1,
                    "types_de_champ": [{"libelle": "Date", "type_champ": "date"}],
                },
            ],
        }
    }
    definition, report = ds_import.read_ds_procedure(export)
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    fields = procedure.draft_version.fields
    assert set(fields.filter(parent__isnull=True).values_list("key", flat=True)) == {
        "date_demande",
        "depenses",
    }
    assert fields.get(parent__key="depenses").key == "date"  # a block's column keeps it
    text = "\n".join(report).replace("\xa0", " ")
    assert (
        "Champ « Date » : identifiant « date_demande » : « date » est réservé aux courriers de "
        "décision (date de la décision)."
    ) in text


def test_unreadable_xlsform_is_explained():
    with pytest.raises(XlsFormError) as caught:
        read_xlsform(_xlsform([["calculate", "x", "", "", "", "", "", "", "", ""]]))
    assert "n’a pas pu être lu comme un XLSForm" in caught.value.message


def test_editor_imports_an_xlsform_and_sees_the_report(client, organisation, editor):
    client.force_login(editor)
    upload = SimpleUploadedFile("formulaire.xlsx", _xlsform(), "application/octet-stream")
    response = client.post(
        reverse("procedures:builder_import", args=["xlsform"]),
        {"organisation": organisation.pk, "title": "Aide ODK", "file": upload},
    )
    page = response.content.decode().replace("\xa0", " ")
    assert "Ce qui n’a pas pu être repris" in page and "geopoint" in page
    assert Procedure.objects.filter(title="Aide ODK", organisation=organisation).exists()


def test_ds_export_becomes_sections_annotations_and_documents(organisation, editor):
    export = {
        "procedure": {
            "label": "Subvention",
            "types_de_champ": [
                {"libelle": "Demandeur", "type_champ": "header_section", "order_place": 0},
                {"libelle": "Civilité", "type_champ": "civilite", "order_place": 1},
                {"libelle": "SIRET", "type_champ": "siret", "order_place": 2, "mandatory": True},
                {"libelle": "Lieu", "type_champ": "carte", "order_place": 3},
                {
                    "libelle": "Statut",
                    "type_champ": "drop_down_list",
                    "order_place": 4,
                    "drop_down_list": {"value": "--Choisir--\r\nAssociation\r\nEntreprise"},
                },
            ],
            "types_de_champ_private": [{"libelle": "Avis", "type_champ": "textarea"}],
            "types_de_piece_justificative": [{"libelle": "Statuts", "mandatory": True}],
        }
    }
    definition, report = ds_import.read_ds_procedure(export)
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    fields = {f.label: f for f in procedure.draft_version.fields.all()}
    assert fields["SIRET"].type == "siret" and fields["SIRET"].required
    assert [o["value"] for o in fields["Statut"].options] == ["Association", "Entreprise"]
    assert fields["Avis"].private
    assert fields["Statuts"].type == "attachment" and fields["Statuts"].required
    assert "Lieu" not in fields
    assert any("« carte » n’a pas d’équivalent" in line.replace("\xa0", " ") for line in report)
    assert procedure.documents_to_prepare == [{"label": "Statuts", "help": ""}]
    with pytest.raises(definitions.DefinitionError):
        ds_import.read_ds_procedure({"autre": []})


def test_workinfrance_form_imports_and_can_be_published(organisation, editor):
    definition, report = demo_workinfrance.definition()
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    version = procedure.draft_version
    assert builder_services.publication_problems(version) == []
    assert version.fields.count() == 28 + 3 + 7  # 32 public rows less 4 headers, 3 private
    assert version.fields.filter(private=True).count() == 3
    assert [s.title for s in version.sections.order_by("position")][:2] == [
        "Salarié",
        "Document autorisant le séjour en France",
    ]
    text = json.dumps(report, ensure_ascii=False)
    assert "Type de contrat" in text  # its list of values is not in the export
