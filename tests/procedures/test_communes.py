"""Commune fields: validated on the server against the territories with "vouliez-vous dire"
suggestions (no JavaScript needed), a postcode settles a shared name in an address (BAN
style), and an endpoint feeds the browser's suggestion list (htmx, progressive)."""

import pytest
from django.urls import reverse

from essaim.core.models import Territory
from essaim.procedures.fields import FieldError, registry
from essaim.procedures.models import Dossier
from tests.accounts.factories import UserFactory
from tests.procedures.factories import ProcedureFactory, build_form
from tests.procedures.test_fields import spec

pytestmark = pytest.mark.django_db


@pytest.fixture
def geography():
    region = Territory.objects.create(level="region", code="32", name="Hauts-de-France")
    nord = Territory.objects.create(
        level="department", code="59", name="Nord", parent=region, region=region
    )
    reunion = Territory.objects.create(level="department", code="974", name="La Réunion")
    for code, name, parent in (
        ("59350", "Lille", nord),
        ("59360", "Lomme", nord),
        ("59001", "Saint-Denis", nord),
        ("97411", "Saint-Denis", reunion),
    ):
        Territory.objects.create(level="commune", code=code, name=name, parent=parent)


def _error(type, raw) -> str:
    with pytest.raises(FieldError) as caught:
        registry.get(type).clean(raw, spec(type))
    return caught.value.message


def test_a_typo_gets_did_you_mean_suggestions(geography):
    message = _error("commune", "Lile")
    assert "Vouliez-vous dire : « Lille (59) »" in message


def test_a_part_of_the_name_suggests_the_communes_containing_it(geography):
    assert "« Saint-Denis (59) »" in _error("commune", "Denis")


def test_nothing_close_says_how_to_fix(geography):
    message = _error("commune", "Zzyzx")
    assert "Vouliez-vous dire" not in message
    assert "saisissez le code INSEE" in message


def test_address_postcode_settles_a_shared_commune_name(geography):
    kind = registry.get("address")
    value = kind.clean(
        {"line": "2 rue de la Mairie", "postcode": "97400", "commune": "Saint-Denis"},
        spec("address"),
    )
    assert value["commune_code"] == "97411"
    value = kind.clean(
        {"line": "2 rue de la Mairie", "postcode": "59000", "commune": "saint denis"},
        spec("address"),
    )
    assert value["commune_code"] == "59001"


def test_suggestions_endpoint_answers_datalist_options(client, geography):
    url = reverse("procedures:commune_suggestions")
    html = client.get(url, {"f-ville": "lil"}).content.decode()
    assert '<option value="Lille (59)">' in html
    assert "Lomme" not in html
    assert client.get(url, {"q": "l"}).content.decode().strip() == ""  # too short


def test_commune_field_without_javascript_keeps_the_input_and_suggests(client, geography):
    procedure = ProcedureFactory()
    build_form(
        procedure,
        [("Adresse", [dict(key="ville", type="commune", label="Votre commune", required=True)])],
    )
    client.force_login(UserFactory())
    client.post(reverse("procedures:start", args=[procedure.slug]))
    dossier = Dossier.objects.get()
    step = reverse("procedures:step", args=[dossier.public_id, 0])
    page = client.get(step).content.decode()
    assert 'list="champ-ville-communes"' in page  # the enhancement, when htmx runs
    client.post(step, {"_shown": ["ville"], "f-ville": "Lile", "action": "next"})
    page = client.get(step).content.decode()
    assert 'value="Lile"' in page  # nothing typed is lost
    assert "Vouliez-vous dire : « Lille (59) »" in page
    client.post(step, {"_shown": ["ville"], "f-ville": "Lille (59)", "action": "next"})
    dossier.refresh_from_db()
    assert dossier.answers == {"ville": "59350"}
