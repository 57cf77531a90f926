"""Bulk generators of the Démarches (`essaim generate dossiers|big-form`), for `make bench`.

- `dossiers`: a « Démarche de charge » (a realistic 20-question form, five instructor groups by
  département) and `count` submitted dossiers spread over the groups and states, written with
  COPY on PostgreSQL in batches; the load instructor sits in the first group only (a fifth of
  the dossiers: 200,000 of 1,000,000).
- `big-form`: a published « Formulaire de 300 champs » (10 parts × 30 questions, 100 of them
  shown under a condition) and one draft of the load applicant, every answer filled.

Deterministic for a given `--seed`. The people's e-mails are the constants below; the bench
signs them in with a session made in `bench/procedures.py`.
"""

import datetime
import uuid

from django.contrib.auth.hashers import make_password
from django.db import connection
from django.utils import timezone

from essaim.accounts.models import Organisation, OrganisationKind, User
from essaim.catalogue.generate import _insert as insert_rows  # COPY on PostgreSQL
from essaim.core.generators import register
from essaim.procedures.enums import DossierState, ProcedureStatus
from essaim.procedures.models import (
    Dossier,
    Field,
    FormVersion,
    Instructor,
    InstructorGroup,
    Procedure,
    Section,
)

LOAD_SLUG = "demarche-de-charge"
BIG_SLUG = "formulaire-de-300-champs"
INSTRUCTOR_EMAIL = "instructeur.charge@essaim.example"
APPLICANT_EMAIL = "demandeur.charge@essaim.example"
APPLICANT_DOMAIN = "dossiers.charge.essaim.example"
DEPARTMENTS = ["Nord", "Pas-de-Calais", "Somme", "Oise", "Aisne"]
BATCH = 50_000
STATES = [
    (DossierState.SUBMITTED, 30),
    (DossierState.IN_INSTRUCTION, 25),
    (DossierState.CORRECTION_REQUESTED, 5),
    (DossierState.ACCEPTED, 30),
    (DossierState.REFUSED, 7),
    (DossierState.WITHOUT_FOLLOW_UP, 3),
]
LOAD_FIELDS = [
    ("nom", "text"), ("prenom", "text"), ("courriel", "email"), ("telephone", "phone"),
    ("naissance", "date"), ("situation", "choice"), ("enfants", "integer"),
    ("ressources", "decimal"), ("logement", "choice"), ("motif", "textarea"),
    ("montant", "decimal"), ("urgence", "yes_no"), ("commune", "text"), ("iban", "text"),
    ("employeur", "text"), ("anciennete", "integer"), ("aide_deja", "yes_no"),
    ("organisme", "text"), ("remarques", "textarea"), ("consentement", "checkbox"),
]  # fmt: skip
CHOICES = [{"value": v, "label": v.capitalize()} for v in ("salarie", "etudiant", "sans_emploi")]


def _user(email, first_name, last_name) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email, None, first_name=first_name, last_name=last_name,
            email_confirmed_at=timezone.now(),
        )  # fmt: skip
    return user


def _organisation() -> Organisation:
    return Organisation.objects.order_by("pk").first() or Organisation.objects.create(
        name="Département de démonstration", kind=OrganisationKind.LOCAL_AUTHORITY
    )


def _published(slug, title, sections) -> Procedure:
    """A published procedure `slug` whose one version holds `sections` [(title, [fields])]."""
    procedure = Procedure.objects.filter(slug=slug).first()
    if procedure is not None:
        return procedure
    procedure = Procedure.objects.create(
        organisation=_organisation(), slug=slug, title=title, status=ProcedureStatus.PUBLISHED,
        state_deadlines={"submitted": 15, "in_instruction": 60},
    )  # fmt: skip
    version = FormVersion.objects.create(procedure=procedure, number=1)
    for position, (section_title, fields) in enumerate(sections):
        section = Section.objects.create(version=version, position=position, title=section_title)
        Field.objects.bulk_create(
            Field(version=version, section=section, position=i, **field)
            for i, field in enumerate(fields)
        )
    FormVersion.objects.filter(pk=version.pk).update(published_at=timezone.now())
    return procedure


def _answers(rng, n) -> dict:
    return {
        "nom": f"Nom{n % 5000}", "prenom": rng.choice(["Léa", "Hugo", "Inès", "Karim", "Zoé"]),
        "courriel": f"personne{n}@{APPLICANT_DOMAIN}", "telephone": "+33612345678",
        "naissance": f"19{rng.randint(40, 99)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
        "situation": rng.choice(CHOICES)["value"], "enfants": rng.randint(0, 5),
        "ressources": f"{rng.randint(0, 3000)}.00", "logement": "locataire",
        "motif": "Difficulté passagère après une perte d’emploi.",
        "montant": f"{rng.randint(50, 900)}.00", "urgence": rng.random() < 0.2,
        "commune": rng.choice(["Lille", "Arras", "Amiens", "Beauvais", "Laon"]),
        "consentement": True,
    }  # fmt: skip


