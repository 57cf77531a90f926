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
                "label": "Pour qui faites-vous cette demande ?",
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
                "label": "La personne réside-t-elle dans le département du Nord ?",
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
                "label": "Est-ce une première demande à une MDPH ?",
                "required": True,
            },
            {
                "key": "numero_mdph",
                "type": "text",
                "label": "Numéro de dossier MDPH",
                "help_text": "Il figure sur les courriers de la MDPH ; laissez vide si vous "
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
        "Décrivez ce qui est difficile au quotidien : c’est ce qui permet d’évaluer vos besoins.",
        None,
        [
            {
                "key": "besoins",
                "type": "multiple_choice",
                "label": "Dans quels domaines avez-vous besoin d’aide ?",
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
                "help_more": "Par exemple : « je ne peux pas marcher plus de 100 mètres », "
                "« j’ai besoin qu’on m’aide à m’habiller le matin ».",
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
                "help_text": "Facultatif, mais très utile : ce que vous souhaitez pour votre "
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
                "label": "Quelles aides demandez-vous ?",
                "help_text": "Si vous ne savez pas, ne cochez rien : la MDPH étudie tous vos "
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
        "message": "Vos réponses indiquent que la personne a moins de 20 ans : l’AEEH peut "
        "être attribuée à ses parents.",
    },
    {
        "outcome": "entitled",
        "condition": 'age >= 20 et situation != "retraite"',
        "title": "Allocation aux adultes handicapés (AAH)",
        "message": "Selon vos ressources, l’AAH peut vous être versée.",
    },
]

AMASES_FORM = [
    (
        "Votre demande",
        "L’allocation mensuelle d’aide sociale à l’enfance (AMASES) aide les familles à faire "
        "face à une difficulté passagère pour l’entretien de leurs enfants. Votre UTPAS étudie "
        "la demande.",
        None,
        [
            {"key": "nom", "type": "text", "label": "Nom", "required": True},
            {"key": "prenom", "type": "text", "label": "Prénom", "required": True},
            {"key": "telephone", "type": "phone", "label": "Téléphone", "required": True},
            {
                "key": "motif",
                "type": "choice",
                "label": "Pour quel besoin ?",
                "required": True,
                "options": _options(
                    ("alimentation", "Alimentation"),
                    ("logement", "Loyer ou énergie"),
                    ("scolarite", "Frais de scolarité ou de cantine"),
                    ("sante", "Frais de santé"),
                ),
                "params": {"allow_other": True},
            },
            {
                "key": "montant_demande",
                "type": "decimal",
                "label": "Montant demandé (en euros)",
                "required": True,
                "params": {"min": 1, "max": 3000, "decimal_places": 2},
            },
        ],
    ),
    (
        "Votre foyer",
        "Indiquez chaque personne qui vit avec vous et ses ressources mensuelles.",
        None,
        [
            {
                "key": "foyer",
                "type": "repeatable",
                "label": "Personnes du foyer",
                "required": True,
                "params": {"min_rows": 1, "max_rows": 12, "row_label": "Personne"},
                "children": [
                    {"key": "membre_prenom", "type": "text", "label": "Prénom", "required": True},
                    {
                        "key": "membre_naissance",
                        "type": "date",
                        "label": "Date de naissance",
                        "required": True,
                        "params": {"not_future": True},
                    },
                    {
                        "key": "membre_ressources",
                        "type": "decimal",
                        "label": "Ressources mensuelles (en euros)",
                        "help_text": "Salaire, allocations, pensions ; 0 s’il n’en a pas.",
                        "params": {"min": 0, "decimal_places": 2},
                    },
                ],
            },
            {
                "key": "ressources_foyer",
                "type": "computed",
                "label": "Total des ressources du foyer (en euros par mois)",
                "params": {
                    "formula": {"op": "sum", "block": "foyer", "field": "membre_ressources"}
                },
            },
            {
                "key": "personnes_foyer",
                "type": "computed",
                "label": "Nombre de personnes du foyer",
                "params": {"formula": {"op": "count", "block": "foyer"}},
            },
        ],
    ),
    (
        "Versement et justificatifs",
        "",
        None,
        [
            {
                "key": "iban",
                "type": "iban",
                "label": "IBAN du compte sur lequel verser l’aide",
                "required": True,
                "help_text": "Il figure sur votre relevé d’identité bancaire (RIB).",
            },
            _document("rib", "Relevé d’identité bancaire (RIB)", ""),
            _document(
                "justificatifs_ressources",
                "Justificatifs de ressources du dernier mois",
                "Bulletins de salaire, attestation CAF ou Pôle emploi.",
                max_files=5,
            ),
            _document(
                "facture",
                "Facture ou devis",
                "Si votre demande concerne une dépense précise.",
                required=False,
            ),
        ],
    ),
]

AMASES_RULES = [
    {
        "outcome": "ineligible",
        "condition": "ressources_foyer > 4000",
        "title": "Ressources au-delà du barème",
        "message": "Avec ces ressources, l’AMASES ne peut pas être accordée. Votre UTPAS peut "
        "vous orienter vers d’autres aides.",
        "link_url": "https://lenord.fr/",
        "link_label": "Trouver mon UTPAS",
        "blocks_submission": False,
    },
]

FOLLOW_UP_FORM = [
    (
        "Votre état aujourd’hui",
        "Répondez chaque jour : l’équipe soignante est alertée si quelque chose l’inquiète.",
        None,
        [
            {
                "key": "temperature",
                "type": "decimal",
                "label": "Température (en °C)",
                "required": True,
                "params": {"min": 34, "max": 43, "decimal_places": 1},
            },
            {
                "key": "essoufflement",
                "type": YES_NO,
                "label": "Êtes-vous essoufflé(e) au repos ?",
                "required": True,
            },
            {
                "key": "essoufflement_depuis",
                "type": "choice",
                "label": "Depuis quand ?",
                "required": True,
                "condition": "essoufflement = vrai",
                "options": _options(
                    ("aujourdhui", "Aujourd’hui"), ("plusieurs", "Plusieurs jours")
                ),
            },
            {"key": "remarques", "type": "textarea", "label": "Autre chose à signaler ?"},
        ],
    ),
]

FOLLOW_UP_RULES = [
    {
        "outcome": "ineligible",
        "condition": "essoufflement = vrai ou temperature >= 39,5",
        "title": "Appelez le 15 si vous êtes gêné(e) pour respirer",
        "message": "Envoyez tout de même ce questionnaire : l’équipe soignante vous rappelle.",
        "link_url": "tel:15",
        "link_label": "Appeler le SAMU (15)",
        "blocks_submission": False,
    },
]
