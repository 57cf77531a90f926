"""The figures of a campaign, defined once.

The public page, the organisers' dashboard, the exports (CSV/JSON) and the API all read
`shown_figures` (one snapshot of `campaign_figures` stored in the database, refreshed in the
background), so they always agree. Definitions:

- proposals: public proposals (not drafts, not hidden), merged ones included, dated by
  publication;
- supports: supports given by people to those proposals (a support carried over by a merge is
  not counted twice);
- comments: visible comments on those proposals (`Comment.objects.visible`: the replies to a
  hidden comment count, as the page shows them);
- participants: distinct people who published, supported or commented (as counted above).

Each breakdown (by phase, theme, territory, day) counts the same rows: by theme and by
territory they add up to the totals (with « sans thème » / « sans lieu »); by phase counts
what happened while the phase was open; by day uses the local (Paris) date.
"""

import datetime
import json
from datetime import timedelta

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from essaim.core.models import Territory
from essaim.participation.models import Campaign, Comment, FiguresSnapshot, Proposal, Support

METRICS = ("proposals", "supports", "comments")
COLUMNS = ("participants", *METRICS)  # the columns of every breakdown row
# Bumped when the figures' shape changes: a snapshot of another version is recomputed.
VERSION = 2
PERSON = {"proposals": "author_id", "supports": "user_id", "comments": "author_id"}


def _bases(campaign):
    """The three querysets every figure counts, and the field that dates each row."""
    public = Proposal.objects.public().filter(campaign=campaign)
    supports = Support.objects.filter(proposal__in=public, carried_from__isnull=True)
    comments = Comment.objects.visible().filter(proposal__in=public)
    return {
        "proposals": (public, "", "published_at"),
        "supports": (supports, "proposal__", "created_at"),
        "comments": (comments, "proposal__", "created_at"),
    }


def _participants(bases) -> int:
    people = (
        bases["proposals"][0]
        .order_by()
        .values("author_id")
        .union(
            bases["supports"][0].order_by().values("user_id"),
            bases["comments"][0].order_by().values("author_id"),
        )
    )
    return people.count()


def _day(date_field: str):
    return TruncDate(date_field, tzinfo=timezone.get_current_timezone())


def _people_by(bases, path: str = "", *, day=False) -> dict:
    """{key: distinct participants}, grouping each base by `path` (relative to the proposal)
    or by local day: one query, the union of (key, person) pairs counted by key."""
    parts = [
        queryset.order_by()
        .annotate(fig_key=_day(date_field) if day else F(prefix + path), fig_person=F(PERSON[m]))
        .values("fig_key", "fig_person")
        for m, (queryset, prefix, date_field) in bases.items()
    ]
    union = parts[0].union(*parts[1:])
    connection = connections[union.db]
    sql, params = union.query.get_compiler(connection=connection).as_sql()
    key = connection.ops.quote_name("fig_key")
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {key}, COUNT(*) FROM ({sql}) people GROUP BY {key}", params)
        rows = cursor.fetchall()
    if day:  # SQLite gives the day as text
        rows = [
            (k if isinstance(k, datetime.date) else datetime.date.fromisoformat(k), n)
            for k, n in rows
        ]
    return dict(rows)


def _grouped(bases, path: str, *, extra=None) -> dict:
    """{key: {metric: count}} grouping each base by `path` (relative to the proposal)."""
    table: dict = {}
    for metric, (queryset, prefix, date_field) in bases.items():
        field = (prefix + path) if path else None
        if extra == "day":
            rows = queryset.annotate(key=_day(date_field)).values("key").annotate(n=Count("pk"))
        else:
            rows = queryset.annotate(key=F(field)).values("key").annotate(n=Count("pk"))
        for row in rows.order_by():
            table.setdefault(row["key"], dict.fromkeys(METRICS, 0))[metric] = row["n"]
    return table


def _rows(table: dict, people: dict, labels: dict, *, missing: str) -> list[dict]:
    rows = [
        {
            "label": labels.get(key, missing) if key is not None else missing,
            "key": key,
            "participants": people.get(key, 0),
            **counts,
        }
        for key, counts in table.items()
    ]
    return sorted(rows, key=lambda r: (r["key"] is None, -r["proposals"], r["label"]))


def _by_phase(campaign, bases) -> list[dict]:
    phases = sorted(campaign.phases.all(), key=lambda p: (p.starts_at, p.pk))
    if not phases:
        return []
    rows = [
        {"label": p.get_kind_display(), "key": p.kind, **dict.fromkeys(COLUMNS)} for p in phases
    ]
    for row, phase in zip(rows, phases, strict=True):
        row["participants"] = _participants(
            {
                metric: (
                    queryset.filter(
                        **{
                            f"{date_field}__gte": phase.starts_at,
                            f"{date_field}__lt": phase.ends_at,
                        }
                    ),
                    prefix,
                    date_field,
                )
                for metric, (queryset, prefix, date_field) in bases.items()
            }
        )
    for metric, (queryset, _prefix, date_field) in bases.items():
        counts = queryset.aggregate(
            **{
                f"p{i}": Count(
                    "pk",
                    filter=Q(**{f"{date_field}__gte": p.starts_at, f"{date_field}__lt": p.ends_at}),
                )
                for i, p in enumerate(phases)
            }
        )
        for i, row in enumerate(rows):
            row[metric] = counts[f"p{i}"]
    return rows