@register("dossiers", help="dossiers déposés d’une « Démarche de charge » (5 groupes)")
def generate_dossiers(*, count: int, rng) -> int:
    """Create `count` submitted dossiers in the load procedure, spread over five groups by
    département and over the states after submission; one applicant per 100 dossiers.

    Side effects: saves the procedure (first time), its groups, the load instructor (in the
    first group), applicants and Dossier rows.
    """
    fields = [
        {"key": key, "type": kind, "label": key.replace("_", " ").capitalize(),
         "options": CHOICES if kind == "choice" else []}
        for key, kind in LOAD_FIELDS
    ]  # fmt: skip
    procedure = _published(LOAD_SLUG, "Démarche de charge", [("Demande", fields)])
    version = procedure.versions.get(number=1)
    groups = []
    for position, name in enumerate(DEPARTMENTS):
        group, _created = InstructorGroup.objects.get_or_create(
            procedure=procedure, name=name,
            defaults={"position": position, "is_default": position == 0},
        )  # fmt: skip
        groups.append(group.pk)
    instructor = _user(INSTRUCTOR_EMAIL, "Inès", "Charge")
    Instructor.objects.get_or_create(group_id=groups[0], user=instructor)
    applicants = _applicants(max(1, count // 100))
    states = [state for state, weight in STATES for _ in range(weight)]
    now = timezone.now()
    start = Dossier.objects.count()
    rows = []
    for n in range(start, start + count):
        state = rng.choice(states)
        submitted = now - datetime.timedelta(minutes=rng.randint(60, 60 * 24 * 700))
        decided = state in {DossierState.ACCEPTED, DossierState.REFUSED}
        rows.append({
            "public_id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "procedure_id": procedure.pk, "version_id": version.pk,
            "applicant_id": applicants[n % len(applicants)], "state": state,
            "answers": _answers(rng, n), "group_id": groups[n % len(groups)],
            "submitted_at": submitted,
            "state_changed_at": submitted + datetime.timedelta(days=rng.randint(0, 60)),
            "decided_at": submitted + datetime.timedelta(days=30) if decided else None,
            "purge_after": (submitted + datetime.timedelta(days=31 * 36)).date(),
            "created_at": submitted, "updated_at": submitted,
        })  # fmt: skip
        if len(rows) >= BATCH:
            insert_rows(Dossier, rows, now=now)
            rows = []
    if rows:
        insert_rows(Dossier, rows, now=now)
    return count


def _applicants(count: int) -> list[int]:
    existing = list(
        User.objects.filter(email__endswith=f"@{APPLICANT_DOMAIN}").values_list("pk", flat=True)
    )
    if len(existing) >= count:
        return existing[:count]
    password = make_password(None)
    User.objects.bulk_create(
        [
            User(email=f"demandeur{n}@{APPLICANT_DOMAIN}", password=password,
                 first_name="Demandeur", last_name=f"Numéro {n}")
            for n in range(len(existing), count)
        ],
        batch_size=5000,
    )  # fmt: skip
    return list(
        User.objects.filter(email__endswith=f"@{APPLICANT_DOMAIN}").values_list("pk", flat=True)
    )


def big_form_sections() -> list:
    """10 parts × 30 questions; in each part the first question is a yes/no and 10 of the
    others are shown only under a condition on earlier answers (100 conditions in all)."""
    sections = []
    for s in range(10):
        fields = [{"key": f"p{s}_ouvert", "type": "yes_no", "label": f"Partie {s} : concerné ?"}]
        for q in range(1, 30):
            kind = ["text", "integer", "choice", "date", "email", "decimal"][q % 6]
            field = {
                "key": f"p{s}_q{q}", "type": kind, "label": f"Question {q} de la partie {s}",
                "required": q % 4 == 0, "options": CHOICES if kind == "choice" else [],
                "help_text": "Une aide contextuelle pour cette question.",
            }  # fmt: skip
            if q % 3 == 0 or q == 29:  # 10 conditional questions per part
                field["condition"] = (
                    {"field": f"p{s}_ouvert", "op": "eq", "value": True}
                    if q % 2
                    else {"all": [{"field": f"p{s}_q1", "op": "filled"},
                                  {"field": f"p{s}_q{q - 1}", "op": "ne", "value": "zzz"}]}
                )  # fmt: skip
            fields.append(field)
        sections.append((f"Partie {s}", fields))
    return sections


def big_form_answers() -> dict:
    values = {"text": "Réponse", "integer": 42, "choice": "salarie", "date": "2001-02-03",
              "email": "reponse@exemple.fr", "decimal": "12.50"}  # fmt: skip
    answers = {}
    for _title, fields in big_form_sections():
        for field in fields:
            answers[field["key"]] = True if field["type"] == "yes_no" else values[field["type"]]
    return answers


@register("big-form", help="formulaire publié de 300 champs et 100 conditions, un brouillon rempli")
def generate_big_form(*, count: int, rng) -> int:
    """The 300-field form and `count` filled drafts of the load applicant.

    Side effects: saves the procedure (first time), the applicant, Dossier rows.
    """
    procedure = _published(BIG_SLUG, "Formulaire de 300 champs", big_form_sections())
    applicant = _user(APPLICANT_EMAIL, "Dora", "Charge")
    version = procedure.versions.get(number=1)
    Dossier.objects.bulk_create(
        Dossier(procedure=procedure, version=version, applicant=applicant,
                answers=big_form_answers())
        for _ in range(count)
    )  # fmt: skip
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE procedures_dossier")
    return count
