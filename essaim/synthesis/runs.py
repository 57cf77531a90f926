"""Running the engine for a synthesis: gather its contributions, run, store the result.

Called by the background task (`tasks.run_synthesis_task`) and by the demo loader. The
progress is written to the database as the engine reports it, so that the page polling it
shows where the run is.
"""

import logging
from collections import Counter

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.participation.queries import proposal_list
from essaim.synthesis import engine
from essaim.synthesis.engine.model import REASONS
from essaim.synthesis.engine.reader import Column, read_csv
from essaim.synthesis.engine.summary import parse_date
from essaim.synthesis.enums import Mode, Source, Status
from essaim.synthesis.models import Contribution, Synthesis

logger = logging.getLogger(__name__)

# Where each engine step sits in the overall progress bar (start, end, in %).
STEPS = {
    "Lecture des contributions": (0, 5),
    "Analyse des textes": (5, 50),
    "Vectorisation": (50, 58),
    "Recherche des thèmes": (58, 80),
    "Étiquettes des thèmes": (80, 88),
    "Recherche des doublons": (88, 95),
    "Enregistrement": (95, 100),
}


class Reporter:
    """The engine's progress callback: writes the overall percentage when it changes."""

    def __init__(self, synthesis_id: int):
        self.synthesis_id = synthesis_id
        self.last = (-1, "")

    def __call__(self, step: str, fraction: float) -> None:
        start, end = STEPS.get(step, (None, None))
        if start is None:
            return
        percent = int(start + (end - start) * max(0.0, min(fraction, 1.0)))
        if (percent, step) != self.last:
            self.last = (percent, step)
            Synthesis.objects.filter(pk=self.synthesis_id).update(progress=percent, step=step)


def gather(synthesis: Synthesis) -> tuple[list[engine.Contribution], list[str], list[str]]:
    """The contributions to synthesise, the identifiers people know, and reading notes."""
    if synthesis.source == Source.CAMPAIGN:
        if synthesis.campaign is None:
            raise ValueError(_("La consultation de cette synthèse a été supprimée."))
        proposals = proposal_list(synthesis.campaign, sort="recentes").select_related("commune")
        contributions = [
            engine.Contribution(
                id=str(p.pk),
                text=f"{p.title}. {p.body}",
                question=p.theme.name if p.theme else "",
                date=p.published_at.date().isoformat() if p.published_at else "",
                territory=p.commune.name if p.commune else "",
            )
            for p in reversed(proposals)  # oldest first: new ones come at the end
        ]
        if not contributions:
            raise ValueError(
                _("La consultation n’a encore aucune proposition publiée : rien à synthétiser.")
            )
        notes = [_("%(n)s propositions publiées lues.") % {"n": len(contributions)}]
        return contributions, [c.id for c in contributions], notes
    columns = Column(
        text=synthesis.text_column,
        id=synthesis.id_column,
        question=synthesis.question_column,
        date=synthesis.date_column,
        territory=synthesis.territory_column,
    )
    with synthesis.file.open("rb") as source:
        data = source.read()
    contributions, ids, summary = read_csv(data, columns)
    return contributions, ids, summary.lines()[1:]


def run(synthesis_id: int) -> None:
    """Run the engine as `synthesis.mode` says; idempotent for a finished run.

    Side effects: updates the synthesis (status, progress, state, reading summary, error),
    replaces its contribution rows. Errors end in status « échec » with a French message.
    """
    with transaction.atomic():
        synthesis = Synthesis.objects.select_for_update().filter(pk=synthesis_id).first()
        if synthesis is None or synthesis.status != Status.QUEUED:
            return
        synthesis.status, synthesis.started_at = Status.RUNNING, timezone.now()
        synthesis.progress, synthesis.step, synthesis.error = 0, "", ""
        synthesis.save(update_fields=["status", "started_at", "progress", "step", "error"])
    report = Reporter(synthesis.pk)
    try:
        report("Lecture des contributions", 0.0)
        contributions, ids, notes = gather(synthesis)
        report("Lecture des contributions", 1.0)
        result = _run_engine(synthesis, contributions, report)
        report("Enregistrement", 0.0)
        _store(synthesis, result, contributions, ids, notes)
    except ValueError as error:
        _fail(synthesis, str(error))
    except Exception:
        logger.exception("synthesis %s failed", synthesis.pk)
        _fail(
            synthesis,
            _(
                "La synthèse s’est arrêtée sur une erreur inattendue. Relancez-la ; si l’erreur "
                "revient, écrivez à l’équipe de la plateforme."
            ),
        )


def _run_engine(synthesis, contributions, report) -> engine.Synthesis:
    previous = engine.Synthesis.from_dict(synthesis.state) if synthesis.state else None
    if previous is not None and synthesis.mode == Mode.INCREMENTAL:
        engine.add_contributions(previous, contributions, progress=report)
        return previous
    if previous is not None and synthesis.mode == Mode.RECOMPUTE:
        return engine.recompute(previous, contributions, progress=report)
    return engine.synthesize(contributions, seed=0, progress=report)


def _store(synthesis, result, contributions, ids, notes) -> None:
    set_aside = Counter(p.reason for p in result.placements.values() if p.theme_id is None)
    rows = [
        Contribution(
            synthesis=synthesis,
            position=position,
            key=c.id,
            reference=ids[position][:200],
            text=c.text,
            question=c.question[:300],
            date=parse_date(c.date),
            territory=c.territory[:120],
            **placement_fields(result.placements[c.id]),
        )
        for position, c in enumerate(contributions)
    ]
    with transaction.atomic():
        synthesis.items.all().delete()
        Contribution.objects.bulk_create(rows, batch_size=2000)
        synthesis.state = result.to_dict()
        synthesis.reading = {
            "rows": len(contributions),
            "upload": synthesis.reading.get("upload", []),
            "upload_rows": synthesis.reading.get("upload_rows"),
            "notes": notes,
            "set_aside": {REASONS[r]: n for r, n in set_aside.most_common()},
        }
        synthesis.status, synthesis.progress, synthesis.step = Status.DONE, 100, ""
        synthesis.finished_at = timezone.now()
        synthesis.save(
            update_fields=["state", "reading", "status", "progress", "step", "finished_at"]
        )


def placement_fields(placement) -> dict:
    return {
        "theme_key": placement.theme_id or "",
        "duplicate_group": placement.duplicate_group or "",
        "reason": "" if placement.theme_id else placement.reason,
    }


def _fail(synthesis, message: str) -> None:
    Synthesis.objects.filter(pk=synthesis.pk).update(
        status=Status.FAILED, error=message, step="", finished_at=timezone.now()
    )
