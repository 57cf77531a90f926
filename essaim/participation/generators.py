"""Bulk generators of the consultations (`essaim generate proposals|supports|comments`).

For benchmarks (issue 5: 100,000 proposals, 2,000,000 supports, one proposal with 20,000
comments): everything goes into one « Consultation de charge » campaign on the four themes of the
Nord Simplificathon, with texts recombined from the demonstration's titles and findings (so the
similarity suggestion meets realistic near-duplicates). Rows are written with COPY on
PostgreSQL (`catalogue.generate._insert`; bulk_create elsewhere), in batches, with explicit
primary keys so the similarity index and the threads are built without reading rows back;
counters are recomputed in SQL at the end (the figures snapshot is left to
`essaim refresh_consultation_figures`, once the tables are analysed). Deterministic for a
given `--seed`.
"""

import datetime

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import connection
from django.db.models import Count, Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from essaim.accounts.models import Organisation, OrganisationKind, User
from essaim.catalogue.generate import _insert as insert_rows  # COPY on PostgreSQL
from essaim.core.generators import register
from essaim.core.text import fold
from essaim.participation.demo_seeds import NORD_QUESTION, NORD_THEMES
from essaim.participation.enums import PhaseKind, ProposalState
from essaim.participation.models import (
    Campaign,
    CampaignTerm,
    CampaignTheme,
    Comment,
    Phase,
    Proposal,
    ProposalTerm,
    Support,
)
from essaim.participation.similarity_index import index_rows

LOAD_SLUG = "consultation-de-charge"
BATCH = 10_000
COPY_BATCH = 100_000
SUPPORTS_PER_PERSON = 40  # the pool of supporters: one person per 40 supports
PARTICIPANT_DOMAIN = "charge.essaim.example"
PUBLICS = [
    "les agents",
    "les usagers",
    "les familles",
    "les équipes de terrain",
    "les assistants familiaux",
    "les chefs de service",
    "les nouveaux arrivants",
    "les personnes âgées",
]
GAINS = [
    "ferait gagner des heures chaque semaine à {public}",
    "éviterait des allers-retours inutiles pour {public}",
    "rendrait le service plus lisible pour {public}",
    "réduirait les délais de traitement pour {public}",
    "simplifierait le quotidien de {public}",
]
OPENINGS = ["Aujourd’hui, ", "Constat : ", "Sur le terrain, ", "Dans mon service, ", ""]
COMMENTS = [
    "Tout à fait d’accord, c’est ce que nous vivons chaque semaine.",
    "Bonne idée, mais qui s’occuperait de la mise en place ?",
    "Nous l’avons testé dans notre service : cela marche bien.",
    "Attention aux agents moins à l’aise avec le numérique.",
    "Il faudrait d’abord mesurer le temps perdu aujourd’hui.",
    "Je soutiens, à condition de former les équipes.",
    "Cela existe déjà dans un autre département, on pourrait s’en inspirer.",
    "Pourquoi ne pas commencer par une expérimentation sur un site ?",
]


def _campaign() -> Campaign:
    """The load campaign, created with its themes and open phases on first use."""
    campaign = Campaign.objects.filter(slug=LOAD_SLUG).first()
    if campaign:
        return campaign
    organisation = Organisation.objects.order_by("pk").first() or Organisation.objects.create(
        name="Département de démonstration", kind=OrganisationKind.LOCAL_AUTHORITY
    )
    campaign = Campaign.objects.create(
        slug=LOAD_SLUG,
        title="Consultation de charge (données générées)",
        question=NORD_QUESTION,
        context="Données générées pour mesurer les performances : rien de tout cela n’est réel.",
    )
    campaign.organisations.set([organisation])
    for position, (slug, name, _findings, _titles) in enumerate(NORD_THEMES):
        CampaignTheme.objects.create(campaign=campaign, slug=slug, name=name, position=position)
    now = timezone.now()
    for kind in (PhaseKind.SUBMISSION, PhaseKind.SUPPORT):
        Phase.objects.create(
            campaign=campaign,
            kind=kind,
            starts_at=now - datetime.timedelta(days=60),
            ends_at=now + datetime.timedelta(days=60),
        )
    return campaign


