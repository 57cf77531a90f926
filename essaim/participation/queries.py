"""Read logic reused by pages, exports and the API: the proposal list and the figures.

The figures of a campaign are defined here once (`campaign_figures`), and the public page, the
organisers' dashboard, the CSV export and the API all read them from this function.
"""

from django.db.models import Count, Q

from essaim.core.text import fold
from essaim.participation.enums import PUBLIC_STATES, PhaseKind
from essaim.participation.models import Comment, Proposal, Support

SORTS = {
    "soutiens": ("-support_count", "-id"),
    "recentes": ("-published_at", "-id"),
    "commentees": ("-comment_count", "-id"),
}


def proposal_list(campaign, *, theme="", state="", text="", sort="soutiens"):
    """Public proposals of `campaign`, filtered by theme slug, state and words, sorted."""
    queryset = Proposal.objects.public().filter(campaign=campaign)
    if theme:
        queryset = queryset.filter(theme__slug=theme)
    if state in PUBLIC_STATES:
        queryset = queryset.filter(state=state)
    for word in fold(text).split()[:8]:
        queryset = queryset.filter(search_text__contains=word)
    return queryset.select_related("theme", "author").order_by(*SORTS.get(sort, SORTS["soutiens"]))


def campaign_figures(campaign) -> dict:
    """Participants, proposals, supports and comments of `campaign`, overall and by theme.

    - proposals: public proposals (not drafts, not hidden), merged ones included;
    - supports: supports given by people (supports carried over by a merge are not counted
      twice);
    - comments: visible comments;
    - participants: distinct people who published, supported or commented.
    """
    public = Proposal.objects.public().filter(campaign=campaign)
    supports = Support.objects.filter(proposal__campaign=campaign, carried_from__isnull=True)
    comments = Comment.objects.filter(proposal__campaign=campaign, hidden_at__isnull=True)
    people = (
        set(public.values_list("author_id", flat=True))
        | set(supports.values_list("user_id", flat=True))
        | set(comments.values_list("author_id", flat=True))
    )
    by_theme = [
        {
            "theme": theme.name,
            "proposals": theme.n_proposals,
        }
        for theme in campaign.themes.annotate(
            n_proposals=Count(
                "proposals",
                filter=Q(proposals__state__in=PUBLIC_STATES, proposals__hidden_at__isnull=True),
            )
        )
    ]
    return {
        "participants": len(people),
        "proposals": public.count(),
        "supports": supports.count(),
        "comments": comments.count(),
        "by_theme": by_theme,
    }


def phases_timeline(campaign, *, at=None):
    """The campaign's phases in order, each with its status (upcoming, open, closed)."""
    order = {kind: i for i, kind in enumerate(PhaseKind.values)}
    phases = sorted(campaign.phases.all(), key=lambda p: (p.starts_at, order[p.kind]))
    for phase in phases:
        phase.current_status = phase.status(at)
    return phases
