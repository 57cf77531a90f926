"""Reading CSV and OpenAgenda files into events and row-level errors (no database)."""

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from essaim.agenda.imports import ImportFileError, parse_csv, parse_openagenda, template_csv
from essaim.agenda.imports.vocabulary import build_vocabulary

DATA = Path(__file__).parent / "data"
PARIS = ZoneInfo("Europe/Paris")
UTC = ZoneInfo("UTC")
COMMUNES = {"44109": "Nantes", "nantes": "Nantes", "31555": "Toulouse", "toulouse": "Toulouse"}


def _commune(text):
    if text.strip().lower() == "saint-denis":
        raise LookupError("Plusieurs communes s’appellent « Saint-Denis » : code INSEE ?")
    return COMMUNES.get(text.strip().lower())


@pytest.fixture
def vocabulary():
    return build_vocabulary(
        themes=[("inclusion-numerique", "Inclusion numérique")], commune=_commune
    )


def _read(name):
    return (DATA / name).read_bytes()


def _errors_by_line(report):
    found = {}
    for error in report.errors:
        found.setdefault(error.line, []).append((error.column, error.message))
    return found


def test_csv_with_bom_and_semicolons_reads_every_column(vocabulary):
    report = parse_csv(_read("events_ok.csv"), vocabulary=vocabulary)

    assert report.ok, report.errors
    mardis, table, simplificathon = report.events
    assert mardis.line == 2
    assert mardis.format == "webinar"
    assert mardis.mode == "online"
    assert mardis.sessions[0] == (
        datetime(2020, 11, 3, 11, 0, tzinfo=PARIS),
        datetime(2020, 11, 3, 12, 0, tzinfo=PARIS),
    )
    assert len(mardis.sessions) == 3
    assert mardis.online_url_private is True
    assert mardis.audiences == ["agents", "elected_officials"]
    assert mardis.accessibility == ["has_subtitles"]
    assert mardis.registration == "essaim"
    assert mardis.capacity == 500
    assert mardis.speakers == [("Marie Dupont", "DITP"), ("Karim Benali", "")]
    assert mardis.source_id == "MIP-2020-001"
    assert "questions du public" in mardis.description  # the quoted `;` stayed in the text
    assert table.commune == "Nantes"
    assert table.venue == "Médiathèque Jacques Demy"
    assert table.accessibility == ["accessible_motor", "has_sign_language"]
    assert table.summary.startswith("Trois designers")  # derived from the description
    assert simplificathon.mode == "hybrid"  # a commune and an online link
    assert simplificathon.registration == "external"
    assert simplificathon.audiences == ["agents", "general_public"]
    assert simplificathon.sessions[0][1] == datetime(2020, 11, 27, 17, 30, tzinfo=PARIS)


def test_csv_with_commas_no_bom_and_unaccented_headers(vocabulary):
    report = parse_csv(_read("events_comma_nobom.csv"), vocabulary=vocabulary)

    assert report.ok, report.errors
    (event,) = report.events
    assert event.format == "workshop"
    assert event.mode == "onsite"
    assert event.commune == "Toulouse"
    assert event.capacity == 25
    assert event.sessions == [
        (datetime(2020, 11, 24, 9, 30, tzinfo=PARIS), datetime(2020, 11, 24, 17, 0, tzinfo=PARIS))
    ]
    assert report.warnings == ["Colonnes ignorées, car inconnues : « Inconnue »."]


def test_csv_in_windows_encoding_is_refused_with_how_to_save_it(vocabulary):
    with pytest.raises(ImportFileError) as raised:
        parse_csv(_read("events_cp1252.csv"), vocabulary=vocabulary)

    message = str(raised.value)
    assert "pas encodé en UTF-8" in message
    assert "ligne 1" in message
    assert "CSV UTF-8" in message


def test_csv_missing_required_columns_names_them(vocabulary):
    with pytest.raises(ImportFileError) as raised:
        parse_csv(_read("events_missing_columns.csv"), vocabulary=vocabulary)

    assert "« début », « fin »" in str(raised.value)


def test_csv_bad_rows_are_reported_with_line_column_and_fix(vocabulary):
    report = parse_csv(_read("events_bad_rows.csv"), vocabulary=vocabulary)

    assert not report.ok
    assert [event.title for event in report.events] == ["Un bon webinaire"]
    errors = _errors_by_line(report)
    assert sorted(errors) == [3, 4, 5, 6]
    ((column, message),) = errors[3]
    assert column == "fin"
    assert "La fin (10/11/2020 13:00) est avant le début (10/11/2020 14:00)" in message
    assert errors[4][0][0] == "commune"
    assert "code INSEE à 5 chiffres" in errors[4][0][1]
    columns_5 = [column for column, _message in errors[5]]
    assert columns_5 == ["format", "lien en ligne", "places"]
    assert "Valeurs acceptées : « Webinaire »" in errors[5][0][1]
    assert "https://" in errors[5][1][1]
    columns_6 = {column for column, _message in errors[6]}
    assert columns_6 == {"titre", "début"}
    assert report.rejected_lines == [3, 4, 5, 6]


