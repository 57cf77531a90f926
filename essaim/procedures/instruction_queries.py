"""Read side of instruction: the procedures a person instructs, the table of their dossiers
(filters, sorting, lateness), a dossier's answers and annotations ready to show.

Every queryset starts from `Dossier.objects.instructed_by(user)`: an instructor sees only the
dossiers of their groups, never drafts.
"""

import datetime
import re
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils import timezone

from essaim.procedures.enums import DECIDED_STATES, DossierState
from essaim.procedures.models import Dossier, InstructorGroup, Procedure

SORTS = {
    "recents": ("-submitted_at", "-pk"),
    "anciens": ("submitted_at", "pk"),
    "numero": ("pk",),
    "maj": ("-updated_at", "-pk"),
}
DEFAULT_SORT = "recents"
# States a deadline may be set for (days allowed in the state), as in Procedure.state_deadlines.
DEADLINE_STATES = (DossierState.SUBMITTED, DossierState.IN_INSTRUCTION)


def procedures_instructed_by(user) -> QuerySet:
    if not user.is_authenticated:
        return Procedure.objects.none()
    return Procedure.objects.filter(
        pk__in=InstructorGroup.objects.filter(instructors__user=user).values("procedure_id")
    ).select_related("organisation")


def is_instructor_of(user, procedure) -> bool:
    return (
        user.is_authenticated
        and InstructorGroup.objects.filter(procedure=procedure, instructors__user=user).exists()
    )


def groups_of(user, procedure) -> QuerySet:
    return InstructorGroup.objects.filter(procedure=procedure, instructors__user=user)


@dataclass(frozen=True)
class DossierFilters:
    """The filters of the table, read from the query string (French parameter names)."""

    state: str = ""
    group: int | None = None
    text: str = ""
    late: bool = False
    sort: str = DEFAULT_SORT

    @classmethod
    def from_querydict(cls, query) -> "DossierFilters":
        state = query.get("etat", "")
        group = query.get("groupe", "")
        sort = query.get("tri", DEFAULT_SORT)
        return cls(
            state=state if state in DossierState.values and state != DossierState.DRAFT else "",
            group=int(group) if group.isdigit() else None,
            text=query.get("q", "").strip()[:200],
            late=query.get("retard") == "1",
            sort=sort if sort in SORTS else DEFAULT_SORT,
        )


def late_q(procedure, now=None) -> Q:
    """Dossiers that stayed longer than the procedure allows in their current state."""
    now = now or timezone.now()
    late = Q(pk__in=[])
    for state, days in (procedure.state_deadlines or {}).items():
        if state in DEADLINE_STATES and isinstance(days, int) and days > 0:
            late |= Q(state=state, state_changed_at__lt=now - datetime.timedelta(days=days))
    return late


def instruction_table(user, procedure, filters: DossierFilters) -> QuerySet:
    """The dossiers of `procedure` that `user` instructs, filtered and sorted."""
    dossiers = Dossier.objects.instructed_by(user).filter(procedure=procedure)
    if filters.state:
        dossiers = dossiers.filter(state=filters.state)
    if filters.group:
        dossiers = dossiers.filter(group_id=filters.group)
    if filters.text:
        text = re.sub(r"^n°\s*", "", filters.text, flags=re.IGNORECASE)
        if text.isdigit():  # a dossier number
            match = Q(pk=int(text))
        else:
            match = (
                Q(applicant__email__icontains=text)
                | Q(applicant__last_name__icontains=text)
                | Q(applicant__first_name__icontains=text)
            )
        dossiers = dossiers.filter(match)
    if filters.late:
        dossiers = dossiers.filter(late_q(procedure))
    return dossiers.select_related("applicant", "group").order_by(*SORTS[filters.sort])


def state_counts(user, procedure) -> dict[str, int]:
    """How many dossiers `user` instructs in each state (for the filter's labels)."""
    from django.db.models import Count

    rows = (
        Dossier.objects.instructed_by(user)
        .filter(procedure=procedure)
        .values("state")
        .annotate(n=Count("pk"))
    )
    return {row["state"]: row["n"] for row in rows}


def deadline_of(dossier, procedure) -> datetime.datetime | None:
    """When `dossier` becomes late in its current state (None: no deadline)."""
    days = (procedure.state_deadlines or {}).get(dossier.state)
    if not isinstance(days, int) or days <= 0 or dossier.state_changed_at is None:
        return None
    return dossier.state_changed_at + datetime.timedelta(days=days)


def is_late(dossier, procedure, now=None) -> bool:
    deadline = deadline_of(dossier, procedure)
    return deadline is not None and deadline < (now or timezone.now())


def processing_days(procedure, user) -> dict:
    """Median and 90th percentile of days from submission to decision, for the dashboard."""
    durations = sorted(
        (d.decided_at - d.submitted_at).total_seconds() / 86400
        for d in Dossier.objects.instructed_by(user)
        .filter(procedure=procedure, state__in=DECIDED_STATES)
        .exclude(submitted_at=None)
        .exclude(decided_at=None)
        .only("submitted_at", "decided_at")
    )
    if not durations:
        return {"count": 0, "median": None, "p90": None}

    def percentile(p):
        return round(durations[min(len(durations) - 1, int(p * len(durations)))], 1)

    return {"count": len(durations), "median": percentile(0.5), "p90": percentile(0.9)}


def _days(delta) -> float:
    return round(delta.total_seconds() / 86400, 1)


def deadline_dashboard(procedure, user, now=None) -> list[dict]:
    """For each state with a deadline: how many dossiers `user` instructs are in it, how many
    are late, and how long the oldest has waited (days)."""
    from django.db.models import Count, Min

    now = now or timezone.now()
    rows = []
    for state in DEADLINE_STATES:
        days = (procedure.state_deadlines or {}).get(state)
        mine = Dossier.objects.instructed_by(user).filter(procedure=procedure, state=state)
        totals = mine.aggregate(n=Count("pk"), oldest=Min("state_changed_at"))
        late = (
            mine.filter(state_changed_at__lt=now - datetime.timedelta(days=days)).count()
            if isinstance(days, int) and days > 0
            else 0
        )
        rows.append(
            {
                "state": state,
                "label": DossierState(state).label,
                "deadline_days": days if isinstance(days, int) and days > 0 else None,
                "count": totals["n"],
                "late": late,
                "oldest_days": _days(now - totals["oldest"]) if totals["oldest"] else None,
            }
        )
    return rows
