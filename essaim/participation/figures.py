"""The figures of a campaign, defined once.

The public page, the organisers' dashboard, the exports (CSV/JSON) and the API all read
`shown_figures` (one shared snapshot of `campaign_figures`), so they always agree. Definitions:

- proposals: public proposals (not drafts, not hidden), merged ones included, dated by
  publication;
- supports: supports given by people to those proposals (a support carried over by a merge is
  not counted twice);
- comments: visible comments on those proposals;
- participants: distinct people who published, supported or commented (as counted above).

Each breakdown (by phase, theme, territory, day) counts the same rows: by theme and by
territory they add up to the totals (with « sans thème » / « sans lieu »); by phase counts
what happened while the phase was open; by day uses the local (Paris) date.
"""

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Q
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.core.models import Territory
from essaim.participation.models import Comment, Proposal, Support

METRICS = ("proposals", "supports", "comments")


def _bases(campaign):
    """The three querysets every figure counts, and the field that dates each row."""
    public = Proposal.objects.public().filter(campaign=campaign)
    supports = Support.objects.filter(proposal__in=public, carried_from__isnull=True)
    comments = Comment.objects.filter(proposal__in=public, hidden_at__isnull=True)
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


def _grouped(bases, path: str, *, extra=None) -> dict:
    """{key: {metric: count}} grouping each base by `path` (relative to the proposal)."""
    table: dict = {}
    for metric, (queryset, prefix, date_field) in bases.items():
        field = (prefix + path) if path else None
        if extra == "day":
            rows = (
                queryset.annotate(key=TruncDate(date_field, tzinfo=timezone.get_current_timezone()))
                .values("key")
                .annotate(n=Count("pk"))
            )
        else:
            rows = queryset.annotate(key=F(field)).values("key").annotate(n=Count("pk"))
        for row in rows.order_by():
            table.setdefault(row["key"], dict.fromkeys(METRICS, 0))[metric] = row["n"]
    return table


def _rows(table: dict, labels: dict, *, missing: str) -> list[dict]:
    rows = [
        {"label": labels.get(key, missing) if key is not None else missing, "key": key, **counts}
        for key, counts in table.items()
    ]
    return sorted(rows, key=lambda r: (r["key"] is None, -r["proposals"], r["label"]))


def _by_phase(campaign, bases) -> list[dict]:
    phases = sorted(campaign.phases.all(), key=lambda p: (p.starts_at, p.pk))
    if not phases:
        return []
    rows = [
        {"label": p.get_kind_display(), "key": p.kind, **dict.fromkeys(METRICS)} for p in phases
    ]
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
    return {
        "participants": _participants(bases),
        **totals,
        "by_phase": _by_phase(campaign, bases),
        "by_theme": _rows(_grouped(bases, "theme_id"), themes, missing=_("Sans thème")),
        "by_territory": _rows(by_territory, territory_names, missing=_("Sans lieu")),
        "by_day": [
            {"label": day.isoformat(), "key": day, **by_day[day]}
            for day in sorted(k for k in by_day if k is not None)
        ],
    }


def flat_rows(figures: dict):
    """The figures as (breakdown, label, proposals, supports, comments) rows, for exports."""
    yield ("total", _("Participants"), figures["participants"], "", "")
    yield ("total", _("Ensemble"), figures["proposals"], figures["supports"], figures["comments"])
    for breakdown in ("by_phase", "by_theme", "by_territory", "by_day"):
        for row in figures[breakdown]:
            yield (breakdown, row["label"], *(row[m] for m in METRICS))


def shown_figures(campaign) -> dict:
    """The figures every page, export and API answer shows: `campaign_figures`, computed at
    most once per `PARTICIPATION_FIGURES_SECONDS` (300 by default) and shared by all of them,
    so a campaign with millions of supports is counted once per period, not per visit. The
    snapshot carries `computed_at`."""
    seconds = getattr(settings, "PARTICIPATION_FIGURES_SECONDS", 300)
    stamp = int(campaign.created_at.timestamp() * 1_000_000)
    key = f"participation:figures:{campaign.pk}:{stamp}"

    def compute():
        return {**campaign_figures(campaign), "computed_at": timezone.now()}

    return cache.get_or_set(key, compute, seconds) if seconds else compute()
