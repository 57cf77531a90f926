"""Demonstration consultations: the Nord Simplificathon, the DINUM call for ideas and the
« Citoyens en communs » space with two partner campaigns, one open for proposals, the other in
its « sélection » phase so that the demo juror can score right away.

Idempotent: everything is keyed (campaign slug, proposal title, subject title, workshop
title…), a second run creates nothing. Rows of this app are written directly (no e-mails),
except the follow-up of the Nord subjects, which goes through the product's services as an
organiser would: workshops published as Agenda events with registration, their minutes, the
link to a Catalogue initiative (the catalogue demo's, or a fictional one created and published
through the catalogue's services, marked « démonstration »). Organisations are only read; the
few fictional participants are created here like the accounts demo creates its people.
"""

import random
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Count
from django.utils import timezone

from essaim.accounts.models import Organisation, User
from essaim.agenda import services as agenda_services
from essaim.agenda.enums import Mode
from essaim.catalogue import services as catalogue_services
from essaim.catalogue.enums import GovernmentLevel, InnovationFacet
from essaim.catalogue.models import Initiative
from essaim.core.demo_data import DEMO_PASSWORD
from essaim.core.models import Territory
from essaim.participation import demo_seeds as seeds
from essaim.participation import followup_services, selection_services
from essaim.participation.enums import AnswerKind, Audience, PhaseKind, ProposalState
from essaim.participation.models import (
    Answer,
    Campaign,
    CampaignTheme,
    Criterion,
    JuryMember,
    Merge,
    Phase,
    Proposal,
    Score,
    Space,
    Subject,
    Support,
    Workshop,
)

PARIS = ZoneInfo("Europe/Paris")
NORD_SLUG = "simplificathon-nord-faisons-simple"
DINUM_SLUG = "donnees-publiques-appel-a-idees"
SPACE_JURY_SLUG = "developpement-durable-quartiers"  # in its « sélection » phase
WORKSHOP_CAPACITY = 15  # as the Agenda's AMASES workshops
AGENT_DOMAIN = "lenord.essaim.example"
MODERATOR = "marc.dubois@essaim.example"
JUROR = f"claire.vasseur@{AGENT_DOMAIN}"
SPACE_ORGANISER = "ines.lefebvre@essaim.example"  # SIILAB, organises the campaign in selection
SPACE_AGENT_DOMAIN = "dreal-hdf.essaim.example"
AGENTS = [
    ("claire.vasseur", "Claire", "Vasseur"),
    ("karim.benali", "Karim", "Benali"),
    ("sandrine.lemaire", "Sandrine", "Lemaire"),
    ("thomas.delattre", "Thomas", "Delattre"),
    ("nadia.haddad", "Nadia", "Haddad"),
    ("julien.carpentier", "Julien", "Carpentier"),
    ("emilie.deschamps", "Émilie", "Deschamps"),
    ("olivier.dumont", "Olivier", "Dumont"),
    ("fatima.ziani", "Fatima", "Ziani"),
    ("pierre.leroy", "Pierre", "Leroy"),
    ("laure.fontaine", "Laure", "Fontaine"),
    ("mehdi.saidi", "Mehdi", "Saïdi"),
]
CITIZENS = [
    ("anne.roussel", "Anne", "Roussel"),
    ("bruno.garnier", "Bruno", "Garnier"),
    ("chloe.marchand", "Chloé", "Marchand"),
    ("david.nguyen", "David", "Nguyen"),
    ("elsa.perrin", "Elsa", "Perrin"),
]
ACCOUNTS = [
    (
        JUROR,
        "agente du Département du Nord, jurée du Simplificathon et de « Développement "
        "durable » (notation ouverte)",
    ),
    ("anne.roussel@citoyens.essaim.example", "citoyenne, contributrice de l’appel à idées"),
]


def _at(year, month, day, hour=9):
    return datetime(year, month, day, hour, tzinfo=PARIS)


def _people(names, domain, *, password_for=()):
    people = []
    for local, first, last in names:
        email = f"{local}@{domain}"
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(
                email,
                DEMO_PASSWORD if email in password_for else None,
                first_name=first,
                last_name=last,
                email_confirmed_at=timezone.now(),
            )
        people.append(user)
    return people


