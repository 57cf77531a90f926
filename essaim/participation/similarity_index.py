"""The similarity index of proposals: written when a proposal's text changes, read to suggest.

Writing (`index_proposal`, `index_rows` in bulk): a proposal's terms (`similar.document_terms`)
become `ProposalTerm` rows, plus the empty term that marks it indexed; the campaign's document
frequencies (`CampaignTerm`) move by ±1 for the terms that appear or disappear.

Reading (`find`): 1. the document frequencies of the typed terms (one indexed query); 2. the
candidates: proposals sharing the rarest typed terms, scored in SQL by the sum of their IDF,
reading at most `POSTINGS` index entries — frequent words say little and cost much; 3. the
candidates' full vectors and frequencies (two queries), re-ranked exactly by `similar.rank`.
"""

import math
from collections import Counter, defaultdict

from django.db import transaction
from django.db.models import Case, F, FloatField, Sum, Value, When

from essaim.core.text import fold
from essaim.participation.models import CampaignTerm, Proposal, ProposalTerm
from essaim.participation.similar import document_terms, rank

CANDIDATES = 120
POSTINGS = 12_000
INDEXED = ""  # the term every indexed proposal has: its frequency counts the proposals


def _adjust(campaign_id: int, terms, delta: int) -> None:
    terms = sorted(terms)  # one lock order for concurrent writers
    if not terms:
        return
    if delta > 0:
        CampaignTerm.objects.bulk_create(
            [CampaignTerm(campaign_id=campaign_id, term=t, documents=0) for t in terms],
            ignore_conflicts=True,
        )
    CampaignTerm.objects.filter(campaign_id=campaign_id, term__in=terms).update(
        documents=F("documents") + delta
    )


@transaction.atomic
def index_proposal(proposal: Proposal) -> None:
    """(Re)index `proposal`'s title and body. Side effects: replaces its ProposalTerm rows,
    updates the campaign's CampaignTerm frequencies."""
    new = document_terms(proposal.title, proposal.body)
    new[INDEXED] = 1
    old = dict(ProposalTerm.objects.filter(proposal=proposal).values_list("term", "count"))
    if old == dict(new):
        return
    ProposalTerm.objects.filter(proposal=proposal).delete()
    ProposalTerm.objects.bulk_create(
        [
            ProposalTerm(proposal=proposal, campaign_id=proposal.campaign_id, term=t, count=c)
            for t, c in new.items()
        ]
    )
    _adjust(proposal.campaign_id, set(old) - set(new), -1)
    _adjust(proposal.campaign_id, set(new) - set(old), +1)


def index_rows(rows) -> tuple[list[dict], Counter]:
    """For bulk loads: (ProposalTerm rows, frequencies) of new proposals given as
    (pk, campaign_id, title, body) tuples; the caller inserts both."""
    postings, frequency = [], Counter()
    for pk, campaign_id, title, body in rows:
        counts = document_terms(title, body)
        counts[INDEXED] = 1
        for t, c in counts.items():
            postings.append({"proposal_id": pk, "campaign_id": campaign_id, "term": t, "count": c})
            frequency[(campaign_id, t)] += 1
    return postings, frequency


def _frequencies(campaign, terms) -> dict[str, int]:
    return dict(
        CampaignTerm.objects.filter(campaign=campaign, term__in=list(terms)).values_list(
            "term", "documents"
        )
    )


def _candidates(campaign, query: Counter, frequency: dict, total: int, exclude_pk) -> list[int]:
    known = sorted((t for t in query if frequency.get(t, 0) > 0), key=lambda t: frequency[t])
    chosen, read = [], 0
    for t in known:
        if chosen and read + frequency[t] > POSTINGS:
            break
        chosen.append(t)
        read += frequency[t]
    if not chosen:
        return []
    weight = {t: (math.log((1 + total) / (1 + frequency[t])) + 1) ** 2 for t in chosen}
    relevance = Sum(
        Case(
            *[When(term=t, then=Value(w)) for t, w in weight.items()],
            default=Value(0.0),
            output_field=FloatField(),
        )
    )
    postings = ProposalTerm.objects.filter(campaign=campaign, term__in=chosen)
    if exclude_pk:
        postings = postings.exclude(proposal_id=exclude_pk)
    ranked = postings.values("proposal_id").annotate(relevance=relevance).order_by("-relevance")
    ids = [row["proposal_id"] for row in ranked[:CANDIDATES]]
    active = set(Proposal.objects.active().filter(pk__in=ids).values_list("pk", flat=True))
    return [pk for pk in ids if pk in active]


def find(campaign, query: Counter, *, exclude_pk=None, limit: int, threshold: float) -> list:
    """Up to `limit` active proposals of `campaign` closest to the terms `query`, best first,
    scoring at least `threshold`; each with a `similarity` attribute."""
    frequency = _frequencies(campaign, [*query, INDEXED])
    total = frequency.pop(INDEXED, 0)
    if not total:
        return []
    ids = _candidates(campaign, query, frequency, total, exclude_pk)
    if not ids:
        return []
    vectors: dict[int, Counter] = defaultdict(Counter)
    for pk, t, c in (
        ProposalTerm.objects.filter(proposal_id__in=ids)
        .exclude(term=INDEXED)
        .values_list("proposal_id", "term", "count")
    ):
        vectors[pk][t] = c
    every_term = set(query).union(*vectors.values())
    frequency.update(_frequencies(campaign, every_term - set(frequency)))
    documents = [vectors[pk] for pk in ids]
    scores = rank(query, documents, frequency=frequency, total=total)
    best = sorted(
        ((s, pk) for s, pk in zip(scores, ids, strict=True) if s >= threshold),
        key=lambda pair: (-pair[0], pair[1]),
    )[: limit * 4]
    found = Proposal.objects.only(
        "pk", "title", "body", "support_count", "campaign_id", "state"
    ).in_bulk([pk for _s, pk in best])
    # Several proposals with one title: show the most supported one, the one to support.
    by_title: dict[str, Proposal] = {}
    for value, pk in best:
        proposal = found[pk]
        proposal.similarity = value
        key = fold(proposal.title)
        kept = by_title.get(key)
        if kept is None or proposal.support_count > kept.support_count:
            by_title[key] = proposal
    return sorted(by_title.values(), key=lambda p: (-p.similarity, -p.support_count))[:limit]


@transaction.atomic
def rebuild(campaign_ids=None) -> int:
    """Index again every proposal (of `campaign_ids`, or all): after the analysis changes
    (`similar.terms`, the learned concepts). Returns the number of proposals indexed."""
    proposals = Proposal.objects.all()
    postings_of, frequencies_of = ProposalTerm.objects.all(), CampaignTerm.objects.all()
    if campaign_ids is not None:
        proposals = proposals.filter(campaign_id__in=campaign_ids)
        postings_of = postings_of.filter(campaign_id__in=campaign_ids)
        frequencies_of = frequencies_of.filter(campaign_id__in=campaign_ids)
    postings_of.delete()
    frequencies_of.delete()
    postings, frequency = index_rows(
        proposals.values_list("pk", "campaign_id", "title", "body").iterator()
    )
    ProposalTerm.objects.bulk_create([ProposalTerm(**row) for row in postings], batch_size=2000)
    CampaignTerm.objects.bulk_create(
        [CampaignTerm(campaign_id=c, term=t, documents=n) for (c, t), n in frequency.items()],
        batch_size=2000,
    )
    return sum(n for (_campaign, t), n in frequency.items() if t == INDEXED)
