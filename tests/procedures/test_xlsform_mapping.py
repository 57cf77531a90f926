"""XLSForm cascading selects (choice_filter), repeat counts and calculations: mapped to linked
choices, block bounds and computed values where our definitions can say it, reported row by
row (in French) where they cannot."""

import io
from datetime import date

import pytest
from openpyxl import Workbook

from essaim.procedures import builder_services, definitions, engine
from essaim.procedures.spec import FormSpec
from essaim.procedures.xlsform_import import read_xlsform

pytestmark = pytest.mark.django_db

HEADER = ["type", "name", "label", "relevant", "constraint", "choice_filter", "repeat_count"]
HEADER += ["calculation"]
CHOICES = [
    ["list_name", "name", "label", "region", "dep"],
    ["reg", "hdf", "Hauts-de-France", "", ""],
    ["reg", "idf", "Île-de-France", "", ""],
    ["dep", "59", "Nord", "hdf", ""],
    ["dep", "62", "Pas-de-Calais", "hdf", ""],
    ["dep", "75", "Paris", "idf", ""],
    ["dep", "2A", "Corse-du-Sud", "corse", ""],
    ["com", "lille", "Lille", "", "59"],
    ["com", "arras", "Arras", "", "62"],
]


def _row(kind, name="", label="", **columns):
    return [kind, name, label, *(columns.get(c, "") for c in HEADER[3:])]


def _xlsform(rows) -> bytes:
    """A small XLSForm, built here rather than committed as a binary file."""
    workbook = Workbook()
    survey = workbook.active
    survey.title = "survey"
    for row in [HEADER, *rows]:
        survey.append(row)
    choices = workbook.create_sheet("choices")
    for row in CHOICES:
        choices.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _imported(rows, organisation, editor):
    definition, report = read_xlsform(_xlsform(rows), title="Import")
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    version = procedure.draft_version
    assert builder_services.publication_problems(version) == []
    text = "\n".join(report).replace("\xa0", " ")
    return FormSpec.for_version(version), {f.key: f for f in version.fields.all()}, text


def test_cascading_selects_become_one_linked_choice(organisation, editor):
    spec, fields, report = _imported(
        [
            _row("select_one reg", "reg", "Région"),
            _row("select_one dep", "dep", "Département", choice_filter="region=${reg}"),
            _row("select_one com", "com", "Commune", choice_filter="dep=${dep}"),
            _row("text", "metro", "Station de métro", relevant="${com} = 'lille'"),
        ],
        organisation,
        editor,
    )
    linked = fields["reg"]
    assert linked.type == "linked_choice"
    assert linked.params["level_labels"] == ["Région", "Département", "Commune"]
    hdf = linked.options[0]
    assert [o["value"] for o in hdf["children"]] == ["59", "62"]
    assert hdf["children"][0]["children"] == [{"value": "lille", "label": "Lille"}]
    assert "dep" not in fields and "com" not in fields
    # The merged list is a level of the linked field: choosing « Nord » asks for a commune.
    unfinished = engine.evaluate(spec, {"reg": ["hdf", "59"]})
    assert "reg" in unfinished.errors
    # A condition that read the commune now reads the linked field's answer.
    assert engine.evaluate(spec, {"reg": ["hdf", "59", "lille"]}).visible("metro")
    assert not engine.evaluate(spec, {"reg": ["hdf", "62", "arras"]}).visible("metro")
    assert "Ligne 3 (dep) : liste filtrée (« region=${reg} ») reprise comme niveau 2" in report
    assert "Ligne 4 (com) : liste filtrée (« dep=${dep} ») reprise comme niveau 3" in report
    # Corse-du-Sud names a region the first list does not have: said, not dropped silently.
    assert "Ligne 3 (dep) : options non reprises" in report and "2A" in report


