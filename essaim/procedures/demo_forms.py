"""The forms of the demonstration procedures (read by essaim.procedures.demo).

Inspired by the initiatives of the Mois de l’innovation publique 2020 press kit (Hauts-de-France):
the MDPH du Nord’s guided request, the Département du Nord’s AMASES emergency aid (instructed in
the UTPAS), and the COVIDOM daily follow-up questionnaire. Texts are ours; people are fictional.

Each form is a list of sections (title, description, condition text or None, [field dicts]); a
field dict takes Field's attributes, with `condition` / `required_condition` written in the
condition language (essaim.procedures.conditions) and `children` for a repeatable block.
"""

YES_NO = "yes_no"


def _options(*pairs):
    return [{"value": value, "label": label} for value, label in pairs]


def _document(key, label, help_text, *, required=True, max_files=1, **extra):
    return {
        "key": key,
        "type": "attachment",
        "label": label,
        "help_text": help_text,
        "required": required,
        "params": {
            "accept": ["pdf", "jpeg", "png"],
            "max_size_mb": 10,
            "max_files": max_files,
            "allow_missing_explanation": True,
        },
        **extra,
    }


MDPH_FORM = [
    (
        "Identité de la personne concernée",
        "La demande est faite au nom de la personne en situation de handicap, même si quelqu’un "
        "la remplit pour elle.",
        None,
        [
            {
                "key": "demande_pour",
                "type": "choice",
                "label": "Pour qui faites-vous cette demande ?",
                "required": True,
                "options": _options(
                    ("moi", "Pour moi-même"),
                    ("enfant", "Pour mon enfant"),
                    ("protege", "Pour une personne que je représente (tutelle, curatelle)"),
                ),
                "params": {"display": "radio"},
            },
            {
                "key": "representant",
                "type": "text",
                "label": "Vos nom et prénom (représentant légal)",
                "required": True,
                "condition": 'demande_pour != "moi"',
            },
            {"key": "nom", "type": "text", "label": "Nom de naissance", "required": True},
            {"key": "prenom", "type": "text", "label": "Prénom", "required": True},
            {
                "key": "date_naissance",
                "type": "date",
                "label": "Date de naissance",
                "required": True,
                "params": {"not_future": True},
            },
            {
                "key": "age",
                "type": "computed",
                "label": "Âge",
                "params": {"formula": {"op": "age", "field": "date_naissance"}},
            },
            {
                "key": "reside_nord",
                "type": YES_NO,
                "label": "La personne réside-t-elle dans le département du Nord ?",
                "required": True,
                "help_text": "La demande se dépose à la MDPH du département de résidence.",
            },
            {"key": "courriel", "type": "email", "label": "Adresse électronique"},
            {
                "key": "telephone",
                "type": "phone",
                "label": "Téléphone",
                "help_text": "Nous vous appelons si un élément manque, plutôt que de vous écrire.",
            },
        ],
    ),
    (
        "Situation",
        "",
        None,
        [
            {
                "key": "premiere_demande",
                "type": YES_NO,
                "label": "Est-ce une première demande à une MDPH ?",
                "required": True,
            },
            {
                "key": "numero_mdph",
                "type": "text",
                "label": "Numéro de dossier MDPH",
                "help_text": "Il figure sur les courriers de la MDPH ; laissez vide si vous "
                "ne le retrouvez pas.",
                "condition": "premiere_demande = faux",
            },
            {
                "key": "situation",
                "type": "choice",
                "label": "Situation actuelle",
                "required": True,
                "options": _options(
                    ("scolarise", "Scolarisé(e) ou étudiant(e)"),
                    ("salarie", "En emploi"),
                    ("demandeur", "Demandeur d’emploi"),
                    ("sans_activite", "Sans activité professionnelle"),
                    ("retraite", "Retraité(e)"),
                ),
            },
            {
                "key": "etablissement",
                "type": "text",
                "label": "Établissement scolaire ou de formation",
                "required": True,
                "condition": 'situation = "scolarise"',
            },
            {
                "key": "employeur",
                "type": "text",
                "label": "Employeur",
                "condition": 'situation = "salarie"',
                "help_text": "Utile si vous demandez la reconnaissance de la qualité de "
                "travailleur handicapé (RQTH).",
            },
        ],
    ),
    (
        "Vie quotidienne et besoins",
        "Décrivez ce qui est difficile au quotidien : c’est ce qui permet d’évaluer vos besoins.",
        None,
        [
            {
                "key": "besoins",
                "type": "multiple_choice",
                "label": "Dans quels domaines avez-vous besoin d’aide ?",
                "required": True,
                "options": _options(
                    ("deplacements", "Se déplacer"),
                    ("hygiene", "Prendre soin de soi (toilette, habillage)"),
                    ("repas", "Préparer les repas, faire les courses"),
                    ("communication", "Communiquer, être compris"),
                    ("scolarite", "Suivre sa scolarité"),
                    ("emploi", "Travailler ou trouver un emploi"),
                ),
            },
            {
                "key": "besoins_detail",
                "type": "textarea",
                "label": "Précisez vos difficultés",
                "params": {"max_length": 3000},
                "help_more": "Par exemple : « je ne peux pas marcher plus de 100 mètres », "
                "« j’ai besoin qu’on m’aide à m’habiller le matin ».",
            },
        ],
    ),
    (
        "Projet de vie",
        "",
        None,
        [
            {
                "key": "projet_de_vie",
                "type": "textarea",
                "label": "Vos attentes, vos projets",
                "params": {"max_length": 5000},
                "help_text": "Facultatif, mais très utile : ce que vous souhaitez pour votre "
                "vie (logement, travail, loisirs, études).",
            },
        ],
    ),
    (
        "Aides demandées",
        "",
        None,
        [
            {
                "key": "aides",
                "type": "multiple_choice",
                "label": "Quelles aides demandez-vous ?",
                "help_text": "Si vous ne savez pas, ne cochez rien : la MDPH étudie tous vos "
                "droits.",
                "options": _options(
                    ("aah", "Allocation aux adultes handicapés (AAH)"),
                    ("aeeh", "Allocation d’éducation de l’enfant handicapé (AEEH)"),
                    ("pch", "Prestation de compensation du handicap (PCH)"),
                    ("cmi", "Carte mobilité inclusion (CMI)"),
                    ("rqth", "Reconnaissance de la qualité de travailleur handicapé (RQTH)"),
                ),
            },
        ],
    ),
    (
        "Pièces justificatives",
        "",
        None,
        [
            _document(
                "certificat_medical",
                "Certificat médical de moins d’un an",
                "Rempli par votre médecin sur le formulaire Cerfa n° 15695.",
            ),
            _document(
                "piece_identite",
                "Pièce d’identité de la personne concernée",
                "Carte d’identité, passeport ou titre de séjour.",
            ),
            _document(
                "justificatif_domicile",
                "Justificatif de domicile",
                "Facture, quittance de loyer ou attestation d’hébergement.",
            ),
            _document(
                "jugement_protection",
                "Jugement de tutelle ou de curatelle",
                "",
                condition='demande_pour = "protege"',
            ),
        ],
    ),
]

