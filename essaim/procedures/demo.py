"""Demonstration procedures (see essaim.core.demo_data): the MDPH du Nord’s guided request, the
Département du Nord’s AMASES emergency aid, a COVIDOM-like daily questionnaire, the Mission
locale de Lille’s Crédit-Loisirs with its eligibility check, all built with the builder’s
services, and the DIRECCTE’s WorkInFrance form imported from démarches-simplifiées; with an
editor, an instructor and a few dossiers of a demo citizen.

Organisations and the citizen come from essaim.accounts.demo (looked up by slug and e-mail).
`load()` is idempotent: a procedure that exists (by slug) is left as it is, and the citizen’s
dossiers are only created for a procedure where they have none.
"""

from django.utils import timezone

from essaim.accounts.models import Membership, Organisation, Role, User
from essaim.core.demo_data import DEMO_PASSWORD
from essaim.procedures import (
    builder_rules,
    builder_services,
    builder_team,
    conditions,
    definitions,
    demo_forms_loisirs,
    demo_workinfrance,
    services,
)
from essaim.procedures.demo_forms import MDPH_DECISION, MDPH_FORM, MDPH_RULES
from essaim.procedures.demo_forms_amases import (
    AMASES_DECISION,
    AMASES_FORM,
    AMASES_RULES,
    FOLLOW_UP_FORM,
    FOLLOW_UP_RULES,
)
from essaim.procedures.enums import Audience
from essaim.procedures.models import Procedure

EDITOR_EMAIL = "claire.martin@essaim.example"
INSTRUCTOR_EMAIL = "karim.benali@essaim.example"
CITIZEN_EMAIL = "lucas.moreau@essaim.example"  # created by essaim.accounts.demo
AMASES_EDITOR_EMAIL = "marc.dubois@essaim.example"  # editor of the Département du Nord

# e-mail, first name, last name, [(organisation slug, role)], banner description.
PEOPLE = [
    (
        EDITOR_EMAIL,
        "Claire",
        "Martin",
        [
            ("mdph-du-nord", Role.EDITOR),
            ("ap-hp", Role.EDITOR),
            ("mission-locale-de-lille", Role.EDITOR),
            ("direccte-hauts-de-france", Role.EDITOR),
        ],
        "éditrice de démarches à la MDPH du Nord, à l’AP-HP, à la Mission locale de Lille et "
        "à la DIRECCTE (/demarches/gestion/)",
    ),
    (
        INSTRUCTOR_EMAIL,
        "Karim",
        "Benali",
        [
            ("mdph-du-nord", Role.MEMBER),
            ("departement-du-nord", Role.MEMBER),
            ("mission-locale-de-lille", Role.MEMBER),
        ],
        "instructeur des démarches MDPH, AMASES et Crédit-Loisirs (/demarches/instruction/)",
    ),
]

ACCOUNTS = [(email, description) for email, _first, _last, _roles, description in PEOPLE]

DOCUMENT_LATER = {"files": [], "missing_reason": "Je l’apporterai à l’accueil de la MDPH."}