def _participants(count: int) -> list[int]:
    """Primary keys of `count` generated participants, created in bulk when missing."""
    existing = list(
        User.objects.filter(email__endswith="@" + PARTICIPANT_DOMAIN)
        .order_by("pk")
        .values_list("pk", flat=True)[:count]
    )
    missing = count - len(existing)
    if missing > 0:
        password, now = make_password(None), timezone.now()
        start = len(existing)
        insert_rows(
            User,
            [
                {
                    "email": f"participant{n}@{PARTICIPANT_DOMAIN}",
                    "first_name": "Participant",
                    "last_name": str(n),
                    "password": password,
                    "email_confirmed_at": now,
                }
                for n in range(start + 1, start + missing + 1)
            ],
            now=now,
        )
        existing = list(
            User.objects.filter(email__endswith="@" + PARTICIPANT_DOMAIN)
            .order_by("pk")
            .values_list("pk", flat=True)[:count]
        )
    return existing


def _next_pk(model) -> int:
    return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1


def _reset_sequence(model) -> None:
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), [model]):
            cursor.execute(statement)


def _proposal_text(rng, themes) -> tuple[int, str, str]:
    theme_id, findings, titles = rng.choice(themes)
    title = rng.choice(titles)
    if rng.random() < 0.3:
        title = f"{title} pour {rng.choice(PUBLICS)}"
    public = rng.choice(PUBLICS)
    body = (
        f"{rng.choice(OPENINGS)}{rng.choice(findings)}. {title[0].lower()}{title[1:]} "
        f"{rng.choice(GAINS).format(public=public)}. Et surtout, {rng.choice(findings)}."
    )
    return theme_id, title[:150], body[:5000]


def _refresh_frequencies(campaign: Campaign) -> None:
    """Recompute the campaign's document frequencies from its postings, in SQL."""
    CampaignTerm.objects.filter(campaign=campaign).delete()
    term_table = ProposalTerm._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CampaignTerm._meta.db_table} (campaign_id, term, documents) "
            f"SELECT campaign_id, term, COUNT(*) FROM {term_table} WHERE campaign_id = %s "
            "GROUP BY campaign_id, term",
            [campaign.pk],
        )