MDPH_RULES = [
    {
        "outcome": "ineligible",
        "condition": "reside_nord = faux",
        "title": "Adressez-vous à la MDPH de votre département",
        "message": "La MDPH du Nord instruit les demandes des personnes qui résident dans le Nord.",
        "link_url": "https://www.monparcourshandicap.gouv.fr/",
        "link_label": "Trouver sa MDPH sur Mon parcours handicap",
        "blocks_submission": True,
    },
    {
        "outcome": "entitled",
        "condition": "age < 20",
        "title": "Allocation d’éducation de l’enfant handicapé (AEEH)",
        "message": "Vos réponses indiquent que la personne a moins de 20 ans : l’AEEH peut "
        "être attribuée à ses parents.",
    },
    {
        "outcome": "entitled",
        "condition": 'age >= 20 et situation != "retraite"',
        "title": "Allocation aux adultes handicapés (AAH)",
        "message": "Selon vos ressources, l’AAH peut vous être versée.",
    },
]

# The decision letter (Procedure.decision_template): `{{ numero }}`, `{{ etat }}`, `{{ motif }}`
# (the decision's reason), `{{ date }}`, `{{ organisation }}` and the fields' answers.
MDPH_DECISION = (
    "Madame, Monsieur,\n\n"
    "Vous avez déposé auprès de la MDPH du Nord la demande n°\u00a0{{ numero }} pour "
    "{{ prenom }} {{ nom }}, né(e) le {{ date_naissance }}.\n\n"
    "Situation déclarée\u00a0: {{ situation }}.\n"
    "Domaines dans lesquels une aide est demandée\u00a0: {{ besoins }}.\n\n"
    "Après l’évaluation de ces besoins par l’équipe pluridisciplinaire, votre dossier a été "
    "{{ etat }} le {{ date }}.\n\n"
    "{{ motif }}\n\n"
    "Si vous contestez cette décision, vous pouvez former un recours administratif préalable "
    "auprès de la MDPH du Nord dans les deux mois qui suivent la réception de ce courrier. "
    "L’accueil de la MDPH peut vous aider à le rédiger.\n\n"
    "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations "
    "distinguées.\n\n"
    "{{ organisation }}"
)
