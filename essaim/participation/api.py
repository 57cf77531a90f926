"""Public, read-only API of the consultations: /api/v1/campaigns, /api/v1/proposals and the
visible comments of a proposal. Authors are pseudonymised (same pseudonym as the CSV export);
drafts, hidden proposals and hidden comments never appear.
"""

import datetime

from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from essaim.core.pagination import MAX_ID
from essaim.participation.enums import PUBLIC_STATES
from essaim.participation.exports import proposal_author, pseudonym
from essaim.participation.figures import shown_figures
from essaim.participation.models import Campaign, Comment, Proposal
from essaim.participation.queries import matching, proposal_list

prefix = ""
router = Router(tags=["Consultations"])
MAX_PAGE_SIZE = 100


class PhaseOut(Schema):
    kind: str
    label: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    status: str = Field(description="upcoming, open ou closed")


class ThemeOut(Schema):
    slug: str
    name: str


class FiguresOut(Schema):
    participants: int
    proposals: int
    supports: int
    comments: int


class BreakdownRow(Schema):
    label: str
    participants: int = Field(
        description="personnes distinctes de cette ligne (une personne peut compter dans "
        "plusieurs lignes)"
    )
    proposals: int
    supports: int
    comments: int


class FullFiguresOut(FiguresOut):
    by_phase: list[BreakdownRow]
    by_theme: list[BreakdownRow]
    by_territory: list[BreakdownRow] = Field(description="par département de la commune")
    by_day: list[BreakdownRow] = Field(description="label : date (AAAA-MM-JJ, heure de Paris)")
    computed_at: datetime.datetime = Field(description="chiffres arrêtés à cet instant")


class CampaignOut(Schema):
    slug: str
    url: str
    title: str
    question: str
    context: str
    audience: str
    organisations: list[str] = Field(description="slugs des organisations organisatrices")
    space: str | None
    themes: list[ThemeOut]
    phases: list[PhaseOut]
    figures: FiguresOut = Field(description="Les mêmes chiffres que la page publique")


class CampaignPage(Schema):
    items: list[CampaignOut]
    count: int


class AnswerOut(Schema):
    kind: str
    label: str
    text: str


class ProposalOut(Schema):
    id: int
    url: str
    campaign: str
    title: str
    body: str
    theme: str | None
    commune: str | None = Field(description="code INSEE")
    state: str
    state_label: str
    supports: int
    comments: int
    author: str = Field(
        description="pseudonyme stable dans la consultation ; propre à la proposition si elle "
        "est anonyme (il ne la relie à rien d’autre)"
    )
    published_at: datetime.datetime | None
    merged_into: int | None
    answer: AnswerOut | None


class ProposalPage(Schema):
    items: list[ProposalOut]
    count: int


class CommentOut(Schema):
    id: int
    parent: int | None
    author: str
    body: str
    created_at: datetime.datetime


class CommentPage(Schema):
    items: list[CommentOut]
    count: int
    next_after: int | None = Field(description="à passer en `after` pour la page suivante")


def _campaign_data(campaign, request):
    figures = shown_figures(campaign)
    return {
        "slug": campaign.slug,
        "url": request.build_absolute_uri(campaign.get_absolute_url()),
        "title": campaign.title,
        "question": campaign.question,
        "context": campaign.context,
        "audience": campaign.audience,
        "organisations": [o.slug for o in campaign.organisations.all()],
        "space": campaign.space.slug if campaign.space else None,
        "themes": [{"slug": t.slug, "name": t.name} for t in campaign.themes.all()],
        "phases": [
            {
                "kind": p.kind,
                "label": p.get_kind_display(),
                "starts_at": p.starts_at,
                "ends_at": p.ends_at,
                "status": p.status(),
            }
            for p in campaign.phases.all()
        ],
        "figures": {k: figures[k] for k in ("participants", "proposals", "supports", "comments")},
    }


def _proposal_data(p, request):
    answer = getattr(p, "answer", None)
    return {
        "id": p.pk,
        "url": request.build_absolute_uri(p.get_absolute_url()),
        "campaign": p.campaign.slug,
        "title": p.title,
        "body": p.body,
        "theme": p.theme.slug if p.theme else None,
        "commune": p.commune.code if p.commune else None,
        "state": p.state,
        "state_label": p.get_state_display(),
        "supports": p.support_count,
        "comments": p.comment_count,
        "author": proposal_author(p),
        "published_at": p.published_at,
        "merged_into": p.merged_into_id,
        "answer": (
            {"kind": answer.kind, "label": answer.get_kind_display(), "text": answer.text}
            if answer
            else None
        ),
    }


def _campaigns():
    return (
        Campaign.objects.published()
        .prefetch_related("organisations", "themes", "phases")
        .select_related("space")
    )