@pytest.mark.parametrize(
    ("rows", "why"),
    [
        (
            [
                _row("select_one reg", "reg", "Région"),
                _row("select_one dep", "dep", "Département", choice_filter="region=${reg} or 1=1"),
            ],
            "seule la forme colonne=${question} est reprise",
        ),
        (
            [
                _row("text", "reg", "Région"),
                _row("select_one dep", "dep", "Département", choice_filter="region=${reg}"),
            ],
            "« reg » n’est pas une question à choix unique",
        ),
        (
            [
                _row("select_one reg", "reg", "Région"),
                _row("select_multiple dep", "dep", "Départements", choice_filter="region=${reg}"),
            ],
            "seule une liste à choix unique peut dépendre d’une autre",
        ),
    ],
)
def test_filters_we_cannot_express_keep_every_option_and_are_reported(
    rows, why, organisation, editor
):
    _spec, fields, report = _imported(rows, organisation, editor)
    assert len(fields["dep"].options) == 4
    assert f"Ligne 3 (dep) : filtre de liste « {rows[1][5]} » non repris ({why})" in report
    assert "toutes les options de la liste sont proposées" in report


def test_repeat_counts_fixed_or_read_from_an_answer(organisation, editor):
    _spec, fields, report = _imported(
        [
            _row("integer", "nombre", "Nombre d’enfants", constraint=". <= 8"),
            _row("begin_repeat", "enfants", "Enfants", repeat_count="${nombre}"),
            _row("text", "prenom", "Prénom"),
            _row("end_repeat"),
            _row("begin_repeat", "parents", "Parents", repeat_count="2"),
            _row("text", "parent", "Nom du parent"),
            _row("end_repeat"),
        ],
        organisation,
        editor,
    )
    assert fields["parents"].params == {"min_rows": 2, "max_rows": 2}
    assert fields["enfants"].params == {"max_rows": 8}
    assert "Ligne 3 (enfants) : nombre de répétitions « ${nombre} » non repris" in report
    assert "Maximum de lignes repris de la question « nombre » : 8." in report
    # pyxform's own helper for the fixed count is not a row of the author's: not reported.
    assert "parents_count" not in report and "parents_count" not in fields


def test_calculations_become_computed_values_or_are_reported(organisation, editor):
    spec, fields, report = _imported(
        [
            _row("date", "naissance", "Date de naissance"),
            _row("calculate", "age", calculation="int((today() - ${naissance}) div 365.25)"),
            _row("begin_repeat", "foyer", "Personnes du foyer"),
            _row("decimal", "revenu", "Revenu mensuel"),
            _row("calculate", "annuel", calculation="${revenu} * 12"),
            _row("end_repeat"),
            _row("calculate", "total", "Revenus du foyer", calculation="sum(${revenu})"),
            _row("calculate", "personnes", "Personnes", calculation="count(${foyer})"),
            _row("integer", "parts", "Parts", calculation="${personnes} div 2"),
            _row("text", "majeur", "Profession", relevant="${age} >= 18 and ${total} > 100"),
        ],
        organisation,
        editor,
    )
    assert fields["age"].params == {"formula": {"op": "age", "field": "naissance"}}
    assert fields["total"].params == {"formula": {"op": "sum", "block": "foyer", "field": "revenu"}}
    assert fields["personnes"].params == {"formula": {"op": "count", "block": "foyer"}}
    assert fields["parts"].type == "integer"  # still asked: its formula is not ours
    assert "annuel" not in fields
    answers = {"naissance": "2000-01-15", "foyer": [{"revenu": "90"}, {"revenu": "20.5"}]}
    result = engine.evaluate(spec, answers, today=date(2026, 12, 4))
    assert result.values["age"] == 26 and result.values["personnes"] == 2
    assert result.visible("majeur")  # computed values are usable in conditions
    assert not engine.evaluate(spec, {**answers, "foyer": []}, today=date(2026, 12, 4)).visible(
        "majeur"
    )
    assert "Ligne 3 (age) : valeur calculée reprise" in report
    assert (
        "Ligne 6 (annuel) : calcul « ${revenu} * 12 » non repris : une valeur calculée ne peut "
        "pas être placée dans un bloc répétable." in report
    )
    assert "Ligne 10 (parts) : calcul « ${personnes} div 2 » non repris" in report
    assert "qui saisit la valeur" in report