@register("proposals", help="propositions de la « Consultation de charge » (textes recomposés)")
def generate_proposals(*, count: int, rng) -> int:
    """Create `count` proposals in the load campaign, indexed for the similarity suggestion.

    Authors: one generated participant per 5 proposals. States: mostly published, some under
    review, retained, not retained, withdrawn; 1 in 200 hidden by moderation.
    Side effects: saves the campaign (first time), participants, Proposal and ProposalTerm
    rows, recomputes the campaign's CampaignTerm frequencies.
    """
    campaign = _campaign()
    themes = [
        (campaign.themes.get(slug=slug).pk, findings, titles)
        for slug, _name, findings, titles in NORD_THEMES
    ]
    authors = _participants(max(count // 5, 1))
    states = [ProposalState.PUBLISHED] * 90 + [ProposalState.REVIEW] * 6
    states += [ProposalState.SELECTED, ProposalState.REJECTED] * 1 + [ProposalState.WITHDRAWN] * 2
    now = timezone.now()
    pk = _next_pk(Proposal)
    created = 0
    while created < count:
        rows = []
        for _ in range(min(BATCH, count - created)):
            theme_id, title, body = _proposal_text(rng, themes)
            published = now - datetime.timedelta(minutes=rng.randint(0, 60 * 24 * 59))
            rows.append(
                {
                    "id": pk,
                    "campaign_id": campaign.pk,
                    "author_id": rng.choice(authors),
                    "title": title,
                    "body": body,
                    "theme_id": theme_id,
                    "state": rng.choice(states),
                    "search_text": fold(f"{title} {body}"),
                    "hidden_at": now if rng.random() < 0.005 else None,
                    "hidden_reason": "",
                    "published_at": published,
                    "created_at": published,
                    "updated_at": published,
                }
            )
            pk += 1
        insert_rows(Proposal, rows, now=now)
        postings, _frequency = index_rows(
            (row["id"], row["campaign_id"], row["title"], row["body"]) for row in rows
        )
        insert_rows(ProposalTerm, postings, now=now)
        created += len(rows)
    _reset_sequence(Proposal)
    _refresh_frequencies(campaign)
    return created


def _recount_supports(campaign: Campaign) -> None:
    Proposal.objects.filter(campaign=campaign).update(
        support_count=Coalesce(
            Subquery(
                Support.objects.filter(proposal_id=OuterRef("pk"))
                .values("proposal_id")
                .annotate(n=Count("pk"))
                .values("n")
            ),
            0,
        )
    )


@register("supports", help="soutiens sur les propositions de la « Consultation de charge »")
def generate_supports(*, count: int, rng) -> int:
    """Spread about `count` supports over the load campaign's active proposals that have none
    yet, with a long tail (a few proposals gather thousands, most a handful); each person
    supports a proposal at most once. Then recount every proposal's supports in SQL.

    Side effects: saves participants (one per SUPPORTS_PER_PERSON supports), Support rows,
    every proposal's `support_count`.
    """
    campaign = _campaign()
    proposals = list(
        Proposal.objects.active()
        .filter(campaign=campaign, support_count=0)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    if not proposals:
        return 0
    people = _participants(max(count // SUPPORTS_PER_PERSON, 100))
    order = proposals[:]
    rng.shuffle(order)
    weights = [1 / (rank + 20) ** 0.9 for rank in range(len(order))]
    scale = count / sum(weights)
    now = timezone.now()
    created, batch = 0, []
    for proposal_id, weight in zip(order, weights, strict=True):
        wanted = min(round(weight * scale), len(people), count - created - len(batch))
        for user_id in rng.sample(people, wanted):
            batch.append({"proposal_id": proposal_id, "user_id": user_id, "created_at": now})
        if len(batch) >= COPY_BATCH:
            insert_rows(Support, batch, now=now)
            created, batch = created + len(batch), []
    insert_rows(Support, batch, now=now)
    created += len(batch)
    _recount_supports(campaign)
    return created


@register("comments", help="fil de commentaires sur la proposition la plus soutenue (charge)")
def generate_comments(*, count: int, rng) -> int:
    """Add `count` comments to the load campaign's most supported active proposal: a third
    start a thread, the others answer an earlier comment of a thread; 1 in 100 is hidden.

    Side effects: saves Comment rows, the proposal's `comment_count`.
    """
    campaign = _campaign()
    busy = (
        Proposal.objects.active().filter(campaign=campaign).order_by("-support_count", "pk").first()
    )
    if busy is None:
        return 0
    authors = _participants(max(min(count, 5000), 1))
    now = timezone.now()
    start = now - datetime.timedelta(days=30)
    pk = _next_pk(Comment)
    roots: list[int] = []
    threads: dict[int, list[int]] = {}
    rows = []
    for n in range(count):
        parent_id = root_id = None
        if roots and rng.random() > 1 / 3:
            root_id = rng.choice(roots)
            parent_id = rng.choice(threads[root_id])
        rows.append(
            {
                "id": pk,
                "proposal_id": busy.pk,
                "author_id": rng.choice(authors),
                "parent_id": parent_id,
                "root_id": root_id,
                "body": rng.choice(COMMENTS),
                "created_at": start + datetime.timedelta(seconds=n * 60),
                **(
                    {"hidden_at": now, "hidden_reason": "Hors sujet (données générées)."}
                    if rng.random() < 0.01
                    else {"hidden_at": None, "hidden_reason": ""}
                ),
            }
        )
        if root_id is None:
            roots.append(pk)
            threads[pk] = [pk]
        else:
            threads[root_id].append(pk)
        pk += 1
    for offset in range(0, len(rows), COPY_BATCH):
        insert_rows(Comment, rows[offset : offset + COPY_BATCH], now=now)
    _reset_sequence(Comment)
    visible = Comment.objects.visible().filter(proposal=busy).count()
    Proposal.objects.filter(pk=busy.pk).update(comment_count=visible)
    return len(rows)
