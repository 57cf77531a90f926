"""The builder, as an editor uses it: properties, sections, fields, order, versions, copies."""

import pytest
from django.urls import reverse

from essaim.procedures import builder_services as builder
from essaim.procedures.models import Field, FormVersion, FrozenVersionError, Procedure
from tests.procedures.factories import DossierFactory, ProcedureFactory, build_form

pytestmark = pytest.mark.django_db


def properties_data(organisation, **overrides):
    data = {
        "title": "Aide d’urgence AMASES",
        "organisation": organisation.pk,
        "description": "Une aide financière ponctuelle pour faire face à une urgence.",
        "audience": "citizens",
        "opens_at": "2026-01-05T09:00",
        "closes_at": "2026-12-31T18:00",
        "estimated_minutes": "15",
        "documents_text": "Avis d’imposition | le plus récent\nRelevé d’identité bancaire",
        "allow_missing_document_explanation": "on",
        "contact_email": "amases@exemple.fr",
        "contact_phone": "03 59 73 59 59",
        "contact_help": "Votre travailleur social peut vous aider.",
        "retention_months": "24",
        "deadline_submitted": "5",
        "deadline_in_instruction": "15",
        "decision_template": "Votre demande n° {{ numero }} est {{ etat }}.",
    }
    data.update(overrides)
    return data


@pytest.fixture
def procedure(organisation, editor):
    procedure = builder.create_procedure(
        by=editor, organisation=organisation, title="Crédit-Loisirs"
    )
    return procedure


def test_editor_creates_a_procedure_with_every_property(client, editor, organisation):
    client.force_login(editor)
    response = client.post(reverse("procedures:builder_create"), properties_data(organisation))
    procedure = Procedure.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("procedures:builder_detail", args=[procedure.pk])
    assert procedure.status == "draft"
    assert procedure.estimated_minutes == 15
    assert procedure.documents_to_prepare == [
        {"label": "Avis d’imposition", "help": "le plus récent"},
        {"label": "Relevé d’identité bancaire", "help": ""},
    ]
    assert procedure.state_deadlines == {"submitted": 5, "in_instruction": 15}
    assert procedure.allow_missing_document_explanation
    assert procedure.closes_at.year == 2026
    # A draft version 1 to fill, and the creator can instruct the dossiers to come.
    assert list(procedure.versions.values_list("number", "published_at")) == [(1, None)]
    assert procedure.instructor_groups.get().members.get() == editor


