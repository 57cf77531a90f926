"""Read logic reused by pages, exports and the API: the proposal list and the phases.

The figures of a campaign are defined once in `figures.py`.
"""

from essaim.core.pagination import CappedPaginator  # noqa: F401  (its pages import it here)
from essaim.core.text import fold
from essaim.participation.enums import PUBLIC_STATES, PhaseKind, ProposalState
from essaim.participation.models import Proposal

SORTS = {
    "soutiens": ("-support_count", "-id"),
    "recentes": ("-published_at", "-id"),
    "commentees": ("-comment_count", "-id"),
}


def matching(queryset, text: str):
    """`queryset`'s proposals whose title or body holds every word of `text` (accents and
    case ignored; the first 8 words)."""
    for word in fold(text).split()[:8]:
        queryset = queryset.filter(search_text__contains=word)
    return queryset


def _filtered(queryset, campaign, theme: str, state: str):
    if theme:
        # The theme's id from the campaign's (prefetched) themes: no join, and the planner
        # combines the theme's index with the text's trigram index (PostgreSQL).
        theme_id = next((t.pk for t in campaign.themes.all() if t.slug == theme), None)
        queryset = queryset.filter(theme_id=theme_id) if theme_id else queryset.none()
    if state in PUBLIC_STATES:
        queryset = queryset.filter(state=state)
    return queryset


def proposal_list(campaign, *, theme="", state="", text="", sort="soutiens"):
    """Public proposals of `campaign`, filtered by theme slug, state and words, sorted."""
    queryset = _filtered(
        Proposal.objects.public().filter(campaign=campaign), campaign, theme, state
    )
    queryset = matching(queryset, text)
    # The campaign too: each proposal's link needs its slug (no query per row).
    return queryset.select_related("campaign", "theme", "author").order_by(
        *SORTS.get(sort, SORTS["soutiens"])
    )


def phases_timeline(campaign, *, at=None):
    """The campaign's phases in order, each with its status (upcoming, open, closed)."""
    order = {kind: i for i, kind in enumerate(PhaseKind.values)}
    phases = sorted(campaign.phases.all(), key=lambda p: (p.starts_at, order[p.kind]))
    for phase in phases:
        phase.current_status = phase.status(at)
    return phases


# The bulk answer page's « réponse » filter: proposals without an answer (the default), with
# one, or all.
ANSWER_FILTERS = ("sans", "avec", "toutes")


def answerable_list(campaign, *, theme="", state="", answered="sans", text=""):
    """Public proposals of `campaign` that can get a public answer (neither merged nor
    withdrawn), filtered for the moderators' bulk answer page, most supported first."""
    queryset = Proposal.objects.public().filter(campaign=campaign)
    queryset = queryset.exclude(state__in=[ProposalState.MERGED, ProposalState.WITHDRAWN])
    queryset = _filtered(queryset, campaign, theme, state)
    if answered != "toutes":
        queryset = queryset.filter(answer__isnull=answered != "avec")
    queryset = matching(queryset, text)
    return queryset.select_related("campaign", "theme", "answer").order_by(*SORTS["soutiens"])
