"""Each field type: valid values come out clean, invalid ones give a French message that says
how to fix them."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from essaim.core.models import Territory
from essaim.procedures.enums import FieldType
from essaim.procedures.fields import FieldError, registry
from essaim.procedures.spec import FieldSpec


def spec(type, **kwargs):
    kwargs.setdefault("options", ())
    kwargs["options"] = tuple(kwargs["options"])
    kwargs["children"] = tuple(kwargs.get("children", ()))
    return FieldSpec(
        key=kwargs.pop("key", "q"), type=type, label=kwargs.pop("label", "Q"), **kwargs
    )


def clean(type, raw, **kwargs):
    return registry.get(type).clean(raw, spec(type, **kwargs))


def error(type, raw, **kwargs) -> str:
    with pytest.raises(FieldError) as caught:
        clean(type, raw, **kwargs)
    return caught.value.message


def test_every_field_type_has_a_kind():
    assert set(registry.types()) == set(FieldType.values)


@pytest.mark.parametrize("type", [t for t in FieldType.values])
def test_every_kind_answers_none_for_nothing(type, db):
    value = clean(type, None, params={"formula": {"op": "age", "field": "x"}})
    assert value in (None, False)


def test_text_length_limits():
    assert clean("text", "  Dupont ") == "Dupont"
    assert "raccourcissez-le à 5 caractères" in error("text", "abcdef", params={"max_length": 5})
    assert "jusqu’à 3 caractères au moins" in error("text", "ab", params={"min_length": 3})
    assert "raccourcissez-le à 200" in error("text", "x" * 201)
    assert clean("textarea", "a\r\nb") == "a\nb"
    assert "caractère invalide" in error("text", "a\x00b")


def test_regex_with_example():
    params = {"pattern": r"[A-Z]{2}-\d{3}", "example": "AB-123"}
    assert clean("regex", "AB-123", params=params) == "AB-123"
    assert "AB-123" in error("regex", "ab123", params=params)
    kind = registry.get("regex")
    assert kind.param_errors({"pattern": "(["}, []) != []


def test_integer_and_decimal():
    assert clean("integer", "1 234") == 1234
    assert clean("integer", "12,0") == 12
    assert "nombre entier" in error("integer", "12,5")
    assert "nombre entier" in error("integer", "douze")
    assert "supérieur ou égal à 0" in error("integer", "-1", params={"min": 0})
    assert "inférieur ou égal à 10" in error("integer", "11", params={"max": 10})
    assert clean("decimal", "12,5") == "12.50"
    assert clean("decimal", "1\u202f000,25") == "1000.25"
    assert "2 chiffres après la virgule" in error("decimal", "1,234")
    assert "par exemple 12,50" in error("decimal", "NaN")
    assert "par exemple 12,50" in error("decimal", "inf")


@given(st.integers(-(10**15), 10**15))
def test_integer_round_trips(number):
    assert clean("integer", str(number)) == number


@given(st.decimals(min_value=-(10**9), max_value=10**9, places=2, allow_nan=False))
def test_decimal_round_trips(number):
    assert clean("decimal", str(number).replace(".", ",")) == str(number)


def test_dates(settings):
    assert clean("date", "14/07/1990") == "1990-07-14"
    assert clean("date", "1990-07-14") == "1990-07-14"
    assert "JJ/MM/AAAA" in error("date", "31/02/2020")
    assert "jusqu’au" in error("date", "01/01/2999", params={"not_future": True})
    assert "à partir du 01/01/2000" in error("date", "31/12/1999", params={"min": "2000-01-01"})
    assert registry.get("date").display("1990-07-14", spec("date")) == "14/07/1990"
    assert clean("datetime", "2024-07-14T09:30") == "2024-07-14T09:30:00+02:00"
    assert clean("datetime", "14/01/2024 09:30") == "2024-01-14T09:30:00+01:00"
    assert "14/07/2024 09:30" in error("datetime", "demain")


def test_yes_no_checkbox_terms():
    assert clean("yes_no", "oui") is True
    assert clean("yes_no", "non") is False
    assert clean("yes_no", "") is None
    assert "oui ou par non" in error("yes_no", "peut-être")
    assert clean("checkbox", "on") is True
    assert clean("checkbox", None) is False
    assert registry.get("terms").is_empty(False)


def test_choice_with_other():
    options = [{"value": "salarie", "label": "Salarié"}, {"value": "etudiant", "label": "Étudiant"}]
    assert clean("choice", {"choice": "salarie", "other": ""}, options=options) == "salarie"
    assert "l’une des réponses" in error("choice", {"choice": "pirate"}, options=options)
    params = {"allow_other": True}
    assert (
        clean("choice", {"choice": "__other__", "other": "Artiste"}, options=options, params=params)
        == "Artiste"
    )
    assert "précisez" in error(
        "choice", {"choice": "__other__", "other": ""}, options=options, params=params
    )
    kind, field = registry.get("choice"), spec("choice", options=options)
    assert kind.display("salarie", field) == "Salarié"
    assert kind.display("Artiste", field) == "Autre : Artiste"


def test_multiple_choice():
    options = [{"value": v, "label": v.upper()} for v in "abc"]
    assert clean("multiple_choice", ["c", "a"], options=options) == ["a", "c"]
    assert "uniquement des réponses proposées" in error(
        "multiple_choice", ["a", "z"], options=options
    )
    assert "au plus 1" in error(
        "multiple_choice", ["a", "b"], options=options, params={"max_choices": 1}
    )


LINKED = [
    {"value": "nord", "label": "Nord", "children": [{"value": "lille", "label": "Lille"}]},
    {"value": "pas", "label": "Pas-de-Calais", "children": [{"value": "arras", "label": "Arras"}]},
]


def test_linked_choice_narrows_the_next_list():
    assert clean("linked_choice", ["nord", "lille"], options=LINKED) == ["nord", "lille"]
    assert "liste suivante" in error("linked_choice", ["nord"], options=LINKED)
    # a second level left from an earlier first choice no longer counts
    assert "liste suivante" in error("linked_choice", ["pas", "lille"], options=LINKED)
    assert (
        registry.get("linked_choice").display(
            ["nord", "lille"], spec("linked_choice", options=LINKED)
        )
        == "Nord › Lille"
    )


def test_email_and_phone():
    assert clean("email", "Marie.Curie@Exemple.FR") == "Marie.Curie@exemple.fr"
    assert "avec un @" in error("email", "marie.exemple.fr")
    assert clean("phone", "06 12 34 56 78") == "+33612345678"
    assert clean("phone", "+32 2 501 02 11") == "+3225010211"
    assert clean("phone", "0262 40 00 00") == "+262262400000"  # La Réunion, dialled nationally
    assert "par exemple 01 22 33 44 55" in error("phone", "12345")
    assert "numéro français" in error("phone", "+32 2 501 02 11", params={"international": False})
    assert registry.get("phone").display("+33612345678", spec("phone")) == "06 12 34 56 78"


def test_identifiers():
    assert clean("siret", "130 025 265 00013") == "13002526500013"
    assert "14 chiffres (vous en avez saisi 13)" in error("siret", "1300252650001")
    assert "mal recopié" in error("siret", "13002526500014")
    assert clean("rna", "w751234567") == "W751234567"
    assert "commence par W" in error("rna", "751234567")
    assert clean("iban", "fr76 3000 6000 0112 3456 7890 189") == "FR7630006000011234567890189"
    assert "compte 27 caractères" in error("iban", "FR76300060000112345678901")
    assert "mal recopié" in error("iban", "FR7630006000011234567890188")
    assert clean("nir", "2 69 05 49 588 157 80") == "269054958815780"
    assert "15 caractères" in error("nir", "2690549588157")
    assert "2A ou 2B" in error("nir", "969054958815780")
    assert "La clé" in error("nir", "269054958815781")


@pytest.fixture
def geography(db):
    region = Territory.objects.create(level="region", code="32", name="Hauts-de-France")
    nord = Territory.objects.create(
        level="department", code="59", name="Nord", parent=region, region=region
    )
    reunion = Territory.objects.create(
        level="department", code="974", name="La Réunion", region=region
    )
    Territory.objects.create(
        level="commune", code="59350", name="Lille", parent=nord, region=region
    )
    Territory.objects.create(
        level="commune", code="59001", name="Saint-Denis", parent=nord, region=region
    )
    Territory.objects.create(
        level="commune", code="97411", name="Saint-Denis", parent=reunion, region=region
    )


def test_territories(geography):
    assert clean("commune", "lille") == "59350"
    assert clean("commune", "59350") == "59350"
    assert clean("commune", "Lille (59)") == "59350"
    assert "précisez le département" in error("commune", "Saint-Denis")
    assert clean("commune", "Saint-Denis (974)") == "97411"
    assert "vérifiez l’orthographe" in error("commune", "Lile")
    assert clean("department", "nord") == "59"
    assert clean("region", "hauts de france") == "32"
    assert registry.get("commune").display("59350", spec("commune")) == "Lille (59)"


def test_address(geography):
    value = clean(
        "address", {"line": "1 place de la Gare", "postcode": "59800", "commune": "Lille"}
    )
    assert value == {
        "line": "1 place de la Gare",
        "complement": "",
        "postcode": "59800",
        "commune_code": "59350",
        "commune": "Lille",
    }
    assert clean("address", value) == value  # stored values clean again to themselves
    assert "numéro et la voie" in error("address", {"postcode": "59800", "commune": "Lille"})
    assert "5 chiffres" in error(
        "address", {"line": "1 rue", "postcode": "598", "commune": "Lille"}
    )


def test_country():
    assert clean("country", "DE") == "DE"
    assert clean("country", "allemagne") == "DE"
    assert registry.get("country").display("CI", spec("country")) == "Côte d'Ivoire"
    assert "dans la liste" in error("country", "Atlantide")


def test_repeatable_block_rows_min_max_and_row_errors():
    children = [
        spec("text", key="prenom", label="Prénom", required=True),
        spec("integer", key="montant", label="Montant"),
    ]
    block = dict(children=children, params={"min_rows": 1, "max_rows": 2, "row_label": "enfant"})
    rows = [{"prenom": "Léa", "montant": "10"}, {"prenom": "", "montant": ""}]
    assert clean("repeatable", rows, **block) == [{"prenom": "Léa", "montant": 10}]
    with pytest.raises(FieldError) as caught:
        clean("repeatable", [{"prenom": "", "montant": "dix"}], **block)
    assert caught.value.row_errors == {
        "0.prenom": "Répondez à cette question : elle est obligatoire.",
        "0.montant": "Saisissez un nombre entier, sans virgule, par exemple 3.",
    }
    too_many = [{"prenom": n} for n in "abc"]
    assert "au plus 2 × enfant" in error("repeatable", too_many, **block)


def test_repeatable_block_saves_a_thousand_rows():
    children = [spec("decimal", key="montant", label="Montant")]
    rows = [{"montant": f"{i},5"} for i in range(1000)]
    assert len(clean("repeatable", rows, children=children)) == 1000


def test_attachment_value_and_missing_explanation():
    assert clean("attachment", {"files": ["a"], "missing_reason": "x"}) == {
        "files": ["a"],
        "missing_reason": "",
    }
    assert clean("attachment", {"files": [], "missing_reason": "Perdu"}) is None
    allowed = {"allow_missing_explanation": True}
    assert clean("attachment", {"files": [], "missing_reason": "Perdu"}, params=allowed) == {
        "files": [],
        "missing_reason": "Perdu",
    }
    assert "Un seul fichier" in error("attachment", {"files": ["a", "b"]})


def test_computed_values():
    from essaim.procedures.fields import compute

    assert (
        compute(
            {"op": "age", "field": "naissance"},
            {"naissance": "2000-07-15"},
            today=date(2024, 7, 14),
        )
        == 23
    )
    assert (
        compute(
            {"op": "age", "field": "naissance"},
            {"naissance": "2000-07-14"},
            today=date(2024, 7, 14),
        )
        == 24
    )
    rows = {"b": [{"m": "10.50"}, {"m": 2}, {}]}
    assert compute({"op": "sum", "block": "b", "field": "m"}, rows) == "12.50"
    assert compute({"op": "count", "block": "b"}, rows) == 3
    assert (
        registry.get("computed").display(24, spec("computed", params={"formula": {"op": "age"}}))
        == "24 ans"
    )


def test_dossier_link(db):
    from tests.procedures.factories import DossierFactory

    dossier = DossierFactory(state="submitted")
    assert clean("dossier_link", f"n° {dossier.pk}") == dossier.pk
    assert "Aucun dossier déposé" in error("dossier_link", str(dossier.pk + 1000))
    assert "en chiffres" in error("dossier_link", "abc")


def test_builder_gets_errors_for_bad_settings():
    assert registry.get("choice").param_errors({}, []) == [
        "Ajoutez au moins une option de réponse."
    ]
    assert "n’existe pas" in registry.get("text").param_errors({"colour": 1}, [])[0]
    assert "nombre entier" in registry.get("text").param_errors({"max_length": "dix"}, [])[0]
