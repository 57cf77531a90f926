"""Demonstration data of the catalogue: every initiative and lab named in the seed documents.

`load()` is idempotent and keyed by slug: a second run saves nothing that has not changed (so
alerts do not see demo initiatives as "changed"). The organisations created by the accounts
demo are reused by slug; the few it does not know are created here. A missing territory (when
`load_territories` has not run) leaves the initiative's territory empty instead of failing.

Initiative dictionaries (see demo_seeds_*.py) have the model's own field names plus:
`themes` (slugs), `carriers` and `labs` (organisation slugs), `place` ((level, INSEE code), or
None for a national initiative), `steps` ([(stage, date, note)], the last is the current stage),
`indicators` ([(label, value, unit, date)]), `origin` (slug of the initiative taken up) and
`published` (the date of the document that made it public).
"""

import datetime as dt
import re
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q

from essaim.accounts.models import Organisation, OrganisationKind
from essaim.catalogue import demo_seeds_2020, demo_seeds_earlier
from essaim.catalogue.models import (
    Indicator,
    Initiative,
    LabFigure,
    LabProfile,
    PublicationState,
    StageChange,
    Theme,
)
from essaim.catalogue.sanitize import sanitize_html
from essaim.core.models import Territory

K = OrganisationKind
PARIS = ZoneInfo("Europe/Paris")
PRESS_KIT_2020 = demo_seeds_2020.SOURCE
SEEDS = [
    (demo_seeds_2020.INITIATIVES, demo_seeds_2020.PUBLISHED, demo_seeds_2020.SOURCE),
    (demo_seeds_earlier.INITIATIVES, None, demo_seeds_earlier.ETAT_D_AVENIR),
]

# Organisations the accounts demo does not create: slug, name, kind, place, description.
ORGANISATIONS = [
    ("region-hauts-de-france", "Région Hauts-de-France", K.LOCAL_AUTHORITY, ("region", "32"),
     "Partenaire public des Assembleurs, le hub régional du numérique inclusif."),
    ("sgmap", "Secrétariat général pour la modernisation de l’action publique (SGMAP)",
     K.CENTRAL, None, "A piloté le programme Futurs Publics à partir de décembre 2013."),
    ("secretariat-d-etat-personnes-handicapees",
     "Secrétariat d’État chargé des personnes handicapées", K.CENTRAL, None,
     "A engagé avec la DITP une vaste concertation pour simplifier la vie des personnes "
     "handicapées."),
    ("my-human-kit", "My Human Kit", K.ASSOCIATION, None,
     "Association qui développe des aides techniques pour et avec les personnes en situation "
     "de handicap."),
    ("futurs-publics", "Futurs Publics", K.LAB, None,
     "Le laboratoire d’innovation publique du Gouvernement, piloté par le SGMAP : il conduit "
     "des projets « en mode laboratoire » et anime des communautés d’innovateurs publics."),
    ("reseau-des-labs-de-l-etat", "Réseau des laboratoires d’innovation territoriale de l’État",
     K.LAB, None,
     "Une dizaine de labs d’État en région, accompagnés par la DITP pour faire essaimer "
     "l’innovation publique dans les territoires."),
    ("lab-urssaf-nord-pas-de-calais", "Lab de l’URSSAF Nord – Pas-de-Calais", K.LAB,
     ("region", "32"),
     "Co-construit des services numériques avec les employeurs, les entrepreneurs et les "
     "partenaires de l’URSSAF."),
    ("le-lab-region-occitanie", "Le Lab’ de la Région Occitanie", K.LAB, ("region", "76"),
     "Direction de la coordination de l’innovation de la Région : courtes sessions "
     "d’acculturation à l’innovation pour les agents."),
    ("ecolab", "Ecolab du ministère de la Transition écologique", K.LAB, None,
     "Laboratoire d’innovation du ministère, mobilisé sur la transition écologique."),
    ("lab-banque-des-territoires", "Lab de la Banque des Territoires", K.LAB, None,
     "Laboratoire d’innovation de la Banque des Territoires."),
    ("lab-pole-emploi", "Le LAB de Pôle emploi", K.LAB, None,
     "Au sein de la direction de la stratégie, de l’innovation et de la RSE de Pôle emploi."),
]  # fmt: skip