def _organisations(slugs):
    found = {o.slug: o for o in Organisation.objects.filter(slug__in=slugs)}
    return [found[s] for s in slugs if s in found]


def _campaign(slug, **fields):
    organisations = fields.pop("organisations")
    audience_organisations = fields.pop("audience_organisations", [])
    campaign, _created = Campaign.objects.update_or_create(slug=slug, defaults=fields)
    campaign.organisations.set(_organisations(organisations))
    campaign.audience_organisations.set(_organisations(audience_organisations))
    return campaign


def _phases(campaign, phases):
    for kind, starts_at, ends_at in phases:
        Phase.objects.get_or_create(
            campaign=campaign, kind=kind, defaults={"starts_at": starts_at, "ends_at": ends_at}
        )


def _themes(campaign, themes):
    return {
        slug: CampaignTheme.objects.update_or_create(
            campaign=campaign, slug=slug, defaults={"name": name, "position": i}
        )[0]
        for i, (slug, name) in enumerate(themes)
    }


def _proposal(campaign, *, title, body, theme, author, published_at):
    proposal, _created = Proposal.objects.get_or_create(
        campaign=campaign,
        title=title,
        defaults={
            "body": body,
            "theme": theme,
            "author": author,
            "state": ProposalState.PUBLISHED,
            "published_at": published_at,
        },
    )
    return proposal


def _supports(proposals, people, rng, *, least=0, per_person=None):
    """Random supports, at least `least` per proposal (when there are that many people), and,
    given `per_person`, no more per person in the campaign than it allows."""
    for proposal in proposals:
        for person in rng.sample(people, rng.randint(least, min(len(people), 9))):
            given = Support.objects.filter(user=person, proposal__campaign=proposal.campaign)
            if per_person and given.exclude(proposal=proposal).count() >= per_person:
                continue
            Support.objects.get_or_create(proposal=proposal, user=person)


def _recount(campaign):
    for proposal in Proposal.objects.filter(campaign=campaign).annotate(n=Count("supports")):
        if proposal.support_count != proposal.n:
            Proposal.objects.filter(pk=proposal.pk).update(support_count=proposal.n)


def _answer(proposal, kind, text, by):
    Answer.objects.get_or_create(
        proposal=proposal, defaults={"kind": kind, "text": text, "decided_by": by}
    )
    state = {
        AnswerKind.SELECTED: ProposalState.SELECTED,
        AnswerKind.STUDY: ProposalState.REVIEW,
        AnswerKind.REJECTED: ProposalState.REJECTED,
    }[kind]
    if proposal.state in (ProposalState.PUBLISHED, ProposalState.REVIEW):
        Proposal.objects.filter(pk=proposal.pk).update(state=state)


def load_nord(moderator) -> Campaign:
    rng = random.Random(59)
    agents = _people(AGENTS, AGENT_DOMAIN, password_for={JUROR})
    campaign = _campaign(
        NORD_SLUG,
        title="« Faisons simple » : le Simplificathon du Département du Nord",
        question=seeds.NORD_QUESTION,
        context=seeds.NORD_CONTEXT,
        organisations=["departement-du-nord", "fabrik59"],
        audience=Audience.AGENTS,
        audience_organisations=["departement-du-nord", "fabrik59"],
        audience_email_domains=f"lenord.fr, {AGENT_DOMAIN}",
        supports_per_person=10,
    )
    _phases(
        campaign,
        [
            (PhaseKind.SUBMISSION, _at(2020, 10, 17), _at(2020, 11, 6, 18)),
            (PhaseKind.SELECTION, _at(2020, 11, 9), _at(2020, 11, 20, 18)),
            (PhaseKind.WORKSHOPS, _at(2020, 11, 23), _at(2020, 12, 4, 18)),
            (PhaseKind.ANSWER, _at(2020, 12, 7), _at(2021, 6, 30, 18)),
        ],
    )
    themes = _themes(campaign, [(slug, name) for slug, name, _f, _t in seeds.NORD_THEMES])
    proposals = {}
    for t, (slug, _name, findings, titles) in enumerate(seeds.NORD_THEMES):
        for i, title in enumerate(titles):
            body = (
                f"Aujourd’hui, {findings[i % len(findings)]}. Je propose : "
                f"{title[0].lower()}{title[1:]}. On gagnerait du temps, pour nous comme pour "
                f"les usagers. {seeds.DEMO_NOTE}"
            )
            proposals[title] = _proposal(
                campaign,
                title=title,
                body=body,
                theme=themes[slug],
                author=agents[(t * 30 + i) % len(agents)],
                published_at=_at(2020, 10, 17) + timedelta(hours=4 * (t * 30 + i)),
            )
    _supports(list(proposals.values()), agents, rng)
    _recount(campaign)
    _merge_duplicate(
        proposals["Commander les fournitures en ligne, sans bon papier"],
        into=proposals["Dématérialiser les bons de commande"],
        by=moderator,
    )
    _jury(campaign, moderator, agents, proposals)
    _subjects_and_answers(campaign, moderator, proposals)
    return campaign


