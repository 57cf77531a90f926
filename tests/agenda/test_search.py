"""Full-text search of events: folded words on SQLite, French stemming on PostgreSQL."""

import pytest
from django.db import connection

from essaim.agenda.filters import EventFilters
from essaim.agenda.models import Event
from essaim.agenda.queries import filter_events
from tests.agenda.factories import EventFactory

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming and the stored vector need PostgreSQL"
)


def titles(q):
    filters = EventFilters.from_querydict({"q": q})
    return sorted(e.title for e in filter_events(Event.objects.published(), filters))


@pytest.fixture
def events():
    EventFactory(title="Ateliers du Lab’ Occitanie", summary="Design des politiques publiques.")
    EventFactory(title="Webinaire inclusion numérique", summary="Les aidants numériques.")
    EventFactory(title="Hackathon en Seine-et-Marne", summary="Deux jours pour coder.")


def test_search_ignores_accents_and_case_and_needs_every_word(events):
    assert titles("NUMERIQUE inclusion") == ["Webinaire inclusion numérique"]
    assert titles("inclusion hackathon") == []
    assert titles("occitanie") == ["Ateliers du Lab’ Occitanie"]


def test_search_finds_the_summary_and_hyphenated_places(events):
    assert titles("aidants") == ["Webinaire inclusion numérique"]
    assert titles("seine-et-marne") == ["Hackathon en Seine-et-Marne"]


def test_search_sees_an_edited_title(events):
    event = Event.objects.get(title="Hackathon en Seine-et-Marne")
    event.title = "Simplificathon"
    event.save()
    from essaim.agenda.services import search_document

    Event.objects.filter(pk=event.pk).update(search_document=search_document(event))
    assert titles("simplificathon") == ["Simplificathon"]


@on_postgresql
def test_search_stems_french_words_on_postgresql(events):
    assert titles("atelier") == ["Ateliers du Lab’ Occitanie"]
    assert titles("politique publique") == ["Ateliers du Lab’ Occitanie"]
    assert titles("inclusion -webinaire") == []


@on_postgresql
def test_search_vector_is_stored_and_indexed_on_postgresql(events):
    assert not Event.objects.filter(search_vector__isnull=True).exists()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname = 'agenda_event_search_vector_gin'"
        )
        [(definition,)] = cursor.fetchall()
    assert "gin (search_vector)" in definition