@router.get("/campaigns", response=CampaignPage, summary="Liste des consultations")
def list_campaigns(
    request,
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les consultations publiées, les plus récentes d’abord, avec leurs phases et chiffres."""
    queryset = _campaigns()
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size]) if start < count else []
    return {"items": [_campaign_data(c, request) for c in items], "count": count}


@router.get("/campaigns/{slug}", response=CampaignOut, summary="Une consultation")
def get_campaign(request, slug: str):
    return _campaign_data(get_object_or_404(_campaigns(), slug=slug[:120]), request)


@router.get(
    "/campaigns/{slug}/figures", response=FullFiguresOut, summary="Chiffres d’une consultation"
)
def get_campaign_figures(request, slug: str):
    """Les mêmes chiffres que la page publique et le tableau de bord, avec leurs répartitions
    par phase, thème, territoire et jour."""
    return shown_figures(get_object_or_404(Campaign.objects.published(), slug=slug[:120]))


class ProposalFilters(Schema):
    campaign: str = Field("", description="slug de la consultation", max_length=120)
    theme: str = Field("", description="slug du thème", max_length=80)
    state: str = Field("", description=f"Parmi : {', '.join(sorted(PUBLIC_STATES))}")
    text: str = Field(
        "",
        description="mots à trouver dans le titre ou la description (accents et casse "
        "ignorés ; chaque mot doit y figurer)",
        max_length=200,
    )
    # The first name of `text`, still read so that existing clients keep working.
    q: str = Field(
        "",
        description="ancien nom de `text`, gardé pour compatibilité ; `text` l’emporte",
        max_length=200,
        # In the schema only: pydantic's own `deprecated` would warn on every read.
        json_schema_extra={"deprecated": True},
    )
    sort: str = Field("soutiens", description="soutiens, recentes ou commentees")


@router.get("/proposals", response=ProposalPage, summary="Liste des propositions")
def list_proposals(
    request,
    filters: Query[ProposalFilters],
    page: int = Query(1, ge=1, le=1_000_000),
    page_size: int = Query(20, ge=1, le=MAX_PAGE_SIZE),
):
    """Les propositions publiques, filtrées par consultation (`campaign`), thème (`theme`),
    état (`state`) et texte (`text`), triées par `sort`."""
    text = filters.text or filters.q
    if filters.campaign:
        campaign = get_object_or_404(Campaign.objects.published(), slug=filters.campaign)
        queryset = proposal_list(
            campaign, theme=filters.theme, state=filters.state, text=text, sort=filters.sort
        )
    else:
        queryset = Proposal.objects.public().filter(campaign__is_published=True)
        if filters.state in PUBLIC_STATES:
            queryset = queryset.filter(state=filters.state)
        if filters.theme:  # a theme's slug, in whichever campaign has one
            queryset = queryset.filter(theme__slug=filters.theme)
        queryset = matching(queryset, text).order_by("-support_count", "-id")
    queryset = queryset.select_related("campaign", "theme", "commune", "answer")
    count = queryset.count()
    start = (page - 1) * page_size
    items = list(queryset[start : start + page_size]) if start < count else []
    return {"items": [_proposal_data(p, request) for p in items], "count": count}


@router.get("/proposals/{pk}", response=ProposalOut, summary="Une proposition")
def get_proposal(request, pk: int):
    proposal = get_object_or_404(
        Proposal.objects.public()
        .filter(campaign__is_published=True)
        .select_related("campaign", "theme", "commune", "answer"),
        pk=pk,
    )
    return _proposal_data(proposal, request)


@router.get(
    "/proposals/{pk}/comments", response=CommentPage, summary="Commentaires d’une proposition"
)
def list_comments(
    request,
    pk: int,
    after: int = Query(
        0, ge=0, le=MAX_ID, description="identifiant du dernier commentaire déjà lu"
    ),
    page_size: int = Query(50, ge=1, le=MAX_PAGE_SIZE),
):
    """Les commentaires visibles, dans l’ordre, par pages (pagination par curseur `after`).
    Une réponse à un commentaire masqué reste visible : son `parent` n’est alors pas listé."""
    proposal = get_object_or_404(
        Proposal.objects.public().filter(campaign__is_published=True), pk=pk
    )
    comments = list(
        Comment.objects.visible()
        .filter(proposal=proposal, id__gt=after)
        .order_by("id")[: page_size + 1]
    )
    more = len(comments) > page_size
    comments = comments[:page_size]
    return {
        "items": [
            {
                "id": c.pk,
                "parent": c.parent_id,
                "author": pseudonym(proposal.campaign_id, c.author_id),
                "body": c.body,
                "created_at": c.created_at,
            }
            for c in comments
        ],
        "count": proposal.comment_count,
        "next_after": comments[-1].pk if more and comments else None,
    }
