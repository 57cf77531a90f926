"""Open data: a campaign's proposals and comments as CSV (UTF-8 BOM, `;`), streamed,
pseudonymised; the figures as CSV. The JSON export (`exports_json`) lists the same rows.

Authors appear as a stable pseudonym (a keyed hash of the campaign and the person, not
reversible without the secret), hidden proposals and drafts never appear. An anonymous
proposal gets a pseudonym of its own (`proposal_author`), keyed by the proposal: it links to
nothing else, since the author's named proposals and comments print their name on the pages.
"""

import csv
import hashlib

from django.conf import settings
from django.http import HttpResponse, StreamingHttpResponse
from django.views.decorators.http import require_GET

from essaim.participation.figures import flat_rows, shown_figures
from essaim.participation.models import Comment, Proposal
from essaim.participation.views import get_campaign

CHUNK_SIZE = 2000
COLUMNS = [
    "identifiant",
    "titre",
    "description",
    "thème",
    "commune (code INSEE)",
    "état",
    "soutiens",
    "commentaires",
    "auteur (pseudonyme)",
    "publiée le",
    "fusionnée dans",
    "réponse",
    "motif de la réponse",
]


def pseudonym(campaign_id: int, user_id: int) -> str:
    """The same person's pseudonym throughout one campaign (named proposals and comments)."""
    raw = f"{settings.SECRET_KEY}:{campaign_id}:{user_id}".encode()
    return "participant-" + hashlib.sha256(raw).hexdigest()[:10]


def proposal_author(proposal) -> str:
    """The author of `proposal` as every export and the API show it: the campaign-wide
    `pseudonym`, or, for an anonymous proposal, a one-off pseudonym derived from the proposal
    (never equal to any other row's), so that open data cannot tie it to its author."""
    if proposal.anonymous:
        raw = f"{settings.SECRET_KEY}:anonymous-proposal:{proposal.pk}".encode()
        return "anonyme-" + hashlib.sha256(raw).hexdigest()[:10]
    return pseudonym(proposal.campaign_id, proposal.author_id)


class _Echo:
    def write(self, value):
        return value


def exported_proposals(campaign):
    """What every export lists: the public proposals, oldest first."""
    return (
        Proposal.objects.public()
        .filter(campaign=campaign)
        .select_related("theme", "commune", "answer")
        .order_by("pk")
    )


def exported_comments(campaign):
    """Visible comments (`Comment.objects.visible`) of the campaign's public proposals: hidden
    ones never appear; the replies to a hidden comment do, as on the page."""
    return (
        Comment.objects.visible()
        .filter(proposal__in=Proposal.objects.public().filter(campaign=campaign))
        .order_by("pk")
        .values_list("pk", "proposal_id", "parent_id", "author_id", "body", "created_at")
    )


def export_rows(campaign):
    for p in exported_proposals(campaign).iterator(chunk_size=CHUNK_SIZE):
        answer = getattr(p, "answer", None)
        yield [
            p.pk,
            p.title,
            p.body,
            p.theme.name if p.theme else "",
            p.commune.code if p.commune else "",
            p.get_state_display(),
            p.support_count,
            p.comment_count,
            proposal_author(p),
            p.published_at.isoformat() if p.published_at else "",
            p.merged_into_id or "",
            answer.get_kind_display() if answer else "",
            answer.text if answer else "",
        ]


@require_GET
def proposals_csv(request, slug):
    campaign = get_campaign(slug)
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")

    def lines():
        yield "\ufeff" + writer.writerow(COLUMNS)
        for row in export_rows(campaign):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="propositions-{campaign.slug}.csv"'
    return response


COMMENT_COLUMNS = ["identifiant", "proposition", "répond à", "auteur (pseudonyme)", "texte", "date"]


@require_GET
def comments_csv(request, slug):
    """Visible comments of the campaign's public proposals (hidden ones never appear)."""
    campaign = get_campaign(slug)
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    queryset = exported_comments(campaign)

    def lines():
        yield "\ufeff" + writer.writerow(COMMENT_COLUMNS)
        for pk, proposal_id, parent_id, author_id, body, created_at in queryset.iterator(
            chunk_size=CHUNK_SIZE
        ):
            yield writer.writerow(
                [
                    pk,
                    proposal_id,
                    parent_id or "",
                    pseudonym(campaign.pk, author_id),
                    body,
                    created_at.isoformat(),
                ]
            )

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="commentaires-{campaign.slug}.csv"'
    return response


@require_GET
def figures_csv(request, slug):
    """The campaign's figures (`figures.campaign_figures`), one row per breakdown line."""
    campaign = get_campaign(slug)
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    head = ["répartition", "libellé", "participants", "propositions", "soutiens", "commentaires"]
    rows = [head, *flat_rows(shown_figures(campaign))]
    text = "\ufeff" + "".join(writer.writerow(row) for row in rows)
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="chiffres-{campaign.slug}.csv"'
    return response
