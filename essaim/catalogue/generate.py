"""Bulk generator of realistic French initiatives (`essaim generate initiatives --count N`).

Used by the benchmark: 100,000 initiatives load into PostgreSQL in a few minutes because every
row is written with `bulk_create` in batches (initiatives, then their theme, carrier and lab
through-rows, stage changes and indicators), with the searchable text computed in Python and the
PostgreSQL search vector filled by the database trigger. The same `rng` seed and the same
territories and organisations give the same initiatives.
"""

import datetime as dt
from decimal import Decimal
from functools import lru_cache

from django.contrib.postgres.search import SearchVectorField
from django.db import connection
from django.db.models import JSONField, Max
from django.utils import timezone
from django.utils.text import slugify
from psycopg.types.json import Jsonb

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


STOP_REASON = "Le financement de l’expérimentation n’a pas été reconduit."
BENEFICIARIES = Beneficiary.values
FACETS = InnovationFacet.values
_fold = lru_cache(maxsize=200_000)(fold)
_slug = lru_cache(maxsize=200_000)(slugify)


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

    Side effects: bulk-inserts Initiative rows (COPY on PostgreSQL) and their through-rows,
    StageChange and Indicator rows; about 6 % take up an earlier initiative (replication).
    """
    pools = _Pools()
    known = list(Initiative.objects.order_by("pk").values_list("pk", flat=True)[:5000])
    now = timezone.now()
    done = 0
    while done < count:
        size = min(BATCH, count - done)
        ids = _reserve_ids(size)
        rows = []
        for pk in ids:
            rows.append(_build(pools, rng, pk, now, known))
            known.append(pk)
        _insert(Initiative, [row[0] for row in rows], now=now)
        _related(rows, rng)
        done += size
    return done


def _reserve_ids(size: int) -> list[int]:
    """Primary keys for the next batch, taken from the sequence on PostgreSQL."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [Initiative._meta.db_table, size],
            )
            return [row[0] for row in cursor.fetchall()]
    start = Initiative.objects.aggregate(top=Max("pk"))["top"] or 0  # one writer: the command
    return list(range(start + 1, start + size + 1))


def _insert(model, rows: list[dict], *, now=None) -> None:
    """Insert plain rows (attname → value); omitted fields take their model default.

    PostgreSQL: one COPY (its triggers still run). Elsewhere: bulk_create.
    """
    fields = [f for f in model._meta.concrete_fields if not isinstance(f, SearchVectorField)]
    if rows and "id" not in rows[0]:
        fields = [f for f in fields if not f.primary_key]
    defaults = {}
    for f in fields:
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults[f.attname] = now or timezone.now()
        elif not f.primary_key:
            defaults[f.attname] = f.get_default()
    if connection.vendor != "postgresql":
        model.objects.bulk_create([model(**{**defaults, **row}) for row in rows], batch_size=1000)
        return
    json_fields = {f.attname for f in fields if isinstance(f, JSONField)}
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    with (
        connection.cursor() as cursor,
        cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
    ):
        for row in rows:
            values = {**defaults, **row}
            copy.write_row(
                [Jsonb(values[f.attname]) if f.attname in json_fields else values[f.attname]
                 for f in fields]
            )  # fmt: skip


def _build(pools, rng, pk, now, known):
    themes = rng.sample(pools.themes, k=min(len(pools.themes), rng.choice([1, 1, 2, 2, 3])))
    subjects = [s for t in themes for s in SUBJECTS.get(t.slug, [])] or ["le service public"]
    territory = pools.territory(rng)
    place = f"à {territory.name}" if territory and territory.level == "commune" else (
        f"en {territory.name}" if territory else "")  # fmt: skip
    fragments = [rng.choice(ACTIONS), rng.choice(subjects), place]
    title = " ".join(f for f in fragments if f)[:200]
    carriers = rng.sample(pools.carriers, k=min(len(pools.carriers), rng.choice([1, 1, 1, 2])))
    labs = rng.sample(pools.labs, k=1) if pools.labs and rng.random() < 0.3 else []
    stages = STAGE_PATH[: rng.randint(1, len(STAGE_PATH))]
    if rng.random() < 0.05:
        stages = [*stages, Stage.STOPPED]
    started = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 2400))
    state = rng.choice(STATES)
    published_at = None
    if state != PublicationState.DRAFT:
        published_at = now - dt.timedelta(days=rng.randint(0, 2000), minutes=rng.randint(0, 1440))
    problem, solution = rng.choice(PROBLEMS), rng.choice(SOLUTIONS)
    # Folding is slow on 100,000 rows: fold each reused fragment once (cached) and join.
    folded_title = " ".join(_fold(f) for f in fragments if f)
    names = [t.name for t in themes] + [o.name for o in carriers + labs]
    parts = [folded_title, folded_title, *map(_fold, [solution, problem, solution, *names])]
    level = territory.level if territory else None
    row = {
        "id": pk,
        "title": title,
        "slug": f"{'-'.join(_slug(f) for f in fragments if f)[:190]}-{pk}",
        "pitch": f"{title} : {solution[0].lower()}{solution[1:]}"[:300],
        "problem": f"<p>{problem}</p>",
        "solution": f"<p>{solution}</p>",
        "beneficiaries": rng.sample(BENEFICIARIES, k=rng.randint(1, 3)),
        "territory_id": territory.pk if territory else None,
        "region_id": (territory.pk if level == "region" else territory.region_id)
        if territory
        else None,
        "department_id": {"department": territory.pk, "commune": territory.parent_id}.get(level)
        if territory
        else None,
        "is_national": territory is None,
        "stage": stages[-1],
        "stopped_reason": STOP_REASON if stages[-1] == Stage.STOPPED else "",
        "started_on": started,
        "facet": rng.choice(FACETS),
        "government_level": LEVEL_OF[level],
        "origin_id": rng.choice(known) if known and rng.random() < REPLICATION_RATE else None,
        "publication_state": state,
        "published_at": published_at,
        "archived_at": published_at if state == PublicationState.ARCHIVED else None,
        "search_title": folded_title[:200],
        "search_document": " ".join(p for p in parts if p),
    }
    dates = sorted(started + dt.timedelta(days=rng.randint(0, 700)) for _ in stages)
    return row, themes, carriers, labs, list(zip(stages, dates, strict=True))


def _related(rows, rng) -> None:
    through = Initiative.themes.through, Initiative.carriers.through, Initiative.labs.through
    themes, carriers, labs, changes, indicators = [], [], [], [], []
    for row, row_themes, row_carriers, row_labs, steps in rows:
        pk = row["id"]
        themes += [{"initiative_id": pk, "theme_id": t.pk} for t in row_themes]
        carriers += [{"initiative_id": pk, "organisation_id": o.pk} for o in row_carriers]
        labs += [{"initiative_id": pk, "organisation_id": o.pk} for o in row_labs]
        changes += [{"initiative_id": pk, "stage": s, "date": d} for s, d in steps]
        for position in range(rng.choice([0, 1, 1, 2])):
            label, unit, low, high = rng.choice(INDICATORS)
            indicators.append({
                "initiative_id": pk, "label": label, "unit": unit, "position": position,
                "value": Decimal(rng.randint(low, high)), "measured_on": steps[-1][1],
                "source": "Bilan de l’expérimentation"})  # fmt: skip
    for model, objects in ((through[0], themes), (through[1], carriers), (through[2], labs),
                           (StageChange, changes), (Indicator, indicators)):  # fmt: skip
        _insert(model, objects)
