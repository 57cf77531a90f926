import datetime

import pytest

from essaim.catalogue import editing_services, history
from essaim.catalogue.history import RevisionAction
from essaim.catalogue.models import Theme
from tests.accounts.factories import OrganisationFactory
from tests.catalogue.factories import IndicatorFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(organisation, nord):
    initiative = InitiativeFactory(
        title="Version initiale",
        territory=nord,
        carriers=[organisation],
        themes=[Theme.objects.get(slug="sante")],
    )
    IndicatorFactory(initiative=initiative, label="Usagers", value=100)
    initiative.stage_changes.create(stage="idea", date=datetime.date(2020, 1, 1))
    return initiative


def test_history_record_skips_an_edit_that_changed_nothing(initiative, editor):
    assert history.record(initiative, action=RevisionAction.CREATED, by=editor)
    assert history.record(initiative, action=RevisionAction.EDITED, by=editor) is None
    initiative.title = "Autre titre"
    initiative.save()
    revision = history.record(initiative, action=RevisionAction.EDITED, by=editor)
    assert revision.number == 2 and revision.changed_labels() == ["titre"]


def test_history_revert_restores_fields_relations_and_rows(initiative, editor, organisation):
    first = history.record(initiative, action=RevisionAction.CREATED, by=editor)
    other = OrganisationFactory()
    initiative.title, initiative.territory = "Titre changé", None
    initiative.save()
    initiative.carriers.set([other])
    initiative.themes.set([Theme.objects.get(slug="emploi")])
    initiative.indicators.all().delete()
    initiative.stage_changes.create(stage="scaling", date=datetime.date(2021, 1, 1))
    history.record(initiative, action=RevisionAction.EDITED, by=editor)

    editing_services.revert(initiative, revision=first, by=editor)
    initiative.refresh_from_db()
    assert initiative.title == "Version initiale" and initiative.territory.code == "59"
    assert list(initiative.carriers.all()) == [organisation]
    assert [t.slug for t in initiative.themes.all()] == ["sante"]
    assert [(i.label, int(i.value)) for i in initiative.indicators.all()] == [("Usagers", 100)]
    assert [c.stage for c in initiative.stage_changes.all()] == ["idea"]
    assert "version initiale" in initiative.search_document
    assert initiative.revisions.first().action == RevisionAction.REVERTED


def test_history_revert_never_changes_the_publication_state(initiative, editor):
    first = history.record(initiative, action=RevisionAction.CREATED, by=editor)
    initiative.publication_state = "archived"
    initiative.save()
    editing_services.revert(initiative, revision=first, by=editor)
    initiative.refresh_from_db()
    assert initiative.publication_state == "archived"


def test_history_revert_skips_what_was_deleted_since(initiative, editor):
    gone = OrganisationFactory(name="Disparue")
    initiative.carriers.add(gone)
    first = history.record(initiative, action=RevisionAction.CREATED, by=editor)
    gone.delete()
    editing_services.revert(initiative, revision=first, by=editor)
    assert "Disparue" not in [o.name for o in initiative.carriers.all()]


def test_history_differences_name_the_related_objects(initiative, editor):
    history.record(initiative, action=RevisionAction.CREATED, by=editor)
    initiative.themes.set([Theme.objects.get(slug="emploi")])
    revision = history.record(initiative, action=RevisionAction.EDITED, by=editor)
    assert history.differences(revision) == [("thèmes", "Santé", "Emploi")]
