"""The agenda's « en ligne », « accessible » and « places disponibles » filters each keep what
matches and hide the rest; an event page describes the event to search engines (JSON-LD)."""

import json
import re

import pytest
from django.urls import reverse

from essaim.agenda import registrations
from tests.accounts.factories import OrganisationFactory, UserFactory
from tests.agenda.factories import EventFactory, paris
from tests.catalogue.factories import CommuneFactory

pytestmark = pytest.mark.django_db


def _titles(client, **query) -> set[str]:
    response = client.get(reverse("agenda:index"), query)
    assert response.status_code == 200
    return {event.title for event in response.context["page_obj"].object_list}


def test_online_filter_keeps_online_hybrid_and_moved_online_events(client):
    nantes = CommuneFactory(name="Nantes")
    EventFactory(title="Webinaire", mode="online")
    EventFactory(title="Conférence hybride", mode="hybrid", commune=nantes)
    EventFactory(
        title="Atelier passé en ligne", mode="onsite", commune=nantes, status="moved_online"
    )
    EventFactory(title="Visite sur place", mode="onsite", commune=nantes, online_url="")

    assert _titles(client, **{"en-ligne": "1"}) == {
        "Webinaire",
        "Conférence hybride",
        "Atelier passé en ligne",
    }
    assert "Visite sur place" in _titles(client)


def test_accessible_filter_keeps_events_with_any_accommodation(client):
    EventFactory(title="Avec LSF", has_sign_language=True)
    EventFactory(title="Accessible en fauteuil", accessible_motor=True)
    EventFactory(title="Sans aménagement")

    assert _titles(client, accessible="1") == {"Avec LSF", "Accessible en fauteuil"}
    assert "Sans aménagement" in _titles(client)


def test_places_filter_hides_full_and_cancelled_events(client):
    EventFactory(title="Sans limite", capacity=None)
    room = EventFactory(title="Encore une place", capacity=2)
    registrations.register(room, user=UserFactory())
    full = EventFactory(title="Toutes les places prises", capacity=1)
    registrations.register(full, user=UserFactory())
    EventFactory(title="Déclaré complet", capacity=50, status="full")
    EventFactory(title="Annulé", status="cancelled")

    assert _titles(client, places="1") == {"Sans limite", "Encore une place"}
    assert len(_titles(client)) == 5


def _json_ld(client, event) -> dict:
    body = client.get(event.get_absolute_url()).content.decode()
    [script] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', body, re.S)
    return json.loads(script)


def test_json_ld_of_an_onsite_event_names_its_place_times_and_organiser(client):
    event = EventFactory(
        title="Table ronde : le design des politiques publiques",
        organiser=OrganisationFactory(name="Nantes Métropole"),
        mode="onsite",
        online_url="",
        venue="Médiathèque Jacques Demy",
        address="24 quai de la Fosse",
        commune=CommuneFactory(name="Nantes"),
        sessions=[(paris(2030, 11, 19, 18), paris(2030, 11, 19, 20))],
    )

    data = _json_ld(client, event)

    assert data["@type"] == "Event"
    assert data["name"] == "Table ronde : le design des politiques publiques"
    assert data["startDate"] == "2030-11-19T18:00:00+01:00"
    assert data["endDate"] == "2030-11-19T20:00:00+01:00"
    assert data["location"] == {
        "@type": "Place",
        "name": "Médiathèque Jacques Demy",
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "24 quai de la Fosse",
            "addressLocality": "Nantes",
            "addressCountry": "FR",
        },
    }
    assert data["organizer"] == {"@type": "Organization", "name": "Nantes Métropole"}
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/OfflineEventAttendanceMode"


def test_json_ld_of_an_online_event_in_summer_is_a_virtual_location(client):
    event = EventFactory(
        mode="online",
        status="postponed",
        sessions=[(paris(2030, 6, 4, 9, 30), paris(2030, 6, 4, 11, 30))],
    )

    data = _json_ld(client, event)

    assert data["startDate"] == "2030-06-04T09:30:00+02:00"
    assert data["location"] == {
        "@type": "VirtualLocation",
        "url": f"http://testserver{event.get_absolute_url()}",
    }
    assert data["eventStatus"] == "https://schema.org/EventPostponed"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["organizer"]["name"] == event.organiser.name


def test_json_ld_of_a_hybrid_series_lists_both_places_and_its_sessions(client):
    event = EventFactory(
        mode="hybrid",
        venue="Hôtel de ville",
        commune=CommuneFactory(name="Lille"),
        sessions=[
            (paris(2030, 11, 5, 10), paris(2030, 11, 5, 12)),
            (paris(2030, 11, 12, 10), paris(2030, 11, 12, 12)),
        ],
    )

    data = _json_ld(client, event)

    assert [place["@type"] for place in data["location"]] == ["VirtualLocation", "Place"]
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [s["startDate"] for s in data["subEvent"]] == [
        "2030-11-05T10:00:00+01:00",
        "2030-11-12T10:00:00+01:00",
    ]