def test_csv_quoted_newlines_keep_the_line_number_of_the_row_start(vocabulary):
    data = (
        "titre;description;format;début;fin\n"
        'Premier;"sur\ndeux lignes";Webinaire;10/11/2020 14:00;15:00\n'
        "Second;texte;Webinaire;10/11/2020 14:00;13:00\n"
    ).encode()

    report = parse_csv(data, vocabulary=vocabulary)

    assert report.events[0].description == "sur\ndeux lignes"
    assert [error.line for error in report.errors] == [4]


def test_csv_ambiguous_commune_says_so(vocabulary):
    data = (
        "titre;description;format;début;fin;commune\nA;b;Visite;10/11/2020 14:00;15:00;Saint-Denis"
    )

    report = parse_csv(data.encode(), vocabulary=vocabulary)

    assert "Plusieurs communes" in report.errors[0].message


def test_csv_unclosed_quote_is_a_file_error(vocabulary):
    data = 'titre;description;format;début;fin\n"A;b;Visite;10/11/2020 14:00;15:00\n'
    with pytest.raises(ImportFileError, match="guillemets"):
        parse_csv(data.encode(), vocabulary=vocabulary)


def test_csv_external_registration_needs_its_link(vocabulary):
    data = (
        "titre;description;format;début;fin;inscription\n"
        "A;b;Visite;10/11/2020 14:00;15:00;lien externe\n"
    )
    report = parse_csv(data.encode(), vocabulary=vocabulary)

    assert report.errors[0].column == "lien d’inscription"


def test_csv_template_round_trips_through_the_parser(vocabulary):
    report = parse_csv(template_csv().encode(), vocabulary=vocabulary)

    assert report.ok, report.errors


def test_openagenda_export_maps_multilingual_fields_timings_and_flags(vocabulary):
    report = parse_openagenda(_read("openagenda_ok.json"), vocabulary=vocabulary)

    assert report.ok, report.errors
    webinar, workshop = report.events
    assert webinar.title == "Webinaire : l’inclusion numérique dans les territoires"
    assert webinar.summary == "Comment accompagner les publics éloignés du numérique ?"
    assert "Trois intervenants & un temps d’échange." in webinar.description
    assert "<p>" not in webinar.description
    assert "contact@example.org" in webinar.description
    assert webinar.format == "webinar"  # from its keywords
    assert webinar.audiences == ["agents"]
    assert webinar.themes == ["inclusion-numerique"]
    assert webinar.mode == "online"
    assert webinar.accessibility == ["accessible_hearing"]
    assert webinar.registration == "external"
    assert webinar.registration_url == "https://inscription.example.org/inclusion"
    assert webinar.source_id == "51234567"
    assert webinar.sessions[0][0] == datetime(2020, 11, 10, 13, 0, tzinfo=UTC)
    assert workshop.format == "workshop"
    assert workshop.mode == "onsite"
    assert workshop.commune == "Nantes"
    assert workshop.venue == "Hôtel de ville"
    assert sorted(workshop.accessibility) == ["accessible_hearing", "accessible_motor"]
    assert workshop.status == "cancelled"
    # Summer time (UTC+2) then winter time (UTC+1): both read right.
    assert workshop.sessions[0][0] == datetime(2020, 10, 24, 7, 0, tzinfo=UTC)
    assert workshop.sessions[1][0].astimezone(PARIS).hour == 10


def test_openagenda_bad_events_are_reported_by_position(vocabulary):
    report = parse_openagenda(
        _read("openagenda_bad.json"), vocabulary=vocabulary, default_format="conference"
    )

    errors = _errors_by_line(report)
    assert sorted(errors) == [1, 2, 3, 4]
    assert "Aucune séance" in errors[1][0][1]
    assert "est avant le début" in errors[2][0][1]
    assert errors[3][0][0] == "location"
    assert "Atlantis" in errors[3][0][1]
    assert errors[4][0][0] == "timings (séance 1)"
    assert [event.title for event in report.events] == ["Correct"]
    assert report.events[0].format == "conference"


def test_openagenda_without_format_nor_default_asks_for_one(vocabulary):
    data = (
        '[{"title": "A", "description": "b", "attendanceMode": 2,'
        ' "timings": [{"begin": "2020-11-10T14:00:00+01:00", "end": "2020-11-10T15:00:00+01:00"}]}]'
    )
    report = parse_openagenda(data.encode(), vocabulary=vocabulary)

    assert "format par défaut" in report.errors[0].message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("openagenda_broken.json", "pas du JSON valide (ligne 3"),
        ('{"agenda": {}}', "liste « events »"),
        ('{"events": []}', "aucun événement"),
    ],
)
def test_openagenda_unreadable_files_are_refused(vocabulary, content, expected):
    data = _read(content) if content.endswith(".json") else content.encode()
    with pytest.raises(ImportFileError) as raised:
        parse_openagenda(data, vocabulary=vocabulary)

    assert expected in str(raised.value)


def test_openagenda_export_in_windows_encoding_is_refused_with_how_to_save_it(vocabulary):
    data = '[{"title": {"fr": "Journée à Nantes"}}]'.encode("cp1252")

    with pytest.raises(ImportFileError) as raised:
        parse_openagenda(data, vocabulary=vocabulary)

    assert "UTF-8" in str(raised.value) and "ligne 1" in str(raised.value)
    assert "OpenAgenda" in str(raised.value)
