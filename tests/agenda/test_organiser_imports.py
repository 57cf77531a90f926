"""Importing many events from a file: all or nothing, with a row-by-row report."""

import datetime
import json
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.agenda.models import Event, EventImport
from essaim.agenda.organiser_imports import run_import
from tests.agenda.factories import ProgrammeFactory
from tests.catalogue.factories import CommuneFactory

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


@pytest.fixture
def nantes(db):
    return CommuneFactory(code="44109", name="Nantes")


def _import(name, organisation, user, **kwargs):
    return run_import(
        data=(DATA / name).read_bytes(), filename=name, organiser=organisation, by=user, **kwargs
    )


def test_clean_csv_creates_every_event_as_a_draft_with_its_sessions(organisation, agent, nantes):
    record = _import("events_ok.csv", organisation, agent)

    assert record.succeeded, record.report
    assert record.imported_count == 3
    assert [row["ok"] for row in record.report] == [True, True, True]
    mardis = Event.objects.get(external_id="MIP-2020-001")
    assert mardis.moderation_state == "draft"
    assert mardis.organiser == organisation
    assert mardis.created_by == agent
    assert mardis.external_source == "csv"
    assert mardis.sessions.count() == 3
    assert mardis.has_subtitles and not mardis.accessible_motor
    assert [s.name for s in mardis.speakers.all()] == ["Marie Dupont", "Karim Benali"]
    table = Event.objects.get(external_id="MIP-2020-002")
    assert table.commune == nantes
    assert table.department_id == nantes.parent_id
    assert table.has_sign_language
    simplificathon = Event.objects.get(title="Simplificathon")
    assert simplificathon.external_id.startswith("empreinte-")


def test_importing_the_same_file_twice_writes_nothing_the_second_time(organisation, agent, nantes):
    _import("events_ok.csv", organisation, agent)

    again = _import("events_ok.csv", organisation, agent)

    assert not again.succeeded
    assert Event.objects.count() == 3
    assert all("déjà été importé" in row["errors"][0] for row in again.report)


def test_a_single_bad_row_means_nothing_is_written(organisation, agent, nantes):
    record = _import("events_bad_rows.csv", organisation, agent)

    assert not record.succeeded
    assert Event.objects.count() == 0
    assert record.rejected_count == 4
    by_row = {row["row"]: row for row in record.report}
    assert by_row[2]["errors"] == [] and not by_row[2]["ok"]  # good, but not imported
    assert "« fin » : La fin (10/11/2020 13:00) est avant le début" in by_row[3]["errors"][0]
    assert by_row[4]["errors"][0].startswith("« commune » (« 44000 ») : Commune inconnue")
    assert EventImport.objects.get().pk == record.pk


def test_wrong_encoding_is_recorded_and_nothing_written(organisation, agent):
    record = _import("events_cp1252.csv", organisation, agent)

    assert not record.succeeded
    assert "pas encodé en UTF-8" in record.report[0]["errors"][0]
    assert Event.objects.count() == 0


def test_submitting_to_a_closed_programme_rolls_every_event_back(organisation, agent, nantes):
    closed = ProgrammeFactory(
        starts_on=datetime.date(2020, 11, 1),
        ends_on=datetime.date(2020, 11, 30),
        call_opens_on=datetime.date(2020, 9, 1),
        call_closes_on=datetime.date(2020, 10, 15),
    )

    record = _import("events_ok.csv", organisation, agent, programme=closed, submit=True)

    assert not record.succeeded
    assert Event.objects.count() == 0
    assert "appel à événements" in record.report[0]["errors"][0]


def _mois_2020(**kwargs):
    """November 2020 (the file's events), its call open today."""
    return ProgrammeFactory(
        starts_on=datetime.date(2020, 11, 1), ends_on=datetime.date(2020, 11, 30), **kwargs
    )


def test_import_submits_to_an_open_programme_when_asked(organisation, agent, nantes):
    programme = _mois_2020(call_closes_on=timezone.localdate())

    record = _import("events_ok.csv", organisation, agent, programme=programme, submit=True)

    assert record.succeeded
    assert set(Event.objects.values_list("moderation_state", flat=True)) == {"submitted"}
    assert set(Event.objects.values_list("programme", flat=True)) == {programme.pk}


