"""A programme's territories filter its call for events: an on-site event whose commune lies
outside them is refused, with a French message that says how to fix it."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from essaim.agenda import services
from essaim.agenda.models import Event
from tests.agenda.factories import EventFactory, ProgrammeFactory
from tests.agenda.test_organiser_pages import _form_data
from tests.catalogue.factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def places(db):
    pays_de_la_loire = RegionFactory(code="52", name="Pays de la Loire")
    loire_atlantique = DepartmentFactory(
        code="44", name="Loire-Atlantique", parent=pays_de_la_loire
    )
    vendee = DepartmentFactory(code="85", name="Vendée", parent=pays_de_la_loire)
    nord = DepartmentFactory(code="59", name="Nord", parent=RegionFactory(code="32"))
    return {
        "loire_atlantique": loire_atlantique,
        "pays_de_la_loire": pays_de_la_loire,
        "nantes": CommuneFactory(code="44109", name="Nantes", parent=loire_atlantique),
        "la_roche": CommuneFactory(code="85191", name="La Roche-sur-Yon", parent=vendee),
        "lille": CommuneFactory(code="59350", name="Lille", parent=nord),
    }


@pytest.fixture
def semaine(places):
    programme = ProgrammeFactory(name="Semaine de l’innovation publique en Loire-Atlantique")
    programme.territories.set([places["loire_atlantique"]])
    return programme


def test_form_refuses_an_onsite_event_outside_the_programmes_territories(
    client, agent, organisation, semaine
):
    client.force_login(agent)
    data = _form_data(organisation, semaine, mode="onsite", commune="59350", online_url="")

    response = client.post(reverse("agenda:organiser_create"), data)

    page = response.content.decode()
    assert "Lille est hors des territoires de" in page
    assert "Loire-Atlantique" in page and "proposez l’événement en ligne" in page
    assert not Event.objects.exists()


def test_form_accepts_an_onsite_event_inside_the_territories(client, agent, organisation, semaine):
    client.force_login(agent)
    data = _form_data(organisation, semaine, mode="onsite", commune="44109", online_url="")

    response = client.post(reverse("agenda:organiser_create"), data)

    assert response.status_code == 302
    assert Event.objects.get().commune.code == "44109"


def test_online_events_and_national_programmes_take_any_commune(places, semaine):
    lille = places["lille"]
    services.check_programme_territory(semaine, mode="online", commune=lille)
    services.check_programme_territory(semaine, mode="hybrid", commune=lille)
    services.check_programme_territory(ProgrammeFactory(), mode="onsite", commune=lille)


def test_a_region_covers_its_departements_communes(places):
    programme = ProgrammeFactory()
    programme.territories.set([places["pays_de_la_loire"]])
    services.check_programme_territory(programme, mode="onsite", commune=places["la_roche"])
    with pytest.raises(ValidationError):
        services.check_programme_territory(programme, mode="onsite", commune=places["lille"])


def test_submitting_an_onsite_event_outside_the_territories_is_refused(places, semaine, agent):
    event = EventFactory(
        programme=semaine, draft=True, mode="onsite", commune=places["lille"], online_url=""
    )

    with pytest.raises(ValidationError) as refused:
        services.submit(event, by=agent)

    assert "hors des territoires" in " ".join(refused.value.messages)
    event.refresh_from_db()
    assert event.moderation_state == "draft"


def _import_into(programme, organisation, agent):
    from pathlib import Path

    from essaim.agenda.organiser_imports import run_import

    name = "events_ok.csv"
    data = (Path(__file__).parent / "data" / name).read_bytes()
    return run_import(
        data=data, filename=name, organiser=organisation, by=agent, programme=programme
    )


def test_import_reports_an_onsite_row_outside_the_territories_and_writes_nothing(
    places, organisation, agent
):
    """The file's round table is in Nantes (Loire-Atlantique); the programme covers the Nord."""
    programme = ProgrammeFactory(
        starts_on=datetime.date(2020, 11, 1), ends_on=datetime.date(2020, 11, 30)
    )
    programme.territories.set([places["lille"].parent])

    record = _import_into(programme, organisation, agent)

    assert not record.succeeded
    errors = [e for row in record.report for e in row["errors"]]
    assert any("Nantes est hors des territoires" in e for e in errors), errors
    assert not Event.objects.exists()


def test_import_accepts_the_same_file_when_the_territories_cover_it(places, organisation, agent):
    programme = ProgrammeFactory(
        starts_on=datetime.date(2020, 11, 1), ends_on=datetime.date(2020, 11, 30)
    )
    programme.territories.set([places["pays_de_la_loire"]])

    record = _import_into(programme, organisation, agent)

    assert record.succeeded, record.report