def _merge_duplicate(source, *, into, by):
    if source.state == ProposalState.MERGED:
        return
    Proposal.objects.filter(pk=source.pk).update(state=ProposalState.MERGED, merged_into=into)
    for user_id in source.supports.values_list("user_id", flat=True):
        Support.objects.get_or_create(
            proposal=into, user_id=user_id, defaults={"carried_from": source}
        )
    Proposal.objects.filter(pk=into.pk).update(support_count=into.supports.count())
    merge = Merge.objects.create(
        target=into, by=by, reason="Même idée : des commandes sans papier."
    )
    merge.sources.set([source])


def _jury(campaign, moderator, agents, proposals):
    criteria = [
        Criterion.objects.update_or_create(
            campaign=campaign, name=name, defaults={"description": description, "position": i}
        )[0]
        for i, (name, description) in enumerate(
            [
                ("Utilité", "Pour les agents et les usagers."),
                ("Faisabilité", "Dans l’année, avec les moyens du Département."),
                ("Gain de temps", "Temps rendu aux agents et aux usagers."),
            ]
        )
    ]
    jurors = [
        JuryMember.objects.get_or_create(campaign=campaign, user=u)[0]
        for u in (moderator, agents[0], agents[1])
    ]
    rng = random.Random(2020)
    for title in [
        "Laisser les assistants familiaux signer les actes du quotidien",
        "Alléger le circuit de validation des AMASES",
        "Signer électroniquement les actes courants",
        "Un parcours d’accueil unique pour les nouveaux agents",
        "Des courriers écrits en langage clair",
    ]:
        proposal = proposals[title]
        for juror in jurors:
            if juror.user_id == proposal.author_id:
                juror.conflicts.get_or_create(
                    proposal=proposal, defaults={"reason": "Je suis l’auteur de la proposition."}
                )
                continue
            for criterion in criteria:
                Score.objects.get_or_create(
                    juror=juror,
                    proposal=proposal,
                    criterion=criterion,
                    defaults={"value": rng.randint(3, 5)},
                )