def campaign_figures(campaign) -> dict:
    """Totals and breakdowns of `campaign` (see the module's definitions)."""
    bases = _bases(campaign)
    totals = {metric: queryset.count() for metric, (queryset, _p, _d) in bases.items()}
    themes = {t.pk: t.name for t in campaign.themes.all()}
    by_territory = _grouped(bases, "commune__parent_id")
    territory_names = dict(
        Territory.objects.filter(pk__in=[k for k in by_territory if k]).values_list("pk", "name")
    )
    by_day = _grouped(bases, "", extra="day")
    day_people = _people_by(bases, day=True)
    return {
        "participants": _participants(bases),
        **totals,
        "by_phase": _by_phase(campaign, bases),
        "by_theme": _rows(
            _grouped(bases, "theme_id"),
            _people_by(bases, "theme_id"),
            themes,
            missing=_("Sans thème"),
        ),
        "by_territory": _rows(
            by_territory,
            _people_by(bases, "commune__parent_id"),
            territory_names,
            missing=_("Sans lieu"),
        ),
        "by_day": [
            {
                "label": day.isoformat(),
                "key": day,
                "participants": day_people.get(day, 0),
                **by_day[day],
            }
            for day in sorted(k for k in by_day if k is not None)
        ],
    }


def flat_rows(figures: dict):
    """The figures as (breakdown, label, participants, proposals, supports, comments) rows,
    for exports."""
    yield ("total", _("Ensemble"), *(figures[m] for m in COLUMNS))
    for breakdown in ("by_phase", "by_theme", "by_territory", "by_day"):
        for row in figures[breakdown]:
            yield (breakdown, row["label"], *(row[m] for m in COLUMNS))


def _stored(figures: dict) -> dict:
    """`figures` as the snapshot stores and gives them back (dates as ISO strings)."""
    return json.loads(json.dumps(figures, cls=DjangoJSONEncoder))


def refresh(campaign) -> dict:
    """Compute `campaign`'s figures and store them as its snapshot; returns them as shown.
    Side effects: creates or replaces the campaign's FiguresSnapshot."""
    computed_at = timezone.now()
    data = _stored(campaign_figures(campaign))
    FiguresSnapshot.objects.update_or_create(
        campaign=campaign,
        defaults={"data": {**data, "version": VERSION}, "computed_at": computed_at},
    )
    return {**data, "computed_at": computed_at}


@task()
def refresh_figures_task(*, campaign_id: int) -> None:
    """Recompute a campaign's snapshot (queued by `request_refresh`)."""
    # Cleared before computing: a change made while we count queues the next refresh.
    FiguresSnapshot.objects.filter(campaign_id=campaign_id).update(requested_at=None)
    campaign = Campaign.objects.filter(pk=campaign_id).first()
    if campaign is not None:
        refresh(campaign)


def _period() -> int:
    return getattr(settings, "PARTICIPATION_FIGURES_SECONDS", 300)


def request_refresh(campaign) -> bool:
    """Queue a recomputation of `campaign`'s snapshot unless one is already waiting (a request
    older than the period counts as lost: the worker may have been stopped). Called when a
    snapshot is found stale and by moderation, whose effect (a hidden comment, a merge) must
    not wait for the period. Returns whether a task was queued."""
    now = timezone.now()
    waiting = Q(requested_at__isnull=False, requested_at__gte=now - timedelta(seconds=_period()))
    if (
        not FiguresSnapshot.objects.filter(campaign=campaign)
        .exclude(waiting)
        .update(requested_at=now)
    ):
        return False
    refresh_figures_task.enqueue(campaign_id=campaign.pk)
    return True


def shown_figures(campaign) -> dict:
    """The figures every page, export and API answer shows: the campaign's snapshot, shared by
    all workers through the database, so they always agree and a visit never counts millions
    of supports. A snapshot older than `PARTICIPATION_FIGURES_SECONDS` (300 by default) is
    still shown while a background task (`essaim worker`) recomputes it; only a campaign that
    never had one, or whose snapshot predates `VERSION`, is computed during the visit (once;
    after a bulk load, `essaim refresh_consultation_figures` creates it beforehand). 0
    disables the snapshot (always computed). The figures carry `computed_at`."""
    seconds = _period()
    if not seconds:
        return {**_stored(campaign_figures(campaign)), "computed_at": timezone.now()}
    snapshot = FiguresSnapshot.objects.filter(campaign=campaign).first()
    if snapshot is None or snapshot.data.get("version") != VERSION:
        return refresh(campaign)  # none yet, or one stored before the figures changed shape
    if snapshot.computed_at <= timezone.now() - timedelta(seconds=seconds):
        request_refresh(campaign)
    data = {k: v for k, v in snapshot.data.items() if k != "version"}
    return {**data, "computed_at": snapshot.computed_at}
