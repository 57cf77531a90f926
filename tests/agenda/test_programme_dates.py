"""The programme-dates rule, in one place (`services.check_programme_dates`): an event of a
programme takes place, at least in part, during its days. Services, imports (row by row) and
the public programme page (the origin of aggregated events) are checked here; the guided form
in `test_organiser_pages.py`."""

import datetime
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError

from essaim.agenda import services
from essaim.agenda.models import Event
from essaim.agenda.organiser_imports import run_import
from tests.accounts.factories import OrganisationFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, paris
from tests.catalogue.factories import CommuneFactory

DATA = Path(__file__).parent / "data"
pytestmark = pytest.mark.django_db


def _plain(text: str) -> str:
    """Messages keep punctuation with its word (U+00A0); compare them with plain spaces."""
    return text.replace("\xa0", " ")


def _november_2020(**kwargs):
    return ProgrammeFactory(
        name="Mois de l’innovation publique 2020",
        starts_on=datetime.date(2020, 11, 2),
        ends_on=datetime.date(2020, 11, 30),
        **kwargs,
    )


def _event(programme, organisation):
    return Event(
        programme=programme, organiser=organisation, title="Série", format="webinar", mode="online"
    )


@pytest.mark.parametrize(
    "sessions",
    [
        # The DGFiP's webconferences: 27 November 2020 to 22 January 2021.
        [
            (paris(2020, 11, 27, 10), paris(2020, 11, 27, 12)),
            (paris(2021, 1, 22, 10), paris(2021, 1, 22, 12)),
        ],
        # The Simplificathon: launched 17 October, results 4 December.
        [
            (paris(2020, 10, 17, 9), paris(2020, 10, 17, 12)),
            (paris(2020, 12, 4, 14), paris(2020, 12, 4, 16)),
        ],
        # Ends at 00:30 on the first day, Paris time.
        [(paris(2020, 11, 1, 23), paris(2020, 11, 2, 0, 30))],
    ],
)
def test_save_event_accepts_an_event_taking_place_partly_during_the_programme(
    organisation, agent, sessions
):
    event = services.save_event(_event(_november_2020(), organisation), by=agent, sessions=sessions)

    assert event.sessions.count() == len(sessions)


@pytest.mark.parametrize(
    "sessions",
    [
        [
            (paris(2020, 10, 5, 10), paris(2020, 10, 5, 12)),
            (paris(2020, 11, 1, 22), paris(2020, 11, 1, 23, 59)),
        ],
        [(paris(2020, 12, 1, 0), paris(2020, 12, 1, 2))],
    ],
)
def test_save_event_refuses_an_event_entirely_outside_the_programme(organisation, agent, sessions):
    with pytest.raises(ValidationError) as refused:
        services.save_event(_event(_november_2020(), organisation), by=agent, sessions=sessions)

    message = _plain(refused.value.messages[0])
    assert "n’a lieu à aucun moment pendant « Mois de l’innovation publique 2020 »" in message
    assert "qui va du 02/11/2020 au 30/11/2020" in message
    assert Event.objects.count() == 0


def test_same_sessions_are_accepted_outside_any_programme(organisation, agent):
    event = services.save_event(
        _event(None, organisation),
        by=agent,
        sessions=[(paris(2020, 12, 1, 10), paris(2020, 12, 1, 12))],
    )

    assert event.pk


def test_submit_refuses_an_event_the_programme_no_longer_covers(organisation, agent):
    programme = ProgrammeFactory()
    event = EventFactory(
        programme=programme,
        organiser=organisation,
        draft=True,
        sessions=[(paris(2020, 11, 10, 10), paris(2020, 11, 10, 12))],
    )

    with pytest.raises(ValidationError, match="n’a lieu à aucun moment pendant"):
        services.submit(event, by=agent)

    event.refresh_from_db()
    assert event.moderation_state == "draft"


# --- Imports -------------------------------------------------------------------------------


def _import(name, organisation, user, **kwargs):
    return run_import(
        data=(DATA / name).read_bytes(), filename=name, organiser=organisation, by=user, **kwargs
    )


def test_csv_rows_outside_the_programme_are_row_errors_and_nothing_is_written(organisation, agent):
    CommuneFactory(code="44109", name="Nantes")
    programme = ProgrammeFactory(
        name="Fin novembre",
        starts_on=datetime.date(2020, 11, 20),
        ends_on=datetime.date(2020, 11, 30),
    )

    record = _import("events_ok.csv", organisation, agent, programme=programme)

    assert not record.succeeded
    assert Event.objects.count() == 0
    by_row = {row["row"]: row for row in record.report}
    assert [_plain(error) for error in by_row[2]["errors"]] == [
        "« séances » : L’événement (du 03/11/2020 au 17/11/2020) n’a lieu à aucun moment "
        "pendant « Fin novembre », qui va du 20/11/2020 au 30/11/2020 : placez au moins une "
        "séance entre ces dates, ou choisissez un autre programme."
    ]
    assert "(du 19/11/2020 au 19/11/2020)" in by_row[3]["errors"][0]
    assert by_row[4]["errors"] == [] and not by_row[4]["ok"]  # the Simplificathon is in
    assert record.rejected_count == 2


def test_csv_import_into_a_programme_covering_every_row_succeeds(organisation, agent):
    CommuneFactory(code="44109", name="Nantes")

    record = _import("events_ok.csv", organisation, agent, programme=_november_2020())

    assert record.succeeded, record.report
    assert Event.objects.filter(programme__isnull=False).count() == 3


def test_openagenda_event_outside_the_programme_is_a_row_error(organisation, agent):
    CommuneFactory(code="44109", name="Nantes")

    record = _import("openagenda_ok.json", organisation, agent, programme=_november_2020())

    assert not record.succeeded
    assert Event.objects.count() == 0
    [refused] = [row for row in record.report if row["errors"]]
    assert refused["title"].startswith("Atelier")
    assert "(du 24/10/2020 au 31/10/2020) n’a lieu à aucun moment pendant" in refused["errors"][0]


# --- The origin of aggregated events on the public programme page ---------------------------


def test_programme_page_says_which_agenda_an_aggregated_event_comes_from(client):
    programme = _november_2020()
    lab = OrganisationFactory(name="Lab Occitanie")
    programme.aggregated_organisations.add(lab)
    EventFactory(
        organiser=lab,
        title="Les Ateliers du Lab’ Occitanie",
        sessions=[(paris(2020, 11, 5, 12, 30), paris(2020, 11, 5, 14))],
    )
    EventFactory(
        programme=programme,
        organiser=OrganisationFactory(name="DITP"),
        title="Simplificathon",
        sessions=[(paris(2020, 11, 10, 9), paris(2020, 11, 10, 18))],
    )

    page = client.get(programme.get_absolute_url()).content.decode()

    assert "Les Ateliers du Lab’ Occitanie" in page and "Simplificathon" in page
    assert page.count("Depuis l’agenda de Lab Occitanie") == 1
    assert "Depuis l’agenda de DITP" not in page  # proposed to the programme itself


def test_general_agenda_does_not_label_origins(client):
    lab = OrganisationFactory(name="Lab Occitanie")
    _november_2020().aggregated_organisations.add(lab)
    EventFactory(organiser=lab, title="Atelier à venir")

    page = client.get("/agenda/").content.decode()

    assert "Atelier à venir" in page
    assert "Depuis l’agenda de" not in page