def _subjects_and_answers(campaign, moderator, proposals):
    subject_proposals = [
        [
            "Laisser les assistants familiaux signer les actes du quotidien",
            "Autoriser les coupes de cheveux et soins courants sans autorisation écrite",
            "Confier aux assistants familiaux l’inscription aux activités",
        ],
        [
            "Alléger le circuit de validation des AMASES",
            "Déléguer les aides d’urgence aux responsables d’UTPAS",
            "Recevoir les pièces justificatives en ligne",
        ],
        [
            "Signer électroniquement les actes courants",
            "Un parapheur électronique pour tous les services",
        ],
        [
            "Un parcours d’accueil unique pour les nouveaux agents",
            "Un poste de travail prêt dès le premier jour",
        ],
    ]
    selected = set()
    for position, ((title, description, _theme, initiative_slug), titles) in enumerate(
        zip(seeds.NORD_SUBJECTS, subject_proposals, strict=True)
    ):
        subject, _created = Subject.objects.get_or_create(
            campaign=campaign,
            title=title,
            defaults={"description": description, "position": position},
        )
        subject.proposals.set([proposals[t] for t in titles])
        selected.update(titles)
        _workshops(subject, seeds.NORD_WORKSHOPS[position], moderator)
        initiative = _initiative(initiative_slug, moderator)
        if initiative is not None and subject.initiative_id != initiative.pk:
            selection_services.link_initiative(subject, by=moderator, initiative=initiative)
    for i, proposal in enumerate(
        Proposal.objects.filter(campaign=campaign)
        .exclude(state=ProposalState.MERGED)
        .order_by("pk")
    ):
        if proposal.title in selected:
            _answer(
                proposal,
                AnswerKind.SELECTED,
                "Retenue : elle nourrit un des quatre sujets travaillés en ateliers de co-design.",
                moderator,
            )
        elif i % 4 == 0:
            _answer(
                proposal,
                AnswerKind.STUDY,
                "À l’étude par la direction concernée ; réponse "
                "détaillée au premier semestre 2021.",
                moderator,
            )
        else:
            _answer(
                proposal,
                AnswerKind.REJECTED,
                "Non retenue pour cette première édition : "
                "d’autres propositions répondaient au même besoin avec un gain plus rapide.",
                moderator,
            )


def _workshops(subject, plan, moderator):
    """The subject's three workshops, published in the Agenda with registration through the
    product's own service, with their minutes (all are past)."""
    label, topic, days = plan
    # Workshops of an earlier version of the demo (most without an Agenda event of their own).
    subject.workshops.filter(title__regex=r"^Atelier [0-9] de co-design$").delete()
    for n, (month, day, hour, place) in enumerate(days, start=1):
        title = f"Simplificathon, atelier {n}\u00a0: {label}"
        workshop = subject.workshops.filter(title=title).first()
        if workshop is None:
            starts_at = _at(2020, month, day, hour)
            workshop = followup_services.schedule_workshop(
                subject,
                by=moderator,
                title=title,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=2),
                capacity=WORKSHOP_CAPACITY,
                **_workshop_place(seeds.WORKSHOP_PLACES[place]),
            )
        elif workshop.event is not None and workshop.event.venue == "En visioconférence":
            _move_online(workshop, moderator)
        if not workshop.minutes:
            followup_services.record_minutes(
                workshop, by=moderator, minutes=seeds.WORKSHOP_MINUTES[n - 1].format(topic=topic)
            )


def _move_online(workshop, moderator):
    """An earlier demo named its online workshops' venue « En visioconférence »: they become
    online Agenda events with their link."""
    event = workshop.event
    online = next(p for p in seeds.WORKSHOP_PLACES if p["mode"] == Mode.ONLINE)
    event.mode, event.venue, event.online_url = Mode.ONLINE, "", online["online_url"]
    agenda_services.save_event(event, by=moderator)
    workshop.place = followup_services.place_label(mode=Mode.ONLINE, commune=None, venue="")
    workshop.save(update_fields=["place"])


def _workshop_place(place: dict) -> dict:
    """`schedule_workshop`'s place arguments for a `seeds.WORKSHOP_PLACES` entry. On a bare
    database without the territories (`make demo` loads them first), an on-site workshop has
    no commune, which the Agenda refuses: it is then held online."""
    if place["mode"] == Mode.ONLINE:
        return {"mode": Mode.ONLINE, "online_url": place["online_url"]}
    commune = Territory.objects.filter(level="commune", code=place["commune"]).first()
    if commune is None:
        online = next(p for p in seeds.WORKSHOP_PLACES if p["mode"] == Mode.ONLINE)
        return {"mode": Mode.ONLINE, "online_url": online["online_url"]}
    return {"mode": place["mode"], "venue": place["venue"], "commune": commune}


