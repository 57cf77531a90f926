"""Read side of instruction: the procedures a person instructs, the table of their dossiers
(filters, sorting, lateness), a dossier's answers and annotations ready to show.

Every queryset starts from `Dossier.objects.instructed_by(user)`: an instructor sees only the
dossiers of their groups, never drafts.
"""

import datetime
import re
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.functional import cached_property

from essaim.procedures import instruction_figures
from essaim.procedures.enums import DossierState
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


def _group_ids(user, procedure) -> list[int]:
    if not user.is_authenticated:
        return []
    return list(groups_of(user, procedure).values_list("pk", flat=True))


def instruction_table(user, procedure, filters: DossierFilters, group_ids=None) -> QuerySet:
    """The dossiers of `procedure` that `user` instructs, filtered and sorted.

    `group_ids`: the user's groups of the procedure, when the caller has them. The groups are
    listed in the query (not a subquery) so that PostgreSQL walks the (group, state, date)
    index in order instead of sorting every dossier of the groups."""
    if group_ids is None:
        group_ids = _group_ids(user, procedure)
    dossiers = Dossier.objects.filter(procedure=procedure, group_id__in=group_ids).exclude(
        state=DossierState.DRAFT
    )
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


class _KnownCountPaginator(Paginator):
    def __init__(self, object_list, per_page, *, known_count=None):
        super().__init__(object_list, per_page)
        self.known_count = known_count

    @cached_property
    def count(self):
        return self.known_count if self.known_count is not None else super().count


def table_page(user, procedure, filters: DossierFilters, number, *, per_page, groups) -> Page:
    """One page of `instruction_table`: the count comes from the cached figures when only the
    state and group filter it, and the page's numbers are read from the index alone before
    their 50 rows are fetched (a deep page no longer reads every row it skips)."""
    group_ids = [g.pk for g in groups]
    dossiers = instruction_table(user, procedure, filters, group_ids=group_ids)
    known = None
    if not filters.text and not filters.late:
        counts = instruction_figures.state_counts(
            instruction_figures.figures(procedure, group_ids), group=filters.group
        )
        known = counts.get(filters.state, 0) if filters.state else sum(counts.values())
    numbers = dossiers.select_related(None).values_list("pk", flat=True)
    page = _KnownCountPaginator(numbers, per_page, known_count=known).get_page(number)
    wanted = list(page.object_list)
    rows = dossiers.order_by().in_bulk(wanted)
    page.object_list = [rows[pk] for pk in wanted if pk in rows]
    # The state's label once per state: get_state_display() hashes every choice at each call.
    labels = {value: str(label) for value, label in DossierState.choices}
    for dossier in page.object_list:
        dossier.state_label = labels.get(dossier.state, dossier.state)
    return page


def state_counts(user, procedure, groups=None) -> dict[str, int]:
    """How many dossiers `user` instructs in each state (for the filter's labels)."""
    group_ids = [g.pk for g in groups] if groups is not None else _group_ids(user, procedure)
    return instruction_figures.state_counts(instruction_figures.figures(procedure, group_ids))


def deadline_of(dossier, procedure) -> datetime.datetime | None:
    """When `dossier` becomes late in its current state (None: no deadline)."""
    days = (procedure.state_deadlines or {}).get(dossier.state)
    if not isinstance(days, int) or days <= 0 or dossier.state_changed_at is None:
        return None
    return dossier.state_changed_at + datetime.timedelta(days=days)


def is_late(dossier, procedure, now=None) -> bool:
    deadline = deadline_of(dossier, procedure)
    return deadline is not None and deadline < (now or timezone.now())


def late_numbers(dossiers, procedure, now=None) -> set[int]:
    """The numbers of `dossiers` that `late_q` would select (read in memory, no query)."""
    now = now or timezone.now()
    return {d.pk for d in dossiers if d.state in DEADLINE_STATES and is_late(d, procedure, now=now)}


def processing_days(procedure, user, groups=None) -> dict:
    """Median and 90th percentile of days from submission to decision, for the dashboard."""
    group_ids = [g.pk for g in groups] if groups is not None else _group_ids(user, procedure)
    return instruction_figures.figures(procedure, group_ids)["processing"]


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