PROCEDURES = [
    {
        "slug": "demande-mdph-du-nord",
        "organisation": "mdph-du-nord",
        "editor": EDITOR_EMAIL,
        "title": "Demande à la MDPH du Nord",
        "description": "Demandez une aide, une prestation ou une orientation liée au handicap : "
        "le formulaire vous guide selon votre situation et vérifie que votre dossier est "
        "complet avant l’envoi, pour qu’il soit étudié sans attendre de pièce manquante.",
        "audience": Audience.CITIZENS,
        "estimated_minutes": 30,
        "documents_to_prepare": [
            {"label": "Certificat médical de moins d’un an", "help": "Cerfa n° 15695."},
            {"label": "Pièce d’identité", "help": ""},
            {"label": "Justificatif de domicile", "help": ""},
        ],
        "contact_email": "accueil.mdph@essaim.example",
        "state_deadlines": {"submitted": 15, "in_instruction": 120},
        "form": MDPH_FORM,
        "rules": MDPH_RULES,
        "decision_template": MDPH_DECISION,
        "dossiers": [
            (
                "draft",
                {"demande_pour": "moi", "nom": "Moreau", "prenom": "Lucas", "reside_nord": "oui"},
            ),
            (
                "in_instruction",
                {
                    "demande_pour": "moi",
                    "nom": "Moreau",
                    "prenom": "Lucas",
                    "date_naissance": "1987-03-14",
                    "reside_nord": "oui",
                    "courriel": CITIZEN_EMAIL,
                    "premiere_demande": "oui",
                    "situation": "salarie",
                    "employeur": "Transports de l’agglomération lilloise",
                    "besoins": ["deplacements", "emploi"],
                    "besoins_detail": "Je ne peux pas marcher plus de 200 mètres sans pause.",
                    "aides": ["cmi", "rqth"],
                    "certificat_medical": DOCUMENT_LATER,
                    "piece_identite": DOCUMENT_LATER,
                    "justificatif_domicile": DOCUMENT_LATER,
                },
            ),
        ],
    },
    {
        "slug": "amases-departement-du-nord",
        "organisation": "departement-du-nord",
        "editor": AMASES_EDITOR_EMAIL,
        "title": "Aide d’urgence AMASES",
        "description": "Allocation mensuelle d’aide sociale à l’enfance : une aide d’urgence "
        "pour les familles qui traversent une difficulté passagère. Déposez vos justificatifs "
        "en ligne ; votre UTPAS vous répond rapidement.",
        "audience": Audience.CITIZENS,
        "estimated_minutes": 10,
        "documents_to_prepare": [
            {"label": "Relevé d’identité bancaire (RIB)", "help": ""},
            {"label": "Justificatifs de ressources du dernier mois", "help": ""},
        ],
        "contact_email": "utpas@essaim.example",
        "state_deadlines": {"submitted": 3, "in_instruction": 10},
        "form": AMASES_FORM,
        "rules": AMASES_RULES,
        "decision_template": AMASES_DECISION,
        "dossiers": [
            (state, _answers)
            for state in ("submitted", "accepted")
            for _answers in [
                {
                    "nom": "Moreau",
                    "prenom": "Lucas",
                    "telephone": "06 12 34 56 78",
                    "besoin": "alimentation" if state == "accepted" else "scolarite",
                    "montant_demande": "150" if state == "accepted" else "85.50",
                    "foyer": [
                        {
                            "membre_prenom": "Lucas",
                            "membre_naissance": "1987-03-14",
                            "membre_ressources": "1150",
                        },
                        {
                            "membre_prenom": "Léa",
                            "membre_naissance": "2015-09-02",
                            "membre_ressources": "0",
                        },
                    ],
                    "iban": "FR76 3000 6000 0112 3456 7890 189",
                    "rib": DOCUMENT_LATER | {"missing_reason": "Envoyé par courrier à l’UTPAS."},
                    "justificatifs_ressources": DOCUMENT_LATER
                    | {"missing_reason": "Attestation CAF en cours de téléchargement."},
                }
            ]
        ],
    },
    {
        "slug": "suivi-quotidien-a-domicile",
        "organisation": "ap-hp",
        "editor": EDITOR_EMAIL,
        "title": "Suivi quotidien à domicile",
        "description": "Un questionnaire de deux minutes, chaque jour, pour que l’équipe "
        "soignante suive votre état à distance (sur le modèle de COVIDOM).",
        "audience": Audience.CITIZENS,
        "estimated_minutes": 2,
        "documents_to_prepare": [],
        "contact_email": "suivi@essaim.example",
        "state_deadlines": {"submitted": 1},
        "form": FOLLOW_UP_FORM,
        "rules": FOLLOW_UP_RULES,
        "dossiers": [],
    },
    demo_forms_loisirs.PROCEDURE
    | {
        "editor": EDITOR_EMAIL,
        "audience": Audience.CITIZENS,
        "dossiers": [
            (
                "submitted",
                {
                    "nom": "Moreau",
                    "prenom": "Lucas",
                    "date_naissance": "2004-05-21",
                    "habite_metropole": "oui",
                    "commune": "Roubaix",
                    "situation": "mission_locale",
                    "activites": ["cinema", "sport"],
                    "foyer": "1",
                },
            )
        ],
    },
    {
        "slug": "workinfrance-autorisation-provisoire-de-travail",
        "organisation": "direccte-hauts-de-france",
        "editor": EDITOR_EMAIL,
        "import": demo_workinfrance.definition,
        "dossiers": [],
    },
]

# The instructor transitions that lead a submitted dossier to each demo state.
PATHS = {
    "draft": [],
    "submitted": [],
    "in_instruction": ["instruct"],
    "accepted": ["instruct", "accept"],
}


