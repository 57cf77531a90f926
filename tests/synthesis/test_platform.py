"""Running a synthesis on the platform: the task, the stored result, corrections, reruns,
publication."""

import pytest

from essaim.synthesis import services
from essaim.synthesis.enums import Mode, Publication, Status
from essaim.synthesis.models import Correction, Synthesis
from essaim.synthesis.runs import run
from tests.participation.factories import ProposalFactory, ThemeFactory
from tests.synthesis.factories import computed, uploaded

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_file_synthesis_runs_through_the_task_and_stores_every_contribution(
    organisation, editor, django_capture_on_commit_callbacks
):
    synthesis = uploaded(organisation, by=editor)
    assert synthesis.status == Status.DRAFT
    with django_capture_on_commit_callbacks(execute=True):
        services.choose_columns(synthesis, by=editor, columns={"text": "text", "id": "id"})
    synthesis.refresh_from_db()
    assert synthesis.status == Status.DONE
    assert synthesis.progress == 100
    assert synthesis.items.count() == 41
    assert synthesis.items.first().reference == "t01"
    assert len(synthesis.themes) >= 2
    placed = synthesis.items.exclude(theme_key="").count()
    assert placed + sum(synthesis.reading["set_aside"].values()) == 41
    assert all(item.reason for item in synthesis.items.filter(theme_key=""))


def test_run_of_a_missing_column_fails_with_a_french_message(organisation, editor):
    synthesis = uploaded(organisation, by=editor)
    services.choose_columns(synthesis, by=editor, columns={"text": "text"})
    Synthesis.objects.filter(pk=synthesis.pk).update(text_column="absente")
    run(synthesis.pk)
    synthesis.refresh_from_db()
    assert synthesis.status == Status.FAILED
    assert "La colonne « absente »" in synthesis.error


def test_run_twice_does_nothing_the_second_time(organisation, editor):
    synthesis = computed(organisation, by=editor)
    before = synthesis.finished_at
    run(synthesis.pk)
    synthesis.refresh_from_db()
    assert synthesis.finished_at == before


def _theme_with_members(synthesis, minimum=2):
    for theme in synthesis.themes:
        members = list(synthesis.items.filter(theme_key=theme["id"]))
        if len(members) >= minimum:
            return theme, members
    raise AssertionError("no theme large enough")


def test_corrections_update_rows_and_survive_a_full_recompute(organisation, editor):
    synthesis = computed(organisation, by=editor)
    theme, members = _theme_with_members(synthesis, 3)
    services.correct(
        synthesis, by=editor, operation="rename", theme_id=theme["id"], label="Mobilité rurale"
    )
    moved = members[-1]
    services.correct(
        synthesis, by=editor, operation="move", contribution_id=moved.key, theme_id=None
    )
    moved.refresh_from_db()
    assert moved.theme_key == "" and moved.reason == "moved"
    services.correct(
        synthesis, by=editor, operation="pin", theme_id=theme["id"], contribution_id=members[1].key
    )
    synthesis.refresh_from_db()
    assert synthesis.theme(theme["id"])["quotes"][0] == members[1].key
    assert Correction.objects.filter(synthesis=synthesis).count() == 3

    services.rerun(synthesis, by=editor, mode=Mode.RECOMPUTE)
    run(synthesis.pk)
    synthesis.refresh_from_db()
    assert synthesis.status == Status.DONE
    assert synthesis.theme(theme["id"])["label"] == "Mobilité rurale"
    assert synthesis.items.get(key=moved.key).theme_key == ""
    assert members[1].key in synthesis.theme(theme["id"])["pinned"]


