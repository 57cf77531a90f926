"""Every change to a synthesis: creating it, running it again, correcting it, publishing it.

Functions take keyword-only arguments; each docstring lists its side effects. Refusals and
invalid requests raise `SynthesisError` with a French message for the person.
"""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from essaim.synthesis import engine
from essaim.synthesis.enums import PUBLICATION_TRANSITIONS, Mode, Publication, Source, Status
from essaim.synthesis.models import Contribution, Correction, Synthesis
from essaim.synthesis.runs import placement_fields
from essaim.synthesis.uploads import Table


class SynthesisError(ValueError):
    """The request cannot be done; `str(error)` says why in French."""


def _enqueue(synthesis: Synthesis) -> None:
    from essaim.synthesis.tasks import run_synthesis_task

    transaction.on_commit(lambda: run_synthesis_task.enqueue(synthesis_id=synthesis.pk))


def create_from_upload(*, by, organisation, title: str, file_name: str, table: Table) -> Synthesis:
    """A synthesis waiting for its columns, with the uploaded file stored as a canonical CSV.

    Side effects: saves the synthesis and its file (storage).
    """
    synthesis = Synthesis(
        title=title,
        organisation=organisation,
        created_by=by,
        source=Source.FILE,
        file_name=file_name[:200],
        status=Status.DRAFT,
        reading={"upload": table.notes, "upload_rows": len(table.rows)},
    )
    stem = get_valid_filename(file_name.rsplit(".", 1)[0])[:80] or "contributions"
    synthesis.file.save(f"{stem}.csv", ContentFile(table.to_csv()), save=False)
    synthesis.save()
    return synthesis


@transaction.atomic
def choose_columns(synthesis: Synthesis, *, by, columns: dict) -> None:
    """Record the chosen columns and queue the first run.

    Side effects: saves the synthesis; enqueues `run_synthesis_task` on commit.
    """
    if synthesis.status not in (Status.DRAFT, Status.FAILED) or synthesis.state:
        raise SynthesisError(_("Les colonnes ne se changent plus une fois la synthèse faite."))
    for name, value in columns.items():
        setattr(synthesis, f"{name}_column", value or "")
    synthesis.status, synthesis.mode, synthesis.progress = Status.QUEUED, Mode.FULL, 0
    synthesis.save()
    _enqueue(synthesis)


@transaction.atomic
def create_from_campaign(*, by, campaign, organisation) -> Synthesis:
    """A synthesis of the campaign's published proposals, queued.

    Side effects: saves the synthesis; enqueues `run_synthesis_task` on commit.
    """
    synthesis = Synthesis.objects.create(
        title=_("Synthèse de « %(title)s »") % {"title": campaign.title},
        organisation=organisation,
        created_by=by,
        source=Source.CAMPAIGN,
        campaign=campaign,
        status=Status.QUEUED,
    )
    _enqueue(synthesis)
    return synthesis


def _check_editable(synthesis: Synthesis) -> None:
    if synthesis.publication != Publication.DRAFT:
        raise SynthesisError(
            _("Cette synthèse est validée : repassez-la en brouillon pour la modifier.")
        )
    if synthesis.status in (Status.QUEUED, Status.RUNNING):
        raise SynthesisError(_("La synthèse est en cours de calcul : attendez qu’elle finisse."))


@transaction.atomic
def rerun(synthesis: Synthesis, *, by, mode: str) -> None:
    """Queue a run: new contributions only (`incremental`), or everything (`recompute`).

    People's corrections are kept in both cases. Side effects: saves the synthesis; enqueues
    `run_synthesis_task` on commit.
    """
    synthesis = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    _check_editable(synthesis)
    if mode not in Mode.values:
        raise SynthesisError(_("Choisissez « relancer » ou « tout recalculer »."))
    if synthesis.state is None:
        mode = Mode.FULL
    elif mode == Mode.INCREMENTAL and synthesis.source != Source.CAMPAIGN:
        raise SynthesisError(
            _(
                "Un fichier importé n’a pas de nouvelles contributions : utilisez "
                "« tout recalculer »."
            )
        )
    synthesis.status, synthesis.mode, synthesis.progress = Status.QUEUED, mode, 0
    synthesis.step, synthesis.error = "", ""
    synthesis.save()
    _enqueue(synthesis)


# The engine's correction functions, looked up when used: the engine (scikit-learn) is then
# loaded by the worker that computes, not by every web process at start-up.
OPERATIONS = frozenset({"rename", "merge", "split", "delete", "move", "pin", "unpin"})


def engine_contributions(synthesis: Synthesis) -> list["engine.Contribution"]:
    return [
        engine.Contribution(
            id=key,
            text=text,
            question=question,
            date=day.isoformat() if day else "",
            territory=territory,
        )
        for key, text, question, day, territory in synthesis.items.values_list(
            "key", "text", "question", "date", "territory"
        )
    ]


@transaction.atomic
def correct(synthesis: Synthesis, *, by, operation: str, **params) -> None:
    """Apply one correction (rename, merge, split, delete, move, pin, unpin) through the engine.

    Side effects: saves the synthesis' state, updates the placement of the contributions it
    moved, logs a `Correction`.
    """
    synthesis = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    _check_editable(synthesis)
    if synthesis.state is None or operation not in OPERATIONS:
        raise SynthesisError(_("Cette correction n’est pas possible sur cette synthèse."))
    state = engine.Synthesis.from_dict(synthesis.state)
    try:
        getattr(engine, operation)(state, engine_contributions(synthesis), **params)
    except KeyError as error:
        raise SynthesisError(
            _("Thème ou contribution introuvable : rechargez la page et recommencez.")
        ) from error
    except ValueError as error:
        raise SynthesisError(str(error)) from error
    synthesis.state = state.to_dict()
    synthesis.save(update_fields=["state"])
    changed = []
    for item in synthesis.items.only("pk", "key", "theme_key", "duplicate_group", "reason"):
        fields = placement_fields(state.placements[item.key])
        if any(getattr(item, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(item, name, value)
            changed.append(item)
    Contribution.objects.bulk_update(changed, ["theme_key", "duplicate_group", "reason"], 2000)
    Correction.objects.create(synthesis=synthesis, author=by, operation=operation, details=params)


@transaction.atomic
def set_publication(synthesis: Synthesis, *, by, to: str, method_note: str = "") -> None:
    """Move the publication: brouillon → validée (by a named person, with a method note) →
    publiée; back to brouillon to correct it again.

    Side effects: saves the synthesis.
    """
    synthesis = Synthesis.objects.select_for_update().get(pk=synthesis.pk)
    if to not in PUBLICATION_TRANSITIONS.get(synthesis.publication, ()):
        raise SynthesisError(_("Ce changement de publication n’est pas possible maintenant."))
    if to == Publication.VALIDATED:
        if synthesis.status != Status.DONE:
            raise SynthesisError(_("Seule une synthèse terminée peut être validée."))
        method_note = method_note.strip()
        if len(method_note) < 20:
            raise SynthesisError(
                _(
                    "Écrivez une note de méthode d’au moins 20 caractères : comment la synthèse "
                    "a été faite et corrigée, par qui."
                )
            )
        synthesis.method_note = method_note
        synthesis.validated_by, synthesis.validated_at = by, timezone.now()
    if to == Publication.PUBLISHED:
        synthesis.published_at = timezone.now()
    synthesis.publication = to
    synthesis.save()
