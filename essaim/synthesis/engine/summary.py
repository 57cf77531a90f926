"""Figures of each theme: size, share, quotes, evolution over time, territory and question."""

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date, datetime

from essaim.synthesis.engine.model import Contribution, Synthesis
from essaim.synthesis.engine.text import clean

QUOTES = 5
_POSTCODE = re.compile(r"^\d{5}$")


def period_of(value: str, granularity: str) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return ""
    if granularity == "day":
        return parsed.isoformat()
    if granularity == "week":
        year, week, _ = parsed.isocalendar()
        return f"{year}-S{week:02d}"
    return parsed.strftime("%Y-%m")


def parse_date(value: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for pattern in ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def granularity_of(dates: Sequence[str]) -> str:
    """Day for a month or less, week up to six months, month beyond."""
    parsed = [d for d in (parse_date(v) for v in dates) if d]
    if not parsed:
        return "month"
    span = (max(parsed) - min(parsed)).days
    return "day" if span <= 31 else "week" if span <= 183 else "month"


def territory_of(value: str) -> str:
    """A postcode becomes its department (« 75010 » → « 75 », « 97411 » → « 974 »)."""
    value = (value or "").strip()
    if _POSTCODE.match(value):
        return value[:3] if value.startswith("97") else value[:2]
    return value


def refresh(synthesis: Synthesis, contributions: Sequence[Contribution],
            texts: Sequence[str] | None) -> None:  # fmt: skip
    """Recompute every theme's figures and quotes from the current placements."""
    if texts is None:
        texts = [clean(c.text) for c in contributions]
    granularity = granularity_of([c.date for c in contributions])
    total = max(len(contributions), 1)
    group_of = {cid: p.duplicate_group for cid, p in synthesis.placements.items()}
    members: dict[str, list[int]] = defaultdict(list)
    for position, contribution in enumerate(contributions):
        placement = synthesis.placements[contribution.id]
        if placement.theme_id:
            members[placement.theme_id].append(position)
    for theme in synthesis.themes:
        positions = members.get(theme.id, [])
        theme.size = len(positions)
        theme.share = round(theme.size / total, 4)
        theme.by_period = _sorted_counts(
            period_of(contributions[i].date, granularity) for i in positions
        )
        theme.by_territory = _sorted_counts(
            territory_of(contributions[i].territory) for i in positions
        )
        theme.by_question = _sorted_counts(contributions[i].question for i in positions)
        member_ids = {contributions[i].id for i in positions}
        theme.pinned = [cid for cid in theme.pinned if cid in member_ids]
        theme.quotes = _quotes(theme.pinned, positions, contributions, texts, synthesis, group_of)
    synthesis.themes.sort(key=lambda t: (-t.size, int(t.id[1:])))


def _sorted_counts(values) -> dict[str, int]:
    counts = Counter(v for v in values if v)
    return dict(sorted(counts.items()))


def _quotes(pinned: list[str], positions: list[int], contributions: Sequence[Contribution],
            texts: Sequence[str], synthesis: Synthesis, group_of: dict) -> list[str]:  # fmt: skip
    """Pinned quotes, then the most typical texts of readable length, one per duplicate group."""

    def typicality(i: int) -> tuple:
        length = len(texts[i])
        readable = 40 <= length <= 600
        return (not readable, -synthesis.placements[contributions[i].id].similarity, i)

    chosen = list(pinned)
    seen_groups = {group_of.get(cid) for cid in chosen} - {None}
    seen_texts = {texts[i].lower() for i in positions if contributions[i].id in chosen}
    for i in sorted(positions, key=typicality):
        if len(chosen) >= max(QUOTES, len(pinned)):
            break
        cid = contributions[i].id
        group = group_of.get(cid)
        if cid in chosen or (group and group in seen_groups) or texts[i].lower() in seen_texts:
            continue
        chosen.append(cid)
        seen_texts.add(texts[i].lower())
        if group:
            seen_groups.add(group)
    return chosen