def test_procedure_form_explains_dates_in_the_wrong_order_and_keeps_the_input(
    client, editor, organisation
):
    client.force_login(editor)
    data = properties_data(organisation, opens_at="2026-06-01T09:00", closes_at="2026-01-01T09:00")
    response = client.post(reverse("procedures:builder_create"), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "La clôture doit venir après l’ouverture" in page
    assert "Relevé d’identité bancaire" in page  # nothing typed is lost
    assert not Procedure.objects.exists()


def test_editor_cannot_give_a_procedure_to_another_organisation(
    client, editor, organisation, other_organisation
):
    client.force_login(editor)
    data = properties_data(other_organisation)
    response = client.post(reverse("procedures:builder_create"), data)
    assert response.status_code == 200
    assert not Procedure.objects.exists()


def test_editor_adds_sections_and_fields_with_options_parameters_and_conditions(
    client, editor, procedure
):
    client.force_login(editor)
    client.post(
        reverse("procedures:builder_section_create", args=[procedure.pk]),
        {"title": "Votre foyer", "description": "Qui vit avec vous ?"},
    )
    section = procedure.draft_version.sections.get()
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    response = client.post(
        create + "?type=choice",
        {
            "label": "Votre situation",
            "options_text": "Salarié\nsans_emploi | Sans emploi | Inscrit ou non à France Travail",
            "param_display": "radio",
            "param_allow_other": "on",
            "required": "on",
        },
    )
    assert response.status_code == 302
    client.post(
        create + "?type=integer",
        {"label": "Nombre d’enfants", "param_min": "0", "param_max": "20"},
    )
    client.post(
        create + "?type=text",
        {
            "label": "Nom de l’employeur",
            "condition": 'votre_situation = "salarie"',
            "param_max_length": "120",
        },
    )
    fields = {f.key: f for f in procedure.draft_version.fields.all()}
    assert list(fields) == ["votre_situation", "nombre_d_enfants", "nom_de_l_employeur"]
    situation = fields["votre_situation"]
    assert situation.required
    assert situation.options == [
        {"value": "salarie", "label": "Salarié"},
        {"value": "sans_emploi", "label": "Sans emploi", "help": "Inscrit ou non à France Travail"},
    ]
    assert situation.params == {"display": "radio", "allow_other": True}
    assert fields["nombre_d_enfants"].params == {"min": 0, "max": 20}
    employer = fields["nom_de_l_employeur"]
    assert employer.condition == {"field": "votre_situation", "op": "eq", "value": "salarie"}
    assert employer.params == {"max_length": 120}
    assert [f.position for f in fields.values()] == [0, 1, 2]


def test_condition_on_an_unknown_field_is_refused_with_a_french_message(client, editor, procedure):
    client.force_login(editor)
    section = builder.add_section(procedure.draft_version, title="Demande")
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    response = client.post(
        create + "?type=text", {"label": "Précisez", "condition": 'situation = "autre"'}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Le champ « situation » n’existe pas avant cette question" in page
    assert "Précisez" in page
    assert not Field.objects.exists()


def test_condition_that_cannot_be_read_says_where(client, editor, procedure):
    client.force_login(editor)
    section = builder.add_section(procedure.draft_version, title="Demande")
    builder.add_field(procedure.draft_version, section=section, type="integer", label="Âge")
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    response = client.post(create + "?type=text", {"label": "Employeur", "condition": "age >="})
    assert response.status_code == 200
    assert "errorlist" in response.content.decode() or "fr-error-text" in response.content.decode()
    assert procedure.draft_version.fields.count() == 1


def test_choice_without_options_is_refused(client, editor, procedure):
    client.force_login(editor)
    section = builder.add_section(procedure.draft_version, title="Demande")
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    response = client.post(create + "?type=choice", {"label": "Situation", "options_text": ""})
    assert response.status_code == 200
    assert not Field.objects.exists()


def test_repeatable_block_gets_children(client, editor, procedure):
    client.force_login(editor)
    version = procedure.draft_version
    section = builder.add_section(version, title="Foyer")
    block = builder.add_field(
        version, section=section, type="repeatable", label="Enfants", params={"max_rows": 10}
    )
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    response = client.post(create + f"?type=date&parent={block.pk}", {"label": "Date de naissance"})
    assert response.status_code == 302
    child = block.children.get()
    assert (child.key, child.section, child.position) == ("date_de_naissance", section, 0)
    page = client.get(reverse("procedures:builder_detail", args=[procedure.pk])).content.decode()
    assert "Ajouter un champ au bloc « Enfants »" in page


def test_identifier_of_a_decision_letter_placeholder_is_refused_and_the_input_kept(
    client, editor, procedure
):
    client.force_login(editor)
    section = builder.add_section(procedure.draft_version, title="Demande")
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    data = {
        "label": "Motif de votre demande",
        "key": "motif",
        "help_text": "Expliquez ce qui vous arrive.",
        "param_max_length": "500",
    }
    response = client.post(create + "?type=textarea", data)
    assert response.status_code == 200
    page = response.content.decode().replace("\xa0", " ")
    assert (
        "L’identifiant « motif » est réservé aux courriers de décision (motif de la décision) : "
        "choisissez-en un autre, par exemple « motif_demande »." in page
    )
    assert "Motif de votre demande" in page and "Expliquez ce qui vous arrive." in page
    assert not Field.objects.exists()
    response = client.post(create + "?type=textarea", {**data, "key": "motif_demande"})
    assert response.status_code == 302
    field = procedure.draft_version.fields.get()
    assert (field.key, field.help_text) == ("motif_demande", "Expliquez ce qui vous arrive.")


def test_identifier_made_from_the_label_avoids_placeholders_but_not_in_a_block(
    client, editor, procedure
):
    client.force_login(editor)
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    create = reverse("procedures:builder_field_create", args=[procedure.pk, section.pk])
    assert client.post(create + "?type=date", {"label": "Date"}).status_code == 302
    assert version.fields.get().key == "date_demande"
    # A block's children are not placeholders: « date » stays free for them.
    block = builder.add_field(
        version, section=section, type="repeatable", label="Frais", params={"max_rows": 10}
    )
    response = client.post(
        create + f"?type=date&parent={block.pk}", {"label": "Date de la dépense", "key": "date"}
    )
    assert response.status_code == 302
    assert block.children.get().key == "date"


def test_fields_move_up_and_down_without_javascript(client, editor, procedure):
    client.force_login(editor)
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    first, _second, third = (
        builder.add_field(version, section=section, type="text", label=label)
        for label in ("Un", "Deux", "Trois")
    )
    move = reverse("procedures:builder_item_move", args=[procedure.pk, "field", third.pk])
    response = client.post(move, {"direction": "up"})
    assert response["Location"].endswith(f"#champ-{third.pk}")
    order = list(section.fields.order_by("position").values_list("label", flat=True))
    assert order == ["Un", "Trois", "Deux"]
    client.post(
        reverse("procedures:builder_item_move", args=[procedure.pk, "field", first.pk]),
        {"direction": "down"},
    )
    order = list(section.fields.order_by("position").values_list("label", flat=True))
    assert order == ["Trois", "Un", "Deux"]


def test_drag_and_drop_saves_the_whole_order(client, editor, procedure):
    client.force_login(editor)
    version = procedure.draft_version
    sections = [builder.add_section(version, title=t) for t in ("A", "B", "C")]
    url = reverse("procedures:builder_section_reorder", args=[procedure.pk])
    response = client.post(url, {"order": [sections[2].pk, sections[0].pk, sections[1].pk]})
    assert response.status_code == 204
    assert list(version.sections.order_by("position").values_list("title", flat=True)) == [
        "C",
        "A",
        "B",
    ]
    # An order that is not exactly the sections (stale page) is refused, nothing changes.
    response = client.post(url, {"order": [sections[0].pk]})
    assert response.status_code == 409
    assert version.sections.order_by("position").first().title == "C"


def test_deleting_a_field_closes_the_gap(client, editor, procedure):
    client.force_login(editor)
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    fields = [builder.add_field(version, section=section, type="text", label=x) for x in "ABC"]
    client.post(
        reverse("procedures:builder_item_delete", args=[procedure.pk, "field", fields[0].pk])
    )
    assert list(section.fields.values_list("label", "position")) == [("B", 0), ("C", 1)]


def test_publishing_an_empty_form_is_refused_with_what_to_do(client, editor, procedure):
    client.force_login(editor)
    response = client.post(reverse("procedures:builder_publish", args=[procedure.pk]))
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "Ajoutez au moins une partie au formulaire." in page
    assert procedure.draft_version is not None


def test_publish_freezes_the_version_and_a_new_version_keeps_the_keys(client, editor, procedure):
    client.force_login(editor)
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    builder.add_field(version, section=section, type="text", label="Nom", required=True)
    response = client.post(
        reverse("procedures:builder_publish", args=[procedure.pk]),
        {"note": "Première version"},
    )
    assert response.status_code == 302
    version.refresh_from_db()
    procedure.refresh_from_db()
    assert version.is_frozen and version.note == "Première version"
    assert procedure.status == "published"
    field = version.fields.get()
    field.label = "Autre"
    with pytest.raises(FrozenVersionError):
        field.save()
    # Editing the published form: refused, and says how to do it.
    response = client.post(
        reverse("procedures:builder_field_edit", args=[procedure.pk, field.pk]), {"label": "X"}
    )
    page = client.get(response["Location"]).content.decode()
    assert "créez d’abord une nouvelle version" in page
    # A dossier started now keeps version 1.
    dossier = DossierFactory(procedure=procedure)
    assert dossier.version == version
    client.post(reverse("procedures:builder_new_version", args=[procedure.pk]))
    draft = procedure.draft_version
    assert draft.number == 2
    assert list(draft.fields.values_list("key", "label", "required")) == [("nom", "Nom", True)]
    builder.update_field(draft.fields.get(), label="Nom de naissance")
    builder.publish_version(draft, by=editor)
    dossier.refresh_from_db()
    assert dossier.version.number == 1
    assert version.fields.get().label == "Nom"
    assert procedure.published_version.number == 2


def test_publishing_twice_at_once_publishes_once(editor, procedure):
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    builder.add_field(version, section=section, type="text", label="Nom")
    builder.publish_version(version, by=editor)
    with pytest.raises(Exception, match="déjà publiée"):
        builder.publish_version(FormVersion.objects.get(pk=version.pk), by=editor)


def test_new_version_twice_gives_one_draft(client, editor, procedure):
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    builder.add_field(version, section=section, type="text", label="Nom")
    builder.publish_version(version, by=editor)
    client.force_login(editor)
    url = reverse("procedures:builder_new_version", args=[procedure.pk])
    client.post(url)
    client.post(url)
    assert procedure.versions.count() == 2


def test_duplicate_copies_properties_and_form_as_a_draft(client, editor, organisation):
    source = ProcedureFactory(organisation=organisation, title="MDPH", estimated_minutes=40)
    build_form(
        source,
        [
            (
                "Foyer",
                [
                    dict(key="enfants", type="repeatable", children=[dict(key="prenom")]),
                    dict(key="age", type="integer", condition={"field": "enfants", "op": "filled"}),
                ],
            )
        ],
    )
    client.force_login(editor)
    response = client.post(reverse("procedures:builder_duplicate", args=[source.pk]))
    copy = Procedure.objects.exclude(pk=source.pk).get()
    assert response["Location"] == reverse("procedures:builder_detail", args=[copy.pk])
    assert copy.title == "Copie de MDPH"
    assert (copy.status, copy.estimated_minutes) == ("draft", 40)
    fields = {f.key: f for f in copy.draft_version.fields.all()}
    assert fields["prenom"].parent == fields["enfants"]
    assert fields["age"].condition == {"field": "enfants", "op": "filled"}
    assert not copy.dossiers.exists()


def test_preview_shows_the_form_as_applicants_see_it(client, editor, procedure):
    version = procedure.draft_version
    section = builder.add_section(version, title="Votre identité")
    builder.add_field(
        version, section=section, type="text", label="Nom de naissance", help_text="En capitales"
    )
    builder.add_field(version, section=section, type="text", label="Note interne", private=True)
    client.force_login(editor)
    response = client.get(reverse("procedures:builder_preview", args=[procedure.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Votre identité" in page
    assert "Nom de naissance" in page
    assert "En capitales" in page
    assert "Note interne" not in page  # private annotations are never shown to applicants


def test_closing_a_procedure(client, editor, procedure):
    version = procedure.draft_version
    section = builder.add_section(version, title="Demande")
    builder.add_field(version, section=section, type="text", label="Nom")
    builder.publish_version(version, by=editor)
    client.force_login(editor)
    client.post(reverse("procedures:builder_status", args=[procedure.pk]), {"status": "closed"})
    procedure.refresh_from_db()
    assert procedure.status == "closed"
