"""The Crédit-Loisirs request of the Mission locale de Lille, with its eligibility check (read by
essaim.procedures.demo; the shape of a form is described in essaim.procedures.demo_forms).

The Crédit-Loisirs, run for thirty years by the Mission locale de Lille, opens culture and
leisure to the least well-off inhabitants of the Lille metropolis; the SIILAB and the Mission
locale reworked it during the Mois de l’innovation publique 2020. The thresholds and amounts
below are illustrative: texts are ours, the scheme's real rules are the Mission locale's.
"""

from essaim.procedures.demo_forms import YES_NO, _document, _options

FORM = [
    (
        "Vous et votre situation",
        "Quelques questions suffisent pour savoir si le Crédit-Loisirs est pour vous : la "
        "réponse s’affiche dès que vos réponses le permettent.",
        None,
        [
            {"key": "nom", "type": "text", "label": "Nom", "required": True},
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
                "key": "habite_metropole",
                "type": YES_NO,
                "label": "Habitez-vous dans la Métropole européenne de Lille ?",
                "required": True,
                "help_text": "Le Crédit-Loisirs est financé par les communes de la métropole.",
            },
            {
                "key": "commune",
                "type": "text",
                "label": "Votre commune",
                "required": True,
                "condition": "habite_metropole = vrai",
            },
            {
                "key": "situation",
                "type": "choice",
                "label": "Votre situation",
                "required": True,
                "options": [
                    {
                        "value": "mission_locale",
                        "label": "Jeune de 16 à 25 ans accompagné par la Mission locale",
                        "help": "Votre conseiller confirmera votre inscription : pas de "
                        "justificatif de ressources à joindre.",
                    },
                    *_options(
                        ("rsa", "Bénéficiaire du RSA"),
                        ("demandeur", "Demandeur d’emploi"),
                        ("etudiant_boursier", "Étudiant boursier"),
                        ("autre", "Autre situation"),
                    ),
                ],
                "params": {"display": "radio"},
            },
            {
                "key": "quotient_familial",
                "type": "integer",
                "label": "Quotient familial CAF (en euros)",
                "help_text": "Il figure sur votre attestation de paiement de la CAF.",
                "required_condition": 'situation = "autre"',
                "condition": 'situation != "mission_locale"',
                "params": {"min": 0, "max": 5000},
            },
        ],
    ),
    (
        "Vos envies",
        "Dites-nous ce qui vous ferait plaisir : la Mission locale vous propose les "
        "partenaires les plus proches.",
        None,
        [
            {
                "key": "activites",
                "type": "multiple_choice",
                "label": "Quelles sorties vous intéressent ?",
                "required": True,
                "options": _options(
                    ("cinema", "Cinéma"),
                    ("spectacle", "Théâtre, concert, spectacle"),
                    ("musee", "Musée, exposition"),
                    ("sport", "Sport, piscine"),
                    ("lecture", "Livres, médiathèque"),
                ),
            },
            {
                "key": "foyer",
                "type": "integer",
                "label": "Nombre de personnes dans le foyer",
                "required": True,
                "params": {"min": 1, "max": 20},
            },
        ],
    ),
    (
        "Justificatifs",
        "",
        'situation != "mission_locale"',
        [
            _document(
                "attestation_ressources",
                "Attestation de la CAF, de Pôle emploi ou avis de bourse",
                "Un seul document récent (moins de trois mois) qui montre votre situation.",
            ),
        ],
    ),
]

RULES = [
    {
        "outcome": "ineligible",
        "condition": "habite_metropole = faux",
        "title": "Le Crédit-Loisirs est réservé aux habitants de la métropole lilloise",
        "message": "Le centre communal d’action sociale (CCAS) de votre commune peut vous "
        "indiquer les aides aux loisirs de votre territoire.",
        "link_url": "https://www.service-public.fr/particuliers/vosdroits/F12407",
        "link_label": "Trouver le CCAS de sa commune",
        "blocks_submission": True,
    },
    {
        "outcome": "ineligible",
        "condition": 'situation = "autre" et quotient_familial > 700',
        "title": "Vos ressources dépassent le plafond du Crédit-Loisirs",
        "message": "Le Crédit-Loisirs est réservé aux foyers dont le quotient familial est de "
        "700 € au plus. Votre commune propose peut-être une carte culture ouverte à tous.",
        "blocks_submission": True,
    },
    {
        "outcome": "entitled",
        "condition": 'habite_metropole = vrai et (situation != "autre" '
        "ou quotient_familial <= 700)",
        "title": "Vous avez probablement droit au Crédit-Loisirs",
        "message": "Un chéquier de sorties chez les partenaires culturels et sportifs de la "
        "métropole, après validation par la Mission locale.",
    },
    {
        "outcome": "entitled",
        "condition": "age >= 15 et age < 19",
        "title": "Pensez aussi au pass Culture",
        "message": "Les jeunes de 15 à 18 ans disposent d’un crédit pour des sorties et des "
        "biens culturels, en plus du Crédit-Loisirs.",
        "link_url": "https://pass.culture.fr/",
        "link_label": "Découvrir le pass Culture",
    },
]

PROCEDURE = {
    "slug": "credit-loisirs-mission-locale-de-lille",
    "organisation": "mission-locale-de-lille",
    "title": "Crédit-Loisirs",
    "description": "Des sorties culturelles et sportives à petit prix pour les habitants de la "
    "métropole lilloise aux revenus modestes. Le formulaire vous dit tout de suite si vous y "
    "avez droit, et à quelles autres aides penser.",
    "estimated_minutes": 5,
    "documents_to_prepare": [],
    "contact_email": "credit-loisirs@essaim.example",
    "state_deadlines": {"submitted": 10, "in_instruction": 20},
    "form": FORM,
    "rules": RULES,
}