def _initiative(slug, moderator):
    """The Catalogue initiative `slug`: the catalogue demo's, or one of the fictional follow-ups
    of `seeds.NORD_FOLLOWUP_INITIATIVES`, created then published through the catalogue's
    services. None when it is neither (the catalogue demo was not loaded)."""
    initiative = Initiative.objects.filter(slug=slug).first()
    data = seeds.NORD_FOLLOWUP_INITIATIVES.get(slug)
    if initiative is not None or data is None:
        return initiative
    initiative = Initiative.objects.create(
        slug=slug,
        title=data["title"],
        pitch=data["pitch"],
        problem=data["problem"],
        solution=data["solution"],
        beneficiaries=data["beneficiaries"],
        facet=InnovationFacet.ENHANCEMENT,
        government_level=GovernmentLevel.DEPARTMENTAL,
        territory=Territory.objects.filter(level="department", code="59").first(),
        started_on=date(2020, 12, 4),
    )
    initiative.carriers.set(_organisations(["departement-du-nord"]))
    initiative.labs.set(_organisations(["fabrik59"]))
    for stage, day, note in data["steps"]:
        catalogue_services.record_stage_change(
            initiative, stage=stage, date=date(*day), by=moderator, note=note
        )
    return catalogue_services.publish(initiative, by=moderator)


def load_dinum():
    citizens = _people(CITIZENS, "citoyens.essaim.example", password_for={ACCOUNTS[1][0]})
    campaign = _campaign(
        DINUM_SLUG,
        title="À quelles données publiques rêvez-vous d’avoir accès ?",
        question=seeds.DINUM_QUESTION,
        context=seeds.DINUM_CONTEXT,
        organisations=["dinum"],
        audience=Audience.CITIZENS,
    )
    _phases(
        campaign,
        [
            (PhaseKind.SUBMISSION, _at(2020, 11, 1, 0), _at(2020, 12, 1, 0)),
            (PhaseKind.ANSWER, _at(2020, 12, 15), _at(2021, 3, 31, 18)),
        ],
    )
    themes = _themes(campaign, seeds.DINUM_THEMES)
    proposals = [
        _proposal(
            campaign,
            title=title,
            body=f"{body} {seeds.DEMO_NOTE}",
            theme=themes[theme],
            author=citizens[i % len(citizens)],
            published_at=_at(2020, 11, 2) + timedelta(hours=40 * i),
        )
        for i, (title, body, theme) in enumerate(seeds.DINUM_PROPOSALS)
    ]
    _supports(proposals, citizens, random.Random(2020_11))
    _recount(campaign)
    return campaign


def load_space():
    space, _created = Space.objects.update_or_create(
        slug="citoyens-en-communs",
        defaults={"name": "Citoyens en communs", "description": seeds.SPACE_DESCRIPTION},
    )
    space.partners.set(_organisations(seeds.SPACE_PARTNERS))
    citizens = _people(CITIZENS, "citoyens.essaim.example")
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    for slug, title, question, organisations, themes, items in seeds.SPACE_CAMPAIGNS:
        judged = slug == SPACE_JURY_SLUG
        campaign = _campaign(
            slug,
            title=title,
            question=question,
            context="Une consultation de l’espace « Citoyens en communs ». "
            + (
                "Données de démonstration : les propositions, les notes et les membres du "
                "jury sont fictifs."
                if judged
                else "Données de démonstration : les propositions sont fictives."
            ),
            organisations=organisations,
            audience=Audience.OPEN,
            space=space,
            supports_per_person=5,
        )
        _phases(campaign, _space_phases(campaign, now, judged=judged))
        submission = campaign.phases.get(kind=PhaseKind.SUBMISSION)
        theme_rows = _themes(campaign, themes)
        proposals = {}
        for i, (t, b, theme) in enumerate(items):
            published_at = (
                submission.starts_at + timedelta(days=3 + 5 * i, hours=2 * i)
                if judged
                else now - timedelta(days=6 - i)
            )
            proposal = _proposal(
                campaign,
                title=t,
                body=f"{b} {seeds.DEMO_NOTE}",
                theme=theme_rows[theme],
                author=citizens[i % len(citizens)],
                published_at=published_at,
            )
            if proposal.published_at >= submission.ends_at:  # see `_space_phases`
                Proposal.objects.filter(pk=proposal.pk).update(published_at=published_at)
            proposals[t] = proposal
        _supports(
            list(proposals.values()),
            citizens,
            random.Random(slug),
            least=2 if judged else 0,
            per_person=campaign.supports_per_person,
        )
        _recount(campaign)
        if judged:
            _space_jury(campaign, proposals)
    return space