STATE_LABS = ["ti-lab", "siilab", "la-fabrique-rh", "la-base", "le-labo", "inso-lab-83",
              "etat-lin", "archipel"]  # fmt: skip

# slug: (founded_on, founding members)
LAB_PROFILES = {
    "siilab": (
        dt.date(2017, 1, 1),
        "Seize acteurs publics et privés, dont la DRJSCS, la DIRECCTE, la DREAL, l’URSSAF, "
        "des universités, le Mouvement associatif et la Chambre régionale de l’économie "
        "sociale et solidaire.",
    ),
    "la-base": (dt.date(2017, 6, 1), "Département de la Gironde, Bordeaux Métropole."),
    "futurs-publics": (
        dt.date(2013, 12, 18),
        "Créé par le Gouvernement (comité interministériel pour la modernisation de l’action "
        "publique du 18 décembre 2013), piloté par le SGMAP.",
    ),
    "fabrik59": (None, "Département du Nord."),
    "reseau-des-labs-de-l-etat": (
        None,
        "Ti-Lab (Bretagne), SIILAB (Hauts-de-France), La Fabrique RH (Île-de-France), La Base "
        "(Nouvelle-Aquitaine), Le LabO (Occitanie), InSo Lab 83 (Provence-Alpes-Côte d’Azur), "
        "ETAT’LIN (Pays de la Loire), Archipel (Auvergne-Rhône-Alpes), avec la DITP.",
    ),
}

# slug: [(label, value, unit, declared_on, source)]
LAB_FIGURES = {
    "siilab": [
        ("Ateliers animés depuis la création (plus de)", 650, "ateliers"),
        ("Projets portés depuis la création (plus de)", 50, "projets"),
    ],
    "reseau-des-labs-de-l-etat": [
        ("Projets de transformation menés (environ)", 80, "projets"),
        ("Projets de transformation accompagnés", 90, "projets"),
        ("Actions de formation auprès d’agents publics (près de)", 500, "actions"),
    ],
}
LAB_FIGURES_DATE = dt.date(2020, 11, 2)

_TYPO = [
    (re.compile(r"(\d) (\d{3})\b"), "\\1\u202f\\2"),
    (re.compile(r" ([;!?])"), "\u202f\\1"),
    (re.compile(r" ([:%»])"), "\u00a0\\1"),
    (re.compile(r"« "), "«\u00a0"),
]


def typography(text: str) -> str:
    """French non-breaking spaces: "8 000" → "8 000", "« x »", " :", " %", " ?"."""
    for pattern, replacement in _TYPO:
        text = pattern.sub(replacement, text)
    return text


def load() -> str:
    """Create or update the catalogue's demonstration data (see the module docstring).

    Side effects: saves Organisation (only missing ones), LabProfile, LabFigure, Initiative,
    StageChange and Indicator rows; never deletes anything.
    """
    territories = _territories()
    organisations = _organisations(territories)
    _labs(organisations)
    themes = {t.slug: t for t in Theme.objects.all()}
    initiatives = {}
    for seeds, published, source in SEEDS:
        for data in seeds:
            initiatives[data["slug"]] = _initiative(
                data, published or data["published"], source, territories, organisations, themes
            )
    replications = 0
    for seeds, _published, _source in SEEDS:
        for data in seeds:
            if data.get("origin"):
                replications += 1
                initiative, origin = initiatives[data["slug"]], initiatives[data["origin"]]
                if initiative.origin_id != origin.pk:
                    initiative.origin = origin
                    initiative.save()
    labs = Organisation.objects.filter(kind=K.LAB).count()
    return f"{len(initiatives)} initiatives ({replications} essaimages), {labs} laboratoires"


