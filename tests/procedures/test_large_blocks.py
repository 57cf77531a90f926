"""A repeatable block of 1,000 rows saves without error through the applicant's page, and its
computed total is right (issue 7: « a file with a repeatable block of 1,000 rows »)."""

import re

import pytest
from django.urls import reverse

from essaim.procedures.models import Dossier
from tests.procedures.factories import ProcedureFactory, build_form

pytestmark = pytest.mark.django_db
ROWS = 1000


def test_a_block_of_a_thousand_rows_saves_whole(client, applicant):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [
            (
                "Foyer",
                [
                    dict(
                        key="membres",
                        type="repeatable",
                        label="Membres du foyer",
                        children=[
                            dict(key="prenom", label="Prénom", required=True),
                            dict(key="ressources", type="decimal", label="Ressources"),
                        ],
                    ),
                    dict(
                        key="total",
                        type="computed",
                        label="Total",
                        params={
                            "formula": {"op": "sum", "block": "membres", "field": "ressources"}
                        },
                    ),
                ],
            )
        ],
    )
    client.force_login(applicant)
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get(applicant=applicant)
    data = {"_shown": ["membres"], "f-membres__rows": str(ROWS), "action": "save"}
    for index in range(ROWS):
        data[f"f-membres__{index}__prenom"] = f"Personne {index}"
        data[f"f-membres__{index}__ressources"] = "1,50"
    response = client.post(reverse("procedures:step", args=[dossier.public_id, 0]), data)
    assert response.status_code in (200, 302)
    dossier.refresh_from_db()
    rows = dossier.answers["membres"]
    assert len(rows) == ROWS and rows[-1]["prenom"] == f"Personne {ROWS - 1}"
    assert not dossier.invalid_inputs
    page = client.get(reverse("procedures:step", args=[dossier.public_id, 0])).content.decode()
    assert "Personne 999" in page
    assert re.search(r"1[\s\u202f\xa0]?500", page)  # the computed total, 1 000 × 1,50
