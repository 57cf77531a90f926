"""Every operation that changes the catalogue's state.

Views, the API, commands and tasks all go through these functions. They take keyword-only
arguments after the initiative and their docstrings list their side effects. Invalid requests
raise `django.core.exceptions.ValidationError` with a French message saying how to fix them.
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.catalogue.models import Initiative, PublicationState, Stage, StageChange
from essaim.core.text import fold

# The publication lifecycle, written once: from-state → allowed to-states.
TRANSITIONS = {
    PublicationState.DRAFT: {PublicationState.PUBLISHED, PublicationState.ARCHIVED},
    PublicationState.PUBLISHED: {PublicationState.DRAFT, PublicationState.ARCHIVED},
    PublicationState.ARCHIVED: {PublicationState.PUBLISHED, PublicationState.DRAFT},
}


def can_transition(initiative: Initiative, to_state: str) -> bool:
    return to_state in TRANSITIONS[PublicationState(initiative.publication_state)]


def _transition(initiative: Initiative, to_state: str) -> None:
    if not can_transition(initiative, to_state):
        raise ValidationError(
            _("Cette initiative est déjà dans l’état « %(state)s ».")
            % {"state": PublicationState(to_state).label}
        )


@transaction.atomic
def publish(initiative: Initiative, *, by) -> Initiative:
    """Publish a draft or archived initiative: it appears in the catalogue, exports and API.

    Side effects: saves `publication_state`, `published_at` (now), `published_by` (`by`),
    clears `archived_at`/`archived_by`, refreshes the search document.
    Raises ValidationError if it is already published or has no title or pitch.
    """
    _transition(initiative, PublicationState.PUBLISHED)
    if not initiative.title.strip() or not initiative.pitch.strip():
        raise ValidationError(
            _("Donnez un titre et une phrase de présentation avant de publier l’initiative.")
        )
    initiative.publication_state = PublicationState.PUBLISHED
    initiative.published_at = timezone.now()
    initiative.published_by = by
    initiative.archived_at = initiative.archived_by = None
    initiative.save()
    return initiative


@transaction.atomic
def archive(initiative: Initiative, *, by) -> Initiative:
    """Archive an initiative: it leaves the catalogue list but its page stays reachable.

    Side effects: saves `publication_state`, `archived_at` (now), `archived_by` (`by`).
    """
    _transition(initiative, PublicationState.ARCHIVED)
    initiative.publication_state = PublicationState.ARCHIVED
    initiative.archived_at = timezone.now()
    initiative.archived_by = by
    initiative.save()
    return initiative


@transaction.atomic
def unpublish(initiative: Initiative, *, by) -> Initiative:
    """Send an initiative back to draft: only its editors and operators can see it again.

    Side effects: saves `publication_state` (keeps the dates of the last publication).
    """
    _transition(initiative, PublicationState.DRAFT)
    initiative.publication_state = PublicationState.DRAFT
    initiative.save()
    return initiative


@transaction.atomic
def record_stage_change(
    initiative: Initiative,
    *,
    stage: str,
    date: datetime.date,
    by,
    note: str = "",
    stopped_reason: str = "",
) -> StageChange:
    """Record that the initiative reached `stage` on `date` (its dated history).

    The initiative's current stage becomes the stage of its latest dated change, so recording
    a past step does not move it backwards.
    Side effects: creates a StageChange; saves `stage` (and `stopped_reason` when stopping).
    Raises ValidationError for an unknown stage, a date in the future, or a stop without reason.
    """
    if stage not in Stage.values:
        raise ValidationError(_("Choisissez une étape dans la liste."))
    if date > timezone.localdate():
        raise ValidationError(_("La date d’une étape ne peut pas être dans le futur."))
    if stage == Stage.STOPPED and not (stopped_reason or initiative.stopped_reason).strip():
        raise ValidationError(_("Indiquez pourquoi l’initiative a été arrêtée."))
    change = StageChange.objects.create(
        initiative=initiative, stage=stage, date=date, note=note, recorded_by=by
    )
    latest = initiative.stage_changes.order_by("-date", "-pk").first()
    initiative.stage = latest.stage
    if stage == Stage.STOPPED and stopped_reason:
        initiative.stopped_reason = stopped_reason
    initiative.save(update_fields=["stage", "stopped_reason", "updated_at"])
    return change


@transaction.atomic
def set_origin(initiative: Initiative, *, origin: Initiative | None, by) -> Initiative:
    """Link `initiative` to the initiative it takes up elsewhere (essaimage), or unlink it.

    Side effects: saves `origin`; the origin's page then lists this initiative among its
    replications once both are published.
    Raises ValidationError when the link would point at itself or make a loop.
    """
    if origin is not None:
        if origin.pk == initiative.pk:
            raise ValidationError(_("Une initiative ne peut pas être sa propre origine."))
        ancestor, seen = origin, set()
        while ancestor is not None and ancestor.pk not in seen:
            if ancestor.origin_id == initiative.pk:
                raise ValidationError(
                    _(
                        "« %(origin)s » reprend déjà cette initiative : "
                        "choisissez une autre origine."
                    )
                    % {"origin": origin.title}
                )
            seen.add(ancestor.pk)
            ancestor = ancestor.origin
    initiative.origin = origin
    initiative.save(update_fields=["origin", "updated_at"])
    return initiative


def refresh_search_document(initiative: Initiative) -> None:
    """Recompute the searchable text after themes, carriers, labs or territory changed.

    Side effects: saves `search_document` and `search_title` (and, on PostgreSQL, the trigger
    recomputes `search_vector`).
    """
    initiative.save(update_fields=["updated_at"])


def rebuild_search_documents(queryset=None, *, batch_size: int = 500) -> int:
    """Recompute the searchable text of many initiatives (after a bulk import); returns the count.

    Side effects: saves `search_title` and `search_document` with one bulk UPDATE per batch of
    `batch_size` (on PostgreSQL the trigger recomputes `search_vector`).
    """
    queryset = queryset if queryset is not None else Initiative.objects.all()
    queryset = queryset.select_related("territory").prefetch_related("themes", "carriers", "labs")
    count, batch = 0, []
    for initiative in queryset.iterator(chunk_size=batch_size):
        initiative.search_title = fold(initiative.title)[:200]
        initiative.search_document = initiative.compose_search_document()
        batch.append(initiative)
        if len(batch) >= batch_size:
            count += _flush(batch)
            batch = []
    return count + _flush(batch)


def _flush(batch) -> int:
    with transaction.atomic():
        Initiative.objects.bulk_update(batch, ["search_title", "search_document"])
    return len(batch)
