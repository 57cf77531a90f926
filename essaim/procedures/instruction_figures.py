"""Figures of the instructors' table that do not depend on the filters: how many dossiers each
of one's groups holds in each state, and the processing times (submission to decision).

Counting 200,000 dossiers and reading the decided ones at every view cost more than the rest
of the page; these figures change only when a dossier changes state (or is deleted), so they
are cached under a change counter of the procedure that `services.transition` and the
deletion of a dossier bump (every worker process sees the new value at once).
"""

import math

from django.core.cache import cache
from django.db import connection
from django.db.models import Count, DurationField, ExpressionWrapper, F

from essaim.core.models import ChangeCounter
from essaim.procedures.enums import DECIDED_STATES, DossierState
from essaim.procedures.models import Dossier

TIMEOUT = 24 * 3600


def counter_name(procedure_id) -> str:
    return f"procedures:dossiers:{procedure_id}"


def dossiers_changed(procedure_id) -> None:
    """Say that dossiers of the procedure changed state or went away (cached figures expire)."""
    ChangeCounter.bump(counter_name(procedure_id))


def figures(procedure, group_ids) -> dict:
    """{"counts": {(group_id, state): n}, "processing": {"count", "median", "p90"}} for the
    dossiers (never drafts) of `group_ids`, groups of `procedure`."""
    group_ids = sorted(group_ids)
    key = "procedures:figures:{}:{}:{}".format(
        procedure.pk, ChangeCounter.read(counter_name(procedure.pk)), "-".join(map(str, group_ids))
    )
    found = cache.get(key)
    if found is None:
        found = {"counts": _counts(group_ids), "processing": _processing(group_ids)}
        cache.set(key, found, TIMEOUT)
    return found


def _dossiers(group_ids):
    return Dossier.objects.filter(group_id__in=group_ids).exclude(state=DossierState.DRAFT)


def _counts(group_ids) -> dict:
    rows = _dossiers(group_ids).values("group_id", "state").annotate(n=Count("pk")).order_by()
    return {(row["group_id"], row["state"]): row["n"] for row in rows}


def _processing(group_ids) -> dict:
    """Median and 90th percentile of days from submission to decision (the discrete
    percentile: the first duration at or above that share of the dossiers)."""
    took = (
        _dossiers(group_ids)
        .filter(state__in=DECIDED_STATES, submitted_at__isnull=False, decided_at__isnull=False)
        .annotate(took=ExpressionWrapper(F("decided_at") - F("submitted_at"), DurationField()))
        .values_list("took", flat=True)
        .order_by()
    )
    if connection.vendor == "postgresql":  # computed where the rows are: no 70,000 rows sent
        inner, params = took.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT count(*), "
                "percentile_disc(0.5) WITHIN GROUP (ORDER BY days), "
                "percentile_disc(0.9) WITHIN GROUP (ORDER BY days) "
                f"FROM (SELECT EXTRACT(EPOCH FROM took) / 86400 AS days FROM ({inner}) AS d) AS t",
                params,
            )
            count, median, p90 = cursor.fetchone()
        if not count:
            return {"count": 0, "median": None, "p90": None}
        return {"count": count, "median": round(float(median), 1), "p90": round(float(p90), 1)}
    durations = sorted(delta.total_seconds() / 86400 for delta in took)
    if not durations:
        return {"count": 0, "median": None, "p90": None}

    def percentile(p):
        return round(durations[max(0, math.ceil(p * len(durations)) - 1)], 1)

    return {"count": len(durations), "median": percentile(0.5), "p90": percentile(0.9)}


def state_counts(found, group=None) -> dict[str, int]:
    """Dossiers per state in `found`'s groups (or in `group` alone)."""
    counts: dict[str, int] = {}
    for (group_id, state), n in found["counts"].items():
        if group is None or group_id == group:
            counts[state] = counts.get(state, 0) + n
    return counts
