"""The read API: /api/v1/events (the agenda's filters, paginated) and /api/v1/programmes."""

import json

import pytest

from tests.agenda.factories import EventFactory, ProgrammeFactory, paris

pytestmark = pytest.mark.django_db


def test_events_are_paginated_with_items_and_count(client):
    for _ in range(3):
        EventFactory()
    EventFactory(draft=True)
    body = client.get("/api/v1/events?page_size=2").json()
    assert body["count"] == 3
    assert len(body["items"]) == 2
    assert set(body["items"][0]) >= {"slug", "title", "sessions", "organiser", "ical_url"}


def test_events_accept_the_agenda_filters_and_text_search(client):
    EventFactory(title="Hackathon des données locales", format="hackathon")
    EventFactory(title="Webinaire inclusion numérique", format="webinar", has_subtitles=True)
    body = client.get("/api/v1/events?q=inclusion&format=webinar&accessibilite=sous-titrage").json()
    assert [e["title"] for e in body["items"]] == ["Webinaire inclusion numérique"]
    assert body["items"][0]["accessibility"] == ["sous-titrage"]


def test_past_events_only_with_dates_or_passes(client):
    EventFactory(
        title="Mardi de l’innovation", sessions=[(paris(2020, 11, 10, 10), paris(2020, 11, 10, 11))]
    )
    assert client.get("/api/v1/events").json()["count"] == 0
    assert client.get("/api/v1/events?passes=1").json()["count"] == 1
    assert client.get("/api/v1/events?du=2020-11-02&au=2020-11-30").json()["count"] == 1


def test_bad_filters_are_explained_in_french(client):
    response = client.get("/api/v1/events?du=demain&format=karaoke")
    assert response.status_code == 422
    detail = response.json()["detail"]
    assert "jj/mm/aaaa" in detail
    assert "karaoke" in detail
    assert client.get("/api/v1/events?page=0").status_code == 422


def test_reserved_online_link_never_leaves_through_the_api(client):
    event = EventFactory(online_url_registrants_only=True)
    item = client.get(f"/api/v1/events/{event.slug}").json()
    assert item["online_url"] == ""


def test_draft_event_is_not_found(client):
    event = EventFactory(draft=True)
    response = client.get(f"/api/v1/events/{event.slug}")
    assert response.status_code == 404
    assert "Introuvable" in response.json()["detail"]


def test_programmes_list_their_events(client):
    programme = ProgrammeFactory(name="Mois de l’innovation publique 2020")
    EventFactory(programme=programme)
    body = client.get("/api/v1/programmes").json()
    assert body["count"] == 1
    assert body["items"][0]["event_count"] == 1
    assert client.get(f"/api/v1/programmes/{programme.slug}").json()["name"] == programme.name


def test_csv_export_opens_in_french_spreadsheets_and_follows_filters(client):
    EventFactory(title="Hackathon des données", format="hackathon")
    EventFactory(title="Webinaire", format="webinar", online_url_registrants_only=True)
    response = client.get("/agenda/export.csv?format=hackathon")
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeffTitre;Format;")
    lines = body.strip().split("\r\n")
    assert len(lines) == 2 and lines[1].startswith("Hackathon des données;Hackathon;")


def test_json_export_never_leaks_reserved_links(client):
    event = EventFactory(online_url_registrants_only=True)
    response = client.get("/agenda/export.json")
    data = json.loads(b"".join(response.streaming_content))
    assert [item["slug"] for item in data] == [event.slug]
    assert event.online_url not in json.dumps(data)