def test_openagenda_export_imports_place_status_and_flags(organisation, agent, nantes):
    record = _import("openagenda_ok.json", organisation, agent)

    assert record.succeeded, record.report
    assert record.source == "openagenda"
    workshop = Event.objects.get(external_id="51234568")
    assert workshop.commune == nantes
    assert workshop.status == "cancelled"
    assert workshop.accessible_motor and workshop.accessible_hearing
    assert workshop.sessions.count() == 2
    webinar = Event.objects.get(external_id="51234567")
    assert webinar.registration_mode == "external"
    assert webinar.mode == "online"


def test_openagenda_bad_export_is_reported_and_nothing_written(organisation, agent):
    record = _import("openagenda_bad.json", organisation, agent, default_format="conference")

    assert not record.succeeded
    assert Event.objects.count() == 0
    assert record.rejected_count == 4


def test_openagenda_event_without_title_is_rejected_on_its_row_and_nothing_written(
    organisation, agent
):
    timing = {"begin": "2020-11-10T14:00:00+01:00", "end": "2020-11-10T16:00:00+01:00"}
    events = [
        {"uid": 11, "title": {"fr": "Webinaire complet"}, "description": {"fr": "Bien"}},
        {"uid": 12, "description": {"fr": "Un événement sans titre"}},
        {"uid": 13, "title": {"fr": "  "}, "description": {"fr": "Titre vide"}},
    ]
    data = {"events": [{**event, "timings": [timing], "attendanceMode": 2} for event in events]}

    record = run_import(
        data=json.dumps(data).encode(),
        filename="export-openagenda.json",
        organiser=organisation,
        by=agent,
        default_format="webinar",
    )

    assert not record.succeeded
    assert Event.objects.count() == 0
    assert (record.imported_count, record.rejected_count) == (0, 2)
    rows = {row["row"]: row for row in record.report}
    assert rows[1]["errors"] == []  # correct, yet not written: all or nothing
    for position in (2, 3):
        [error] = rows[position]["errors"]
        assert "title" in error and "obligatoire" in error


def test_import_page_shows_the_report(client, organisation, agent, nantes):
    client.force_login(agent)
    with (DATA / "events_bad_rows.csv").open("rb") as upload:
        response = client.post(
            reverse("agenda:organiser_import"),
            {"file": upload, "organiser": organisation.pk},
        )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Rien n’a été importé" in page
    assert "Commune inconnue" in page
    assert "4 lignes à corriger." in page


def test_import_page_imports_a_clean_file(client, organisation, agent, nantes):
    client.force_login(agent)
    with (DATA / "events_ok.csv").open("rb") as upload:
        response = client.post(
            reverse("agenda:organiser_import"), {"file": upload, "organiser": organisation.pk}
        )

    assert "3 événements importés" in response.content.decode()
    assert Event.objects.filter(organiser=organisation).count() == 3


def test_import_into_another_organisation_is_refused(client, agent, other_organisation):
    client.force_login(agent)
    with (DATA / "events_ok.csv").open("rb") as upload:
        response = client.post(
            reverse("agenda:organiser_import"),
            {"file": upload, "organiser": other_organisation.pk},
        )

    assert "Sélectionnez un choix valide" in response.content.decode()
    assert Event.objects.count() == 0


def test_import_template_downloads_with_french_headers(client, agent):
    client.force_login(agent)

    response = client.get(reverse("agenda:organiser_import_template"))

    text = response.content.decode()
    assert text.startswith("\ufefftitre;en une phrase;description;format;début;fin")


@pytest.mark.parametrize("name", ["organiser_import", "organiser_import_template"])
def test_import_pages_refuse_anonymous_and_citizens(client, applicant, name):
    url = reverse(f"agenda:{name}")
    assert client.get(url).status_code == 302
    client.force_login(applicant)
    if name == "organiser_import":
        assert client.get(url).status_code == 403
