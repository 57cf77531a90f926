"""Bulk generator of realistic French initiatives (`essaim generate initiatives --count N`).

Used by the benchmark: 100,000 initiatives load into PostgreSQL in a few minutes because every
row is written with `bulk_create` in batches (initiatives, then their theme, carrier and lab
through-rows, stage changes and indicators), with the searchable text computed in Python and the
PostgreSQL search vector filled by the database trigger. The same `rng` seed and the same
territories and organisations give the same initiatives.
"""

import datetime as dt
from decimal import Decimal

from django.db.models import Max
from django.utils import timezone
from django.utils.text import slugify

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue.enums import (
    Beneficiary,
    GovernmentLevel,
    InnovationFacet,
    PublicationState,
    Stage,
)
from essaim.catalogue.models import Indicator, Initiative, StageChange, Theme
from essaim.core.models import Territory
from essaim.core.text import fold

BATCH = 2000
REPLICATION_RATE = 0.06
# theme slug → objects of public action it is about.
SUBJECTS = {
    "sante": ["le suivi des patients chroniques", "la téléconsultation en EHPAD",
              "la prévention du diabète", "l’accès aux soins dentaires", "la vaccination"],
    "securite": ["l’accueil des victimes", "la prévention routière", "les appels d’urgence",
                 "la tranquillité des quartiers", "les alertes météo"],
    "emploi": ["le retour à l’emploi des seniors", "l’apprentissage", "les offres d’emploi "
               "locales", "la reconversion des salariés", "l’insertion des jeunes"],
    "inclusion-numerique": ["l’accompagnement aux démarches en ligne", "le prêt "
                            "d’ordinateurs", "la médiation numérique", "les ateliers "
                            "numériques pour seniors"],
    "handicap": ["les demandes MDPH", "l’accessibilité des transports", "la scolarisation des "
                 "enfants handicapés", "les aides techniques"],
    "environnement": ["le tri des biodéchets", "la rénovation énergétique", "la réparation "
                      "des appareils", "la qualité de l’air", "les économies d’eau"],
    "simplification": ["les actes d’état civil", "les demandes de subvention", "les "
                       "autorisations d’urbanisme", "le paiement des cantines",
                       "les formulaires administratifs"],
    "participation-citoyenne": ["le budget participatif", "les conseils de quartier", "la "
                                "consultation des habitants", "les jurys citoyens"],
    "culture": ["l’accès aux musées", "la lecture publique", "le patrimoine local",
                "les pratiques artistiques des jeunes"],
    "social": ["les aides d’urgence", "l’accueil des sans-abri", "l’aide alimentaire",
               "le non-recours aux droits", "l’accompagnement des familles"],
    "education": ["le soutien scolaire", "l’orientation des lycéens", "la restauration "
                  "scolaire", "le numérique au collège"],
    "mobilite": ["le covoiturage rural", "le transport à la demande", "les pistes "
                 "cyclables", "le permis de conduire"],
    "logement": ["la lutte contre l’habitat indigne", "l’accès au logement social",
                 "la colocation intergénérationnelle"],
    "donnees-et-numerique": ["l’ouverture des données", "les services publics numériques",
                             "la cybersécurité des collectivités"],
}  # fmt: skip
ACTIONS = ["Simplifier", "Dématérialiser", "Repenser", "Co-construire avec les usagers",
           "Expérimenter une nouvelle approche pour", "Mutualiser", "Améliorer",
           "Faciliter", "Réinventer", "Mieux coordonner"]  # fmt: skip
PROBLEMS = [
    "Les usagers attendent trop longtemps une réponse et doivent fournir plusieurs fois les "
    "mêmes pièces.",
    "Les agents passent une grande partie de leur temps à ressaisir des informations.",
    "Les habitants les plus éloignés du service public y renoncent faute d’accompagnement.",
    "Les acteurs du territoire travaillent chacun de leur côté, sans vue d’ensemble.",
    "Le dispositif existant est mal connu et peu utilisé par ceux à qui il est destiné.",
]
SOLUTIONS = [
    "Un parcours repensé avec les usagers et les agents, testé sur un premier territoire.",
    "Un service en ligne simple, accompagné d’un accueil physique pour qui en a besoin.",
    "Une équipe pluridisciplinaire qui prototype, mesure et ajuste chaque semaine.",
    "Un guichet unique partagé entre les administrations concernées.",
    "Des ateliers de co-conception, puis une expérimentation de six mois évaluée.",
]
INDICATORS = [("Usagers accompagnés", "personnes", 50, 20000),
              ("Délai moyen de traitement", "jours", 2, 90),
              ("Démarches dématérialisées", "démarches", 10, 50000),
              ("Agents formés", "agents", 5, 800),
              ("Taux de satisfaction", "%", 55, 98)]  # fmt: skip
STAGE_PATH = [Stage.IDEA, Stage.EXPLORATION, Stage.PROTOTYPE, Stage.EXPERIMENT,
              Stage.SCALING, Stage.SUSTAINED]  # fmt: skip
STATES = ([PublicationState.PUBLISHED] * 90 + [PublicationState.DRAFT] * 7
          + [PublicationState.ARCHIVED] * 3)  # fmt: skip
LEVEL_OF = {"commune": GovernmentLevel.MUNICIPAL, "department": GovernmentLevel.DEPARTMENTAL,
            "region": GovernmentLevel.REGIONAL, None: GovernmentLevel.NATIONAL}  # fmt: skip