def test_merge_split_and_delete_keep_every_contribution_somewhere(organisation, editor):
    synthesis = computed(organisation, by=editor)
    first, second = synthesis.themes[0]["id"], synthesis.themes[1]["id"]
    services.correct(synthesis, by=editor, operation="merge", theme_ids=[first, second], into=first)
    synthesis.refresh_from_db()
    assert synthesis.theme(second) is None
    assert not synthesis.items.filter(theme_key=second).exists()
    members = list(synthesis.items.filter(theme_key=first).values_list("key", flat=True))
    services.correct(
        synthesis, by=editor, operation="split", theme_id=first,
        contribution_ids=members[:2], label="Nouveau thème",
    )  # fmt: skip
    synthesis.refresh_from_db()
    new = next(t for t in synthesis.themes if t["label"] == "Nouveau thème")
    assert set(synthesis.items.filter(theme_key=new["id"]).values_list("key", flat=True)) == set(
        members[:2]
    )
    services.correct(synthesis, by=editor, operation="delete", theme_id=new["id"])
    assert synthesis.items.filter(key__in=members[:2], reason="deleted").count() == 2
    assert synthesis.items.count() == 41


def test_invalid_correction_says_why(organisation, editor):
    synthesis = computed(organisation, by=editor)
    theme, members = _theme_with_members(synthesis)
    with pytest.raises(services.SynthesisError, match="au moins une"):
        services.correct(
            synthesis, by=editor, operation="split", theme_id=theme["id"],
            contribution_ids=[m.key for m in members], label="Tout",
        )  # fmt: skip
    with pytest.raises(services.SynthesisError, match="introuvable"):
        services.correct(synthesis, by=editor, operation="delete", theme_id="T999")


def test_campaign_synthesis_then_incremental_run_adds_new_proposals(organisation, editor):
    theme = ThemeFactory(campaign__organisations=[organisation])
    campaign = theme.campaign
    texts = [
        "Des bus plus fréquents dans les villages",
        "Plus de bus et de trains à la campagne",
        "Ouvrir les bibliothèques le dimanche",
        "Bibliothèques ouvertes le dimanche et le soir",
    ]
    for text in texts:
        ProposalFactory(campaign=campaign, title=text, body=text, theme=theme)
    synthesis = services.create_from_campaign(
        by=editor, campaign=campaign, organisation=organisation
    )
    run(synthesis.pk)
    synthesis.refresh_from_db()
    assert synthesis.status == Status.DONE
    assert synthesis.items.count() == 4
    assert set(synthesis.items.values_list("question", flat=True)) == {theme.name}
    ProposalFactory(campaign=campaign, title="Des trains pour les villages", theme=theme)
    services.rerun(synthesis, by=editor, mode=Mode.INCREMENTAL)
    run(synthesis.pk)
    synthesis.refresh_from_db()
    assert synthesis.items.count() == 5
    assert synthesis.reading["rows"] == 5


def test_incremental_run_of_a_file_is_refused(organisation, editor):
    synthesis = computed(organisation, by=editor)
    with pytest.raises(services.SynthesisError, match="tout recalculer"):
        services.rerun(synthesis, by=editor, mode=Mode.INCREMENTAL)


def test_publication_needs_a_method_note_then_freezes_corrections(organisation, editor):
    synthesis = computed(organisation, by=editor)
    with pytest.raises(services.SynthesisError, match="note de méthode"):
        services.set_publication(
            synthesis, by=editor, to=Publication.VALIDATED, method_note="court"
        )
    with pytest.raises(services.SynthesisError, match="pas possible"):
        services.set_publication(synthesis, by=editor, to=Publication.PUBLISHED)
    note = "Thèmes trouvés par la plateforme, relus et corrigés par l’équipe."
    services.set_publication(synthesis, by=editor, to=Publication.VALIDATED, method_note=note)
    synthesis.refresh_from_db()
    assert synthesis.validated_by == editor and synthesis.method_note == note
    with pytest.raises(services.SynthesisError, match="brouillon"):
        services.correct(
            synthesis, by=editor, operation="delete", theme_id=synthesis.themes[0]["id"]
        )
    services.set_publication(synthesis, by=editor, to=Publication.PUBLISHED)
    synthesis.refresh_from_db()
    assert synthesis.publication == Publication.PUBLISHED and synthesis.published_at
    services.set_publication(synthesis, by=editor, to=Publication.DRAFT)