def load() -> str:
    """Create the demo editor and instructor, the demo procedures and the citizen's dossiers.

    Side effects: saves User and Membership rows, then, for each procedure not yet there (by
    slug), a published procedure with its form, eligibility rules and instructor group; and for
    the demo citizen without dossiers in it, dossiers in several states (e-mails of receipt and
    of transitions are sent as in real use).
    """
    _people()
    created = dossiers = 0
    for data in PROCEDURES:
        organisation = Organisation.objects.filter(slug=data["organisation"]).first()
        editor = User.objects.filter(email=data["editor"]).first()
        if organisation is None or editor is None:
            continue
        procedure = Procedure.objects.filter(slug=data["slug"]).first()
        if procedure is None:
            procedure = _procedure(data, organisation=organisation, editor=editor)
            created += 1
        dossiers += _dossiers(procedure, data["dossiers"])
    published = Procedure.objects.filter(slug__in=[p["slug"] for p in PROCEDURES]).count()
    return (
        f"{published} démarches de démonstration ({created} créées), "
        f"{dossiers} dossiers ajoutés, {len(ACCOUNTS)} comptes"
    )


def _people() -> None:
    organisations = {o.slug: o for o in Organisation.objects.all()}
    for email, first_name, last_name, memberships, _description in PEOPLE:
        user = User.objects.filter(email=email).first() or User.objects.create_user(
            email,
            DEMO_PASSWORD,
            first_name=first_name,
            last_name=last_name,
            email_confirmed_at=timezone.now(),
        )
        for slug, role in memberships:
            if slug in organisations:
                Membership.objects.get_or_create(
                    user=user, organisation=organisations[slug], defaults={"role": role}
                )


def _imported(data, *, organisation, editor) -> Procedure:
    """A procedure imported from another platform's format, published as it comes."""
    definition, _report = data["import"]()
    procedure = definitions.import_definition(definition, organisation=organisation, by=editor)
    if procedure.slug != data["slug"]:
        procedure.slug = data["slug"]
        procedure.save(update_fields=["slug"])
    return _publish(procedure, procedure.draft_version, editor)


def _procedure(data, *, organisation, editor) -> Procedure:
    if "import" in data:
        return _imported(data, organisation=organisation, editor=editor)
    procedure = builder_services.create_procedure(
        by=editor,
        organisation=organisation,
        slug=data["slug"],
        title=data["title"],
        description=data["description"],
        audience=data["audience"],
        estimated_minutes=data["estimated_minutes"],
        documents_to_prepare=data["documents_to_prepare"],
        allow_missing_document_explanation=True,
        contact_email=data["contact_email"],
        state_deadlines=data["state_deadlines"],
        decision_template=data.get("decision_template", ""),
    )
    version = procedure.draft_version
    for title, description, condition, fields in data["form"]:
        section = builder_services.add_section(
            version, title=title, description=description, condition=_parsed(condition)
        )
        for field in fields:
            _add_field(version, section, field)
    for rule in data["rules"]:
        builder_rules.add_rule(
            version, **(rule | {"condition": conditions.parse(rule["condition"])})
        )
    return _publish(procedure, version, editor)


def _publish(procedure, version, editor) -> Procedure:
    builder_services.publish_version(version, by=editor, note="Version de démonstration")
    group = procedure.instructor_groups.get(is_default=True)
    builder_team.add_instructor(group, email=INSTRUCTOR_EMAIL, by=editor)
    procedure.refresh_from_db()  # published by publish_version
    return procedure


def _add_field(version, section, field, parent=None):
    attributes = dict(field)
    children = attributes.pop("children", [])
    for name in ("condition", "required_condition"):
        attributes[name] = _parsed(attributes.get(name))
    created = builder_services.add_field(version, section=section, parent=parent, **attributes)
    for child in children:
        _add_field(version, None, child, parent=created)


def _parsed(text):
    return conditions.parse(text) if text else None


def _dossiers(procedure, wanted) -> int:
    citizen = User.objects.filter(email=CITIZEN_EMAIL).first()
    instructor = User.objects.filter(email=INSTRUCTOR_EMAIL).first()
    if citizen is None or not wanted or procedure.dossiers.filter(applicant=citizen).exists():
        return 0
    for state, answers in wanted:
        dossier = services.start_dossier(procedure=procedure, applicant=citizen, prefill=answers)
        if state == "draft":
            continue
        services.submit(dossier, by=citizen)
        for name in PATHS[state]:
            dossier = services.transition(
                dossier,
                name=name,
                by=instructor,
                reason="Dossier complet : aide accordée." if name == "accept" else "",
            )
    return len(wanted)
