"""The documents listed before « Commencer ma demande »: complete, with the situations that
require them (documents of repeatable blocks, « obligatoire seulement si »)."""

import pytest
from django.urls import reverse

from essaim.procedures.presentation import documents_to_prepare
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db

CHILDREN = {"field": "enfants", "op": "eq", "value": True}
OTHER = {"field": "situation", "op": "eq", "value": "autre"}


def plain(text: str) -> str:
    """Non-breaking spaces (French typography) as plain ones, to compare with readable text."""
    return text.replace("\xa0", " ")


SITUATIONS = [
    {"value": "salarie", "label": "Salarié"},
    {"value": "autre", "label": "Autre situation"},
]


@pytest.fixture
def procedure():
    procedure = ProcedureFactory(
        title="Aide aux familles",
        documents_to_prepare=[{"label": "Avis d’imposition", "help": "Le plus récent"}],
    )
    build_form(
        procedure,
        [
            (
                "Foyer",
                [
                    dict(key="situation", type="choice", label="Situation", options=SITUATIONS),
                    dict(key="enfants", type="yes_no", label="Avez-vous des enfants ?"),
                    dict(
                        key="liste_enfants",
                        type="repeatable",
                        label="Vos enfants",
                        condition=CHILDREN,
                        params={"row_label": "Enfant"},
                        children=[
                            dict(key="prenom", label="Prénom", required=True),
                            dict(
                                key="scolarite",
                                type="attachment",
                                label="Certificat de scolarité",
                                required=True,
                                help_text="De l’année en cours",
                            ),
                            dict(key="carte", type="attachment", label="Carte d’invalidité"),
                        ],
                    ),
                    dict(
                        key="personnes",
                        type="repeatable",
                        label="Autres personnes du foyer",
                        children=[
                            dict(
                                key="revenus_personne",
                                type="attachment",
                                label="Justificatif de revenus",
                                required=True,
                            )
                        ],
                    ),
                ],
            ),
            (
                "Pièces",
                [
                    dict(key="rib", type="attachment", label="RIB", required=True),
                    dict(
                        key="justificatif",
                        type="attachment",
                        label="Justificatif de situation",
                        required=True,
                        required_condition=OTHER,
                    ),
                    dict(
                        key="livret",
                        type="attachment",
                        label="Livret de famille",
                        required=True,
                        condition=CHILDREN,
                        required_condition=OTHER,
                    ),
                ],
                {"condition": {"field": "situation", "op": "filled"}},
            ),
        ],
    )
    return procedure


def test_documents_include_blocks_and_required_conditions(procedure):
    items = documents_to_prepare(procedure, procedure.published_version)
    found = {plain(item["label"]): (plain(item["when"]), item["required"]) for item in items}
    assert [plain(item["label"]) for item in items] == [
        "Avis d’imposition",
        "Certificat de scolarité, pour chaque enfant",
        "Carte d’invalidité, pour chaque enfant",
        "Justificatif de revenus, pour chaque ligne de « Autres personnes du foyer »",
        "RIB",
        "Justificatif de situation",
        "Livret de famille",
    ]
    children = "« Avez-vous des enfants ? » est « oui »"
    filled = "« Situation » est renseigné"
    other = "« Situation » est « Autre situation »"
    assert found["Certificat de scolarité, pour chaque enfant"] == (children, True)
    assert found["Carte d’invalidité, pour chaque enfant"] == (children, False)
    assert found["Justificatif de revenus, pour chaque ligne de « Autres personnes du foyer »"] == (
        "",
        True,
    )
    assert found["RIB"] == (filled, True)
    assert found["Justificatif de situation"] == (f"{filled} et {other}", True)
    assert found["Livret de famille"] == (f"{filled} et {children} et {other}", True)
    certificate = items[1]
    assert certificate["help"] == "De l’année en cours"


def test_procedure_page_lists_every_document_with_its_situation(client, procedure):
    html = plain(client.get(reverse("procedures:detail", args=[procedure.slug])).content.decode())
    assert "Certificat de scolarité, pour chaque enfant" in html
    assert "Seulement si « Avez-vous des enfants ? » est « oui »." in html
    assert "Justificatif de revenus, pour chaque ligne de « Autres personnes du foyer »" in html
    assert (
        "Seulement si « Situation » est renseigné et « Situation » est « Autre situation »." in html
    )


def test_a_document_required_only_under_a_condition_says_when(procedure):
    """« Obligatoire seulement si » alone (box unticked) makes the document needed then."""
    version = build_form(
        procedure,
        [
            (
                "Pièces",
                [
                    dict(key="situation", type="choice", label="Situation", options=SITUATIONS),
                    dict(
                        key="attestation",
                        type="attachment",
                        label="Attestation",
                        required_condition=OTHER,
                    ),
                ],
            )
        ],
    )
    [item] = documents_to_prepare(ProcedureFactory(documents_to_prepare=[]), version)
    assert (item["label"], item["required"]) == ("Attestation", True)
    assert item["when"]  # the situation, in words