def _territories() -> dict[tuple[str, str], Territory]:
    places = {d["place"] for seeds, *_ in SEEDS for d in seeds if d.get("place")}
    places |= {place for *_rest, place, _desc in ORGANISATIONS if place}
    query = Q(pk__in=[])
    for level, code in places:
        query |= Q(level=level, code=code)
    return {(t.level, t.code): t for t in Territory.objects.filter(query)}


def _organisations(territories) -> dict[str, Organisation]:
    for slug, name, kind, place, description in ORGANISATIONS:
        if Organisation.objects.filter(Q(slug=slug) | Q(name__iexact=name)).exists():
            continue
        Organisation.objects.create(
            slug=slug,
            name=name,
            kind=kind,
            territory=territories.get(place),
            description=typography(description),
        )
    return {o.slug: o for o in Organisation.objects.all()}


def _labs(organisations) -> None:
    for slug, (founded_on, members) in LAB_PROFILES.items():
        if slug in organisations:
            _sync(
                LabProfile,
                {"organisation": organisations[slug]},
                {"founded_on": founded_on, "founding_members": typography(members)},
            )
    for slug, figures in LAB_FIGURES.items():
        if slug not in organisations:
            continue
        for label, value, unit in figures:
            _sync(
                LabFigure,
                {"organisation": organisations[slug], "label": typography(label)},
                {
                    "value": Decimal(value),
                    "unit": unit,
                    "declared_on": LAB_FIGURES_DATE,
                    "source": PRESS_KIT_2020,
                },
            )


def _initiative(data, published, source, territories, organisations, themes) -> Initiative:
    place = data.get("place")
    steps = sorted(data["steps"], key=lambda step: step[1])
    published_at = dt.datetime.combine(published, dt.time(9, 0), tzinfo=PARIS)
    values = {
        "title": typography(data["title"]),
        "pitch": typography(data["pitch"]),
        "problem": sanitize_html(typography(data.get("problem", ""))),
        "solution": sanitize_html(typography(data.get("solution", ""))),
        "lessons": sanitize_html(typography(data.get("lessons", ""))),
        "funding": typography(data.get("funding", "")),
        "beneficiaries": data["beneficiaries"],
        "territory": territories.get(place) if place else None,
        "is_national": place is None,
        "stage": steps[-1][0],
        "started_on": data.get("started_on"),
        "facet": data["facet"],
        "government_level": data["government_level"],
        "publication_state": PublicationState.PUBLISHED,
        "published_at": published_at,
    }
    initiative, changed = _sync(Initiative, {"slug": data["slug"]}, values)
    related = [
        (initiative.themes, [themes[s] for s in data["themes"] if s in themes]),
        (initiative.carriers, [organisations[s] for s in data["carriers"] if s in organisations]),
        (initiative.labs, [organisations[s] for s in data.get("labs", []) if s in organisations]),
    ]
    for manager, objects in related:
        if {o.pk for o in manager.all()} != {o.pk for o in objects}:
            manager.set(objects)
            changed = True
    for stage, date, note in steps:
        _sync(StageChange, {"initiative": initiative, "stage": stage, "date": date},
              {"note": typography(note)})  # fmt: skip
    for position, (label, value, unit, measured_on) in enumerate(data.get("indicators", [])):
        _sync(
            Indicator,
            {"initiative": initiative, "label": typography(label)},
            {
                "value": Decimal(value),
                "unit": unit,
                "measured_on": measured_on,
                "source": source,
                "position": position,
            },
        )
    if changed:
        initiative.save()  # recomputes the search document with themes and organisations
    return initiative


def _sync(model, lookup: dict, values: dict):
    """Get or create `model` by `lookup`; save `values` only where they differ.

    Returns (object, changed).
    """
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), True
    differing = {
        name: value
        for name, value in values.items()
        if _current(obj, name) != (value.pk if hasattr(value, "pk") else value)
    }
    if differing:
        for name, value in differing.items():
            setattr(obj, name, value)
        obj.save()
    return obj, bool(differing)


def _current(obj, name):
    field = obj._meta.get_field(name)
    return getattr(obj, field.attname)