class _Pools:
    """What generated initiatives point at, read once, in a stable order."""

    def __init__(self):
        self.themes = list(Theme.objects.order_by("pk"))
        places = Territory.objects.order_by("pk").only("pk", "level", "name", "parent_id",
                                                       "region_id")  # fmt: skip
        self.territories = {level: [t for t in places if t.level == level]
                            for level in ("commune", "department", "region")}  # fmt: skip
        organisations = Organisation.objects.order_by("pk").only("pk", "name", "kind")
        self.labs = [o for o in organisations if o.kind == OrganisationKind.LAB]
        self.carriers = [o for o in organisations if o.kind != OrganisationKind.LAB] or self.labs

    def territory(self, rng):
        level = rng.choices(["commune", "department", "region", None], [50, 25, 15, 10])[0]
        candidates = self.territories.get(level) or []
        return rng.choice(candidates) if candidates else None


def generate_initiatives(*, count: int, rng) -> int:
    """Create `count` initiatives with their themes, carriers, labs, stages and indicators.

    Side effects: bulk-inserts Initiative rows and their through-rows, StageChange and
    Indicator rows; links about 6 % of them to an earlier initiative (replication).
    """
    pools = _Pools()
    start = Initiative.objects.aggregate(top=Max("pk"))["top"] or 0
    known = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[:5000])
    now = timezone.now()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        rows = [_build(pools, rng, start + done + n + 1, now) for n in range(size)]
        Initiative.objects.bulk_create([row[0] for row in rows], batch_size=BATCH)
        _related(rows, rng)
        known += _replicate([row[0] for row in rows], known, rng)
        done += size
    return done


def _build(pools, rng, number, now):
    themes = rng.sample(pools.themes, k=min(len(pools.themes), rng.choice([1, 1, 2, 2, 3])))
    subjects = [s for t in themes for s in SUBJECTS.get(t.slug, [])] or ["le service public"]
    territory = pools.territory(rng)
    place = f" à {territory.name}" if territory and territory.level == "commune" else (
        f" en {territory.name}" if territory else "")  # fmt: skip
    title = f"{rng.choice(ACTIONS)} {rng.choice(subjects)}{place}"[:200]
    carriers = rng.sample(pools.carriers, k=min(len(pools.carriers), rng.choice([1, 1, 1, 2])))
    labs = rng.sample(pools.labs, k=1) if pools.labs and rng.random() < 0.3 else []
    stage_count = rng.randint(1, len(STAGE_PATH))
    stages = STAGE_PATH[:stage_count]
    if rng.random() < 0.05:
        stages = [*stages, Stage.STOPPED]
    started = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 2400))
    state = rng.choice(STATES)
    published_at = None
    if state != PublicationState.DRAFT:
        published_at = now - dt.timedelta(days=rng.randint(0, 2000), minutes=rng.randint(0, 1440))
    beneficiaries = rng.sample(Beneficiary.values, k=rng.randint(1, 3))
    problem, solution = rng.choice(PROBLEMS), rng.choice(SOLUTIONS)
    pitch = f"{title} : {solution[0].lower()}{solution[1:]}"[:300]
    initiative = Initiative(
        title=title,
        slug=f"{slugify(title)[:190]}-{number}",
        pitch=pitch,
        problem=f"<p>{problem}</p>",
        solution=f"<p>{solution}</p>",
        beneficiaries=beneficiaries,
        territory=territory,
        is_national=territory is None,
        stage=stages[-1],
        stopped_reason="Le financement de l’expérimentation n’a pas été reconduit."
        if stages[-1] == Stage.STOPPED
        else "",
        started_on=started,
        facet=rng.choice(InnovationFacet.values),
        government_level=LEVEL_OF[territory.level if territory else None],
        publication_state=state,
        published_at=published_at,
        archived_at=published_at if state == PublicationState.ARCHIVED else None,
    )
    initiative._derive_territory_levels()
    names = [t.name for t in themes] + [o.name for o in carriers + labs]
    text = [title, pitch, problem, solution, *names, territory.name if territory else ""]
    initiative.search_title = fold(title)[:200]
    initiative.search_document = fold(" ".join(text))
    dates = sorted(started + dt.timedelta(days=rng.randint(0, 700)) for _ in stages)
    return initiative, themes, carriers, labs, list(zip(stages, dates, strict=True))


def _related(rows, rng) -> None:
    through = Initiative.themes.through, Initiative.carriers.through, Initiative.labs.through
    themes, carriers, labs, changes, indicators = [], [], [], [], []
    for initiative, row_themes, row_carriers, row_labs, steps in rows:
        pk = initiative.pk
        themes += [through[0](initiative_id=pk, theme_id=t.pk) for t in row_themes]
        carriers += [through[1](initiative_id=pk, organisation_id=o.pk) for o in row_carriers]
        labs += [through[2](initiative_id=pk, organisation_id=o.pk) for o in row_labs]
        changes += [StageChange(initiative_id=pk, stage=s, date=d) for s, d in steps]
        for position in range(rng.choice([0, 1, 1, 2])):
            label, unit, low, high = rng.choice(INDICATORS)
            indicators.append(Indicator(
                initiative_id=pk, label=label, unit=unit, position=position,
                value=Decimal(rng.randint(low, high)), measured_on=steps[-1][1],
                source="Bilan de l’expérimentation"))  # fmt: skip
    for model, objects in ((through[0], themes), (through[1], carriers), (through[2], labs),
                           (StageChange, changes), (Indicator, indicators)):  # fmt: skip
        model.objects.bulk_create(objects, batch_size=5000)


def _replicate(initiatives, known, rng) -> list[int]:
    """Link a few initiatives of the batch to an earlier one; returns the batch's pks."""
    pool = list(known)
    replications = []
    for initiative in initiatives:
        if pool and rng.random() < REPLICATION_RATE:
            initiative.origin_id = rng.choice(pool)
            replications.append(initiative)
        pool.append(initiative.pk)
    if replications:
        Initiative.objects.bulk_update(replications, ["origin"], batch_size=1000)
    return [initiative.pk for initiative in initiatives]
