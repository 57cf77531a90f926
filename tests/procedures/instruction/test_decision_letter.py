"""The decision letter: written from the procedure's template with the dossier's answers when
the decision is taken, downloadable as a PDF by the applicant and the instructors only."""

import pytest
from django.test import Client
from django.urls import reverse

from essaim.procedures import decisions
from essaim.procedures.instruction_services import change_state
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form
from tests.procedures.instruction.conftest import make_dossier
from tests.procedures.test_builder import properties_data

pytestmark = pytest.mark.django_db

TEMPLATE = (
    "Madame, Monsieur {{ nom }},\n\nVotre demande n° {{ numero }} de {{ montant }} euros est "
    "{{ etat }}.\n\n{{ motif }}\n\n{{ inconnu }}Le service"
)


@pytest.fixture
def decided(procedure, nord, applicant, instructor):
    procedure.decision_template = TEMPLATE
    procedure.save()
    dossier = make_dossier(procedure, nord, state="in_instruction", nom="Durand", montant=300)
    dossier.applicant = applicant
    dossier.save()
    change_state(dossier, name="refuse", by=instructor, reason="Vos revenus dépassent le plafond.")
    dossier.refresh_from_db()
    return dossier


def test_letter_fills_placeholders_with_the_dossiers_values(decided):
    letter = decided.decision_letter
    assert letter.startswith("Madame, Monsieur Durand,")
    assert f"Votre demande n° {decided.pk} de 300 euros est refusé." in letter
    assert "Vos revenus dépassent le plafond." in letter
    assert "{{" not in letter and "inconnu" not in letter


def test_letter_is_kept_when_the_template_changes_later(decided, procedure):
    procedure.decision_template = "Autre texte"
    procedure.save()
    decided.refresh_from_db()
    assert "Durand" in decided.decision_letter


def test_letter_is_cleared_when_the_dossier_is_reopened(decided, instructor):
    change_state(decided, name="reopen", by=instructor)
    decided.refresh_from_db()
    assert decided.decision_letter == ""


def test_default_letter_when_the_procedure_has_no_template(procedure, nord, instructor):
    dossier = make_dossier(procedure, nord, state="in_instruction")
    change_state(dossier, name="accept", by=instructor)
    dossier.refresh_from_db()
    assert f"Votre dossier n° {dossier.pk}" in dossier.decision_letter
    assert "accepté" in dossier.decision_letter


def test_applicant_and_instructor_download_the_pdf(client, decided, applicant, instructor):
    url = reverse("procedures:decision_letter", args=[decided.public_id])
    client.force_login(applicant)
    page = client.get(reverse("procedures:dossier", args=[decided.public_id])).content.decode()
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response).startswith(b"%PDF")
    agent = Client()
    agent.force_login(instructor)
    page = agent.get(reverse("procedures:instruction_dossier", args=[decided.public_id]))
    assert url in page.content.decode()
    assert agent.get(url).status_code == 200


def test_others_never_get_the_letter(client, decided, other_instructor):
    url = reverse("procedures:decision_letter", args=[decided.public_id])
    assert client.get(url).status_code == 404  # anonymous
    client.force_login(UserFactory())
    assert client.get(url).status_code == 404  # another applicant
    client.force_login(other_instructor)  # instructs another group
    assert client.get(url).status_code == 404


def test_no_letter_before_the_decision(client, dossier, applicant):
    client.force_login(applicant)
    url = reverse("procedures:decision_letter", args=[dossier.public_id])
    assert client.get(url).status_code == 404
    page = client.get(reverse("procedures:dossier", args=[dossier.public_id])).content.decode()
    assert url not in page


def test_builder_refuses_unknown_placeholders_and_names_the_known_ones():
    assert decisions.unknown_placeholders("{{ numero }} {{ nom }} {{ revenu }}", {"nom"}) == [
        "revenu"
    ]


def test_every_reserved_placeholder_is_filled_in_the_letter(procedure, nord, instructor):
    procedure.decision_template = "\n\n".join(
        f"{name} = [{{{{ {name} }}}}]" for name in decisions.BUILT_IN
    )
    procedure.save()
    dossier = make_dossier(procedure, nord, state="in_instruction")
    change_state(dossier, name="refuse", by=instructor, reason="Plafond dépassé.")
    dossier.refresh_from_db()
    letter = dossier.decision_letter
    assert "motif = [Plafond dépassé.]" in letter  # the decision's reason, not an answer
    for name in decisions.BUILT_IN:
        assert f"{name} = [" in letter and f"{name} = []" not in letter


def test_builder_form_explains_an_unknown_placeholder(client, editor, organisation, procedure):
    client.force_login(editor)
    url = reverse("procedures:builder_properties", args=[procedure.pk])
    data = properties_data(organisation, decision_template="Bonjour {{ nom }}, {{ revenu }}.")
    response = client.post(url, data)
    assert response.status_code == 200  # the form again, with the message
    html = response.content.decode()
    assert "Ces champs n’existent pas : {{ revenu }}" in html
    procedure.refresh_from_db()
    assert procedure.decision_template == ""
    data["decision_template"] = "Bonjour {{ nom }}, dossier {{ numero }}."
    assert client.post(url, data).status_code == 302
    procedure.refresh_from_db()
    assert procedure.decision_template == "Bonjour {{ nom }}, dossier {{ numero }}."


def test_builder_form_refuses_a_placeholder_of_a_blocks_column(client, editor, organisation):
    procedure = ProcedureFactory(organisation=organisation)
    build_form(
        procedure,
        [
            (
                "Foyer",
                [
                    dict(
                        key="enfants",
                        type="repeatable",
                        label="Enfants",
                        params={"max_rows": 8},
                        children=[dict(key="prenom_enfant", label="Prénom")],
                    )
                ],
            )
        ],
    )
    client.force_login(editor)
    url = reverse("procedures:builder_properties", args=[procedure.pk])
    data = properties_data(organisation, decision_template="{{ enfants }} {{ prenom_enfant }}")
    html = client.post(url, data).content.decode().replace("\xa0", " ")
    # A column has one answer a row: the letter has no single value to write.
    assert "Ces champs n’existent pas : {{ prenom_enfant }}" in html


def test_state_forms_say_what_the_message_is_for(client, dossier, instructor):
    client.force_login(instructor)
    html = client.get(
        reverse("procedures:instruction_dossier", args=[dossier.public_id])
    ).content.decode()
    assert "Ce que le demandeur doit corriger" in html
    assert "Votre message au demandeur" in html