def _space_phases(campaign, now, *, judged):
    """Dated from the first demo load (kept as is by later loads): the campaign open for
    proposals for two months; the judged one past its dépôt and soutiens, its sélection open
    for a month, then its restitution."""
    if not judged:
        return [
            (PhaseKind.SUBMISSION, now - timedelta(days=7), now + timedelta(days=60)),
            (PhaseKind.SUPPORT, now - timedelta(days=7), now + timedelta(days=60)),
            (PhaseKind.SELECTION, now + timedelta(days=60), now + timedelta(days=75)),
            (PhaseKind.ANSWER, now + timedelta(days=75), now + timedelta(days=180)),
        ]
    submission = campaign.phases.filter(kind=PhaseKind.SUBMISSION).first()
    if submission is not None and submission.is_open(now):
        # An earlier demo had this campaign open for proposals too: it moves to its selection.
        campaign.phases.all().delete()
    return [
        (PhaseKind.SUBMISSION, now - timedelta(days=60), now - timedelta(days=21)),
        (PhaseKind.SUPPORT, now - timedelta(days=60), now - timedelta(days=7)),
        (PhaseKind.SELECTION, now - timedelta(days=7), now + timedelta(days=30)),
        (PhaseKind.ANSWER, now + timedelta(days=30), now + timedelta(days=120)),
    ]


def _space_jury(campaign, proposals):
    """The jury of the campaign in selection: the SIILAB administrator (when the accounts demo
    is loaded), a fictional DREAL agent and the demo juror. The first two have scored a few
    proposals; the demo juror has scored nothing yet and declared a conflict of interest."""
    criteria = [
        Criterion.objects.update_or_create(
            campaign=campaign, name=name, defaults={"description": description, "position": i}
        )[0]
        for i, (name, description) in enumerate(seeds.SPACE_CRITERIA)
    ]
    agent = _people([seeds.SPACE_JURY_AGENT], SPACE_AGENT_DOMAIN)[0]
    organiser = User.objects.filter(email=SPACE_ORGANISER).first()
    juror = User.objects.filter(email=JUROR).first()
    seats = {
        user.pk: JuryMember.objects.get_or_create(campaign=campaign, user=user)[0]
        for user in (organiser, agent, juror)
        if user is not None
    }
    for title, (agent_values, organiser_values) in seeds.SPACE_SCORES.items():
        for user, values in ((agent, agent_values), (organiser, organiser_values)):
            if user is None or values is None:
                continue
            for criterion, value in zip(criteria, values, strict=True):
                Score.objects.get_or_create(
                    juror=seats[user.pk],
                    proposal=proposals[title],
                    criterion=criterion,
                    defaults={"value": value},
                )
    if juror is not None:
        title, reason = seeds.SPACE_CONFLICT
        seats[juror.pk].conflicts.get_or_create(
            proposal=proposals[title], defaults={"reason": reason}
        )


def load() -> str:
    """Create or update the demonstration consultations.

    Side effects: saves campaigns, phases, themes, proposals, supports, jury, subjects,
    workshops, answers and a merge of this app, and the fictional participants' accounts.
    """
    moderator = User.objects.filter(email=MODERATOR).first()
    if moderator is None:
        return "comptes de démonstration absents : rien chargé"
    nord = load_nord(moderator)
    load_dinum()
    space = load_space()
    counts = Proposal.objects.values("campaign").annotate(n=Count("pk"))
    total = sum(row["n"] for row in counts)
    return (
        f"{Campaign.objects.count()} consultations dont le Simplificathon du Nord "
        f"({nord.proposals.count()} propositions, {nord.subjects.count()} sujets, "
        f"{Workshop.objects.filter(subject__campaign=nord).count()} ateliers), "
        f"l’espace « {space.name} », {total} propositions en tout"
    )
