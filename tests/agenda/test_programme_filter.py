"""`?programme=slug` limits the month view, the map, the iCal feed and the API to a
programme's events (its own and those of the agendas it aggregates); the programme page
links to its month and its map."""

import datetime

import icalendar
import pytest
from django.urls import reverse

from tests.accounts.factories import OrganisationFactory
from tests.agenda.factories import EventFactory, ProgrammeFactory, paris
from tests.catalogue.factories import CommuneFactory, DepartmentFactory, RegionFactory

pytestmark = pytest.mark.django_db

NOVEMBER_10 = [(paris(2020, 11, 10, 10), paris(2020, 11, 10, 12))]
NOVEMBER_17 = [(paris(2020, 11, 17, 14), paris(2020, 11, 17, 16))]


@pytest.fixture
def setting():
    """A November 2020 programme with its own event and an aggregated lab's event, and an
    event of the same month outside it; all on site in Hauts-de-France."""
    region = RegionFactory(code="32", name="Hauts-de-France")
    lille = CommuneFactory(name="Lille", parent=DepartmentFactory(code="59", parent=region))
    programme = ProgrammeFactory(
        slug="mois-2020",
        name="Mois de l’innovation publique 2020",
        starts_on=datetime.date(2020, 11, 1),
        ends_on=datetime.date(2020, 11, 30),
        call_opens_on=datetime.date(2020, 9, 1),
        call_closes_on=datetime.date(2020, 10, 15),
    )
    lab = OrganisationFactory(name="Lab Hauts-de-France")
    programme.aggregated_organisations.add(lab)
    onsite = {"mode": "onsite", "commune": lille}
    own = EventFactory(
        title="Hackathon du Mois", programme=programme, sessions=NOVEMBER_10, **onsite
    )
    aggregated = EventFactory(title="Atelier du lab", organiser=lab, sessions=NOVEMBER_17, **onsite)
    other = EventFactory(title="Webinaire hors programme", sessions=NOVEMBER_17, **onsite)
    return programme, own, aggregated, other


def test_month_view_limited_to_a_programme_shows_only_its_events(client, setting):
    programme, own, aggregated, other = setting

    url = reverse("agenda:month_of", args=[2020, 11]) + "?programme=mois-2020"
    body = client.get(url).content.decode()

    assert own.title in body and aggregated.title in body
    assert other.title not in body
    assert programme.name in body
    # Moving to the next month keeps the programme.
    assert "?programme=mois-2020" in client.get(url).context["next_url"]


def test_map_limited_to_a_programme_counts_only_its_events(client, setting):
    _programme, _own, _aggregated, _other = setting

    response = client.get(reverse("agenda:map") + "?programme=mois-2020&passes=1")

    [area] = [a for a in response.context["france_map"].areas if a.code == "32"]
    assert area.count == 2
    listing = client.get(area.href).content.decode()
    assert "Hackathon du Mois" in listing and "Webinaire hors programme" not in listing


def test_ical_filter_url_limited_to_a_programme(client, setting):
    _programme, own, aggregated, _other = setting

    response = client.get(reverse("agenda:feed") + "?programme=mois-2020&passes=1")

    calendar = icalendar.Calendar.from_ical(response.content)
    assert {str(v["SUMMARY"]) for v in calendar.walk("VEVENT")} == {own.title, aggregated.title}


def test_api_lists_a_programme_events_and_refuses_an_unknown_programme(client, setting):
    _programme, own, aggregated, _other = setting

    answer = client.get("/api/v1/events?programme=mois-2020&passes=true").json()
    unknown = client.get("/api/v1/events?programme=inconnu")

    assert answer["count"] == 2
    assert {item["slug"] for item in answer["items"]} == {own.slug, aggregated.slug}
    assert unknown.status_code == 404
    assert "Aucun programme publié" in unknown.json()["detail"]


def test_programme_page_links_to_its_month_and_its_map(client, setting):
    programme, own, _aggregated, other = setting
    month_url = reverse("agenda:month_of", args=[2020, 11]) + "?programme=mois-2020"
    map_url = reverse("agenda:map") + "?programme=mois-2020&amp;passes=1"

    page = client.get(programme.get_absolute_url()).content.decode()

    assert f'href="{month_url}"' in page and "Voir en calendrier du mois" in page
    assert f'href="{map_url}"' in page and "Voir sur la carte" in page
    month = client.get(month_url).content.decode()
    assert own.title in month and other.title not in month
