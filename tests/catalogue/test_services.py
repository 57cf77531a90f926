import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from essaim.catalogue import services
from essaim.catalogue.models import PublicationState
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


def test_publish_records_who_and_when(editor):
    initiative = InitiativeFactory(draft=True)
    services.publish(initiative, by=editor)
    initiative.refresh_from_db()
    assert initiative.publication_state == PublicationState.PUBLISHED
    assert initiative.published_by == editor
    assert initiative.published_at is not None


def test_publish_twice_is_refused_with_a_clear_message(editor):
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError) as refusal:
        services.publish(initiative, by=editor)
    assert "déjà dans l’état « Publiée »" in refusal.value.messages[0]


def test_archive_then_republish(editor):
    initiative = InitiativeFactory()
    services.archive(initiative, by=editor)
    assert initiative.publication_state == PublicationState.ARCHIVED
    assert initiative.archived_by == editor
    services.publish(initiative, by=editor)
    assert initiative.archived_at is None


def test_unpublish_returns_to_draft(editor):
    initiative = InitiativeFactory()
    services.unpublish(initiative, by=editor)
    initiative.refresh_from_db()
    assert initiative.publication_state == PublicationState.DRAFT


def test_stage_change_moves_the_current_stage_to_the_latest_date(editor):
    initiative = InitiativeFactory(stage="idea")
    services.record_stage_change(initiative, stage="experiment", date=_d(2020, 5, 1), by=editor)
    services.record_stage_change(initiative, stage="prototype", date=_d(2020, 1, 1), by=editor)
    initiative.refresh_from_db()
    assert initiative.stage == "experiment"
    assert [c.stage for c in initiative.stage_changes.all()] == ["prototype", "experiment"]


def test_stopping_requires_a_reason(editor):
    initiative = InitiativeFactory()
    with pytest.raises(ValidationError, match="pourquoi"):
        services.record_stage_change(initiative, stage="stopped", date=_d(2021, 1, 1), by=editor)
    services.record_stage_change(
        initiative, stage="stopped", date=_d(2021, 1, 1), by=editor, stopped_reason="Budget"
    )
    initiative.refresh_from_db()
    assert (initiative.stage, initiative.stopped_reason) == ("stopped", "Budget")


def test_stage_change_in_the_future_is_refused(editor):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="futur"):
        services.record_stage_change(InitiativeFactory(), stage="idea", date=tomorrow, by=editor)


def test_set_origin_links_a_replication(editor):
    origin, replication = InitiativeFactory(), InitiativeFactory()
    services.set_origin(replication, origin=origin, by=editor)
    assert list(origin.replications.all()) == [replication]
    services.set_origin(replication, origin=None, by=editor)
    assert not origin.replications.exists()


def test_set_origin_refuses_itself_and_loops(editor):
    a, b = InitiativeFactory(), InitiativeFactory()
    with pytest.raises(ValidationError, match="sa propre origine"):
        services.set_origin(a, origin=a, by=editor)
    services.set_origin(b, origin=a, by=editor)
    with pytest.raises(ValidationError, match="reprend déjà"):
        services.set_origin(a, origin=b, by=editor)


def test_refresh_search_document_includes_new_themes(editor):
    from essaim.catalogue.models import Theme

    initiative = InitiativeFactory(title="Un projet")
    initiative.themes.add(Theme.objects.get(slug="mobilite"))
    services.refresh_search_document(initiative)
    initiative.refresh_from_db()
    assert "mobilite" in initiative.search_document


def test_rebuild_search_documents_after_bulk_creation():
    from essaim.catalogue.models import Initiative

    Initiative.objects.bulk_create(
        [Initiative(title=f"Lot {n}", slug=f"lot-{n}", pitch="Covoiturage") for n in range(3)]
    )
    assert services.rebuild_search_documents() == 3
    assert Initiative.objects.filter(search_document__contains="covoiturage").count() == 3


def _d(*args):
    return datetime.date(*args)
