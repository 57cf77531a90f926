import csv
import io
import json

import pytest
from django.urls import reverse

from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def _content(response):
    return b"".join(response.streaming_content)


def test_export_csv_opens_in_french_spreadsheets(client, nord_autonomie, sdis_77):
    response = client.get(reverse("catalogue:export_csv"))
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = _content(response)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["identifiant", "adresse", "titre"]
    assert {row[2] for row in rows[1:]} == {nord_autonomie.title, sdis_77.title}
    nord_row = next(row for row in rows if row[2] == "Nord autonomie")
    assert "Handicap | Simplification" in nord_row


def test_export_csv_applies_the_same_filters_as_the_list(client, nord_autonomie, sdis_77):
    raw = _content(client.get(reverse("catalogue:export_csv") + "?q=formulaire+MDPH"))
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert [row[2] for row in rows[1:]] == ["Nord autonomie"]


def test_export_csv_neutralises_spreadsheet_formulas(client):
    InitiativeFactory(title='=HYPERLINK("http://exemple.fr")')
    raw = _content(client.get(reverse("catalogue:export_csv"))).decode("utf-8-sig")
    assert "'=HYPERLINK" in raw
    assert ";=HYPERLINK" not in raw and ';"=HYPERLINK' not in raw


def test_export_json_lists_items_and_count(client, nord_autonomie, sdis_77):
    data = json.loads(_content(client.get(reverse("catalogue:export_json") + "?region=32")))
    assert data["count"] == 1
    assert data["items"][0]["slug"] == nord_autonomie.slug
    assert data["items"][0]["region"] == {
        "level": "region",
        "code": "32",
        "name": "Hauts-de-France",
    }


def test_export_csv_rows_equal_the_reference_serializer(nord_autonomie, sdis_77, editor, rf):
    """The fast CSV path (plain values) writes exactly what `export_row` describes."""
    from decimal import Decimal

    from essaim.catalogue.csv_rows import csv_rows
    from essaim.catalogue.filters import Filters
    from essaim.catalogue.queries import search_initiatives
    from essaim.catalogue.serializers import export_row
    from essaim.catalogue.services import set_origin
    from tests.catalogue.factories import LabFactory

    replication = InitiativeFactory(
        title="Nord autonomie ailleurs",
        labs=[LabFactory(name="Ti-Lab")],
        budget_eur=Decimal("12500.50"),
        facet="adaptive",
        government_level="departmental",
        beneficiaries=["agents", "citizens"],
        territory=sdis_77.territory,
    )
    set_origin(replication, origin=nord_autonomie, by=editor)
    request = rf.get("/initiatives/export.csv")
    queryset = search_initiatives(Filters())

    fast = list(csv_rows(queryset, request=request))
    reference = [export_row(i, request=request) for i in queryset]

    assert fast == reference
    assert any("nord-autonomie" in row and "Ti-Lab" in row for row in fast)
