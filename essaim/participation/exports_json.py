"""Open data as JSON: one streamed document with the campaign, its figures, its public
proposals (support counts, answers) and its visible comments, pseudonymised like the CSV.

The document is written piece by piece (proposals and comments read by chunks), so its size
does not bound the memory used.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.views.decorators.http import require_GET

from essaim.participation.exports import (
    CHUNK_SIZE,
    exported_comments,
    exported_proposals,
    proposal_author,
    pseudonym,
)
from essaim.participation.figures import shown_figures
from essaim.participation.views import get_campaign


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def proposal_record(p, campaign) -> dict:
    answer = getattr(p, "answer", None)
    return {
        "id": p.pk,
        "title": p.title,
        "body": p.body,
        "theme": p.theme.name if p.theme else None,
        "commune": p.commune.code if p.commune else None,
        "state": p.state,
        "supports": p.support_count,
        "comments": p.comment_count,
        "author": proposal_author(p),
        "published_at": p.published_at,
        "merged_into": p.merged_into_id,
        "answer": {"kind": answer.kind, "label": answer.get_kind_display(), "text": answer.text}
        if answer
        else None,
    }


def _array(items) -> object:
    first = True
    for item in items:
        yield ("" if first else ",\n") + _dumps(item)
        first = False


def document(campaign):
    """The JSON document, in pieces."""
    figures = dict(shown_figures(campaign))
    for rows in ("by_phase", "by_theme", "by_territory", "by_day"):
        figures[rows] = [{k: v for k, v in row.items() if k != "key"} for row in figures[rows]]
    header = {
        "campaign": {
            "slug": campaign.slug,
            "title": campaign.title,
            "question": campaign.question,
            "url": campaign.get_absolute_url(),
        },
        "figures": figures,
    }
    yield _dumps(header)[:-1] + ',\n"proposals": [\n'
    yield from _array(
        proposal_record(p, campaign)
        for p in exported_proposals(campaign).iterator(chunk_size=CHUNK_SIZE)
    )
    yield '\n],\n"comments": [\n'
    yield from _array(
        {
            "id": pk,
            "proposal": proposal_id,
            "parent": parent_id,
            "author": pseudonym(campaign.pk, author_id),
            "body": body,
            "created_at": created_at,
        }
        for pk, proposal_id, parent_id, author_id, body, created_at in exported_comments(
            campaign
        ).iterator(chunk_size=CHUNK_SIZE)
    )
    yield "\n]}\n"


@require_GET
def campaign_json(request, slug):
    campaign = get_campaign(slug)
    response = StreamingHttpResponse(
        document(campaign), content_type="application/json; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{campaign.slug}.json"'
    return response
