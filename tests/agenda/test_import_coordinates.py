"""Coordinates from imports reach the event and its calendars (the GEO property): OpenAgenda
locations carry them, and CSV files may give them in two optional columns."""

from decimal import Decimal
from pathlib import Path

import icalendar
import pytest
from django.urls import reverse

from essaim.agenda import services
from essaim.agenda.imports import parse_csv, parse_openagenda
from essaim.agenda.imports.vocabulary import build_vocabulary
from essaim.agenda.models import Event
from essaim.agenda.organiser_imports import run_import
from tests.catalogue.factories import CommuneFactory

DATA = Path(__file__).parent / "data"
HEADER = "titre;description;format;début;fin;commune;latitude;longitude\n"


@pytest.fixture
def vocabulary():
    return build_vocabulary(themes=[], commune=lambda text: "Nantes" if text == "44109" else None)


def _csv(*rows: str) -> bytes:
    return (
        HEADER
        + "".join(f"Visite;Une visite.;Visite;10/11/2020 14:00;15:00;{row}\n" for row in rows)
    ).encode()


def test_openagenda_location_coordinates_are_read(vocabulary):
    report = parse_openagenda((DATA / "openagenda_ok.json").read_bytes(), vocabulary=vocabulary)

    assert report.ok, report.errors
    webinar, workshop = report.events
    assert (webinar.latitude, webinar.longitude) == (None, None)  # no location
    assert (workshop.latitude, workshop.longitude) == (Decimal("47.21837"), Decimal("-1.55362"))


def test_csv_coordinates_accept_a_decimal_comma_and_may_be_left_empty(vocabulary):
    report = parse_csv(_csv('44109;"47,2184";-1.5536', "44109;;"), vocabulary=vocabulary)

    assert report.ok, report.errors
    located, unlocated = report.events
    assert (located.latitude, located.longitude) == (Decimal("47.2184"), Decimal("-1.5536"))
    assert (unlocated.latitude, unlocated.longitude) == (None, None)


def test_csv_coordinates_out_of_range_or_alone_are_row_errors_in_french(vocabulary):
    report = parse_csv(_csv("44109;91;2", "44109;47;nord", "44109;47.2;"), vocabulary=vocabulary)

    assert report.events == []
    errors = {(e.line, e.column): e.message for e in report.errors}
    assert set(errors) == {(2, "latitude"), (3, "longitude"), (4, "longitude")}
    assert "entre -90 et 90" in errors[2, "latitude"]
    assert "entre -180 et 180" in errors[3, "longitude"]
    assert "latitude et la longitude ensemble" in errors[4, "longitude"]


@pytest.mark.django_db
def test_imported_event_with_coordinates_has_geo_in_the_ical_feed(client, organisation, agent):
    CommuneFactory(code="44109", name="Nantes")
    record = run_import(
        data=(DATA / "openagenda_ok.json").read_bytes(),
        filename="openagenda_ok.json",
        organiser=organisation,
        by=agent,
    )
    assert record.succeeded, record.report
    workshop = Event.objects.get(venue="Hôtel de ville")
    assert (workshop.latitude, workshop.longitude) == (Decimal("47.21837"), Decimal("-1.55362"))
    services.publish(workshop, by=agent)

    response = client.get(reverse("agenda:event_feed", args=[workshop.slug]))

    calendar = icalendar.Calendar.from_ical(response.content)
    for vevent in calendar.walk("VEVENT"):
        geo = vevent["GEO"]
        assert (geo.latitude, geo.longitude) == (47.21837, -1.55362)
