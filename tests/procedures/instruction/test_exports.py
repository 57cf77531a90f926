"""Exports of dossiers for instructors: CSV for French spreadsheets, JSON for software."""

import csv
import io
import json

import pytest
from django.urls import reverse

from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_csv_export_opens_in_french_spreadsheets_with_answers_and_annotations(
    client, procedure, nord, pas_de_calais, instructor
):
    mine = make_dossier(procedure, nord, nom="Durand ; fils", montant=450)
    mine.annotations = {"avis_service": "Urgent", "points": 3}
    mine.save()
    make_dossier(procedure, pas_de_calais, nom="Autre groupe")
    make_dossier(procedure, nord, state="draft", nom="Brouillon")
    client.force_login(instructor)
    response = client.get(reverse("procedures:instruction_export_csv", args=[procedure.pk]))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    raw = _body(response).decode("utf-8")
    assert raw.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(raw.lstrip("\ufeff")), delimiter=";"))
    header, *lines = [[cell.replace("\xa0", " ") for cell in row] for row in rows]
    assert header[:2] == ["Numéro", "État"]
    assert "Montant demandé" in header
    assert "Annotation : Avis du service" in header
    assert len(lines) == 1  # neither the other group's dossier nor the draft
    line = dict(zip(header, lines[0], strict=True))
    assert line["Numéro"] == str(mine.pk)
    assert line["Nom"] == "Durand ; fils"
    assert line["Annotation : Avis du service"] == "Urgent"
    assert line["État"] == "Déposé (en construction)"


def test_json_export_carries_raw_answers_and_follows_the_filters(
    client, procedure, nord, instructor
):
    make_dossier(procedure, nord, nom="Déposé")
    accepted = make_dossier(procedure, nord, state="accepted", nom="Accepté")
    client.force_login(instructor)
    url = reverse("procedures:instruction_export_json", args=[procedure.pk])
    data = json.loads(_body(client.get(url, {"etat": "accepted"})))
    assert data["count"] == 1
    item = data["dossiers"][0]
    assert (item["number"], item["state"]) == (accepted.pk, "accepted")
    assert item["answers"] == {"nom": "Accepté", "montant": 300}
    assert data["procedure"]["title"] == procedure.title
