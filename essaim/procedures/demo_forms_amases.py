"""The forms of the AMASES emergency aid (Département du Nord, instructed in the UTPAS) and of
the COVIDOM-like daily follow-up questionnaire (read by essaim.procedures.demo; the shape of a
form is described in essaim.procedures.demo_forms)."""

from essaim.procedures.demo_forms import YES_NO, _document, _options

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
                # Not "motif": in a decision letter {{ motif }} is the reason of the decision.
                "key": "besoin",
                "type": "choice",
                "label": "Pour quel besoin ?",
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
                        "help_text": "Salaire, allocations, pensions ; 0 s’il n’en a pas.",
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

# The decision letter (see essaim.procedures.demo_forms.MDPH_DECISION): the household's total
# resources are the computed sum of the block's amounts.
AMASES_DECISION = (
    "Madame, Monsieur,\n\n"
    "Vous avez demandé l’allocation mensuelle d’aide sociale à l’enfance (AMASES) pour le besoin "
    "suivant\u00a0: {{ besoin }}, pour un montant de {{ montant_demande }}\u00a0euros "
    "(demande n°\u00a0{{ numero }}).\n\n"
    "Votre UTPAS a étudié votre demande au vu des ressources mensuelles déclarées pour votre "
    "foyer de {{ personnes_foyer }}\u00a0personne(s)\u00a0: {{ ressources_foyer }}\u00a0euros "
    "au total. Votre dossier a été {{ etat }} le {{ date }}.\n\n"
    "{{ motif }}\n\n"
    "Si l’aide est accordée, elle est versée sur le compte dont vous nous avez donné l’IBAN, "
    "en une fois, dans les quinze jours. Vous pouvez contester cette décision auprès du "
    "président du Département du Nord dans les deux mois qui suivent la réception de ce "
    "courrier\u00a0; votre UTPAS peut vous y aider.\n\n"
    "Nous vous prions d’agréer, Madame, Monsieur, l’expression de nos salutations "
    "distinguées.\n\n"
    "{{ organisation }}"
)

FOLLOW_UP_FORM = [
    (
        "Votre état aujourd’hui",
        "Répondez chaque jour : l’équipe soignante est alertée si quelque chose l’inquiète.",
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
                "label": "Êtes-vous essoufflé(e) au repos ?",
                "required": True,
            },
            {
                "key": "essoufflement_depuis",
                "type": "choice",
                "label": "Depuis quand ?",
                "required": True,
                "condition": "essoufflement = vrai",
                "options": _options(
                    ("aujourdhui", "Aujourd’hui"), ("plusieurs", "Plusieurs jours")
                ),
            },
            {"key": "remarques", "type": "textarea", "label": "Autre chose à signaler ?"},
        ],
    ),
]

FOLLOW_UP_RULES = [
    {
        "outcome": "ineligible",
        "condition": "essoufflement = vrai ou temperature >= 39,5",
        "title": "Appelez le 15 si vous êtes gêné(e) pour respirer",
        "message": "Envoyez tout de même ce questionnaire : l’équipe soignante vous rappelle.",
        "link_url": "tel:15",
        "link_label": "Appeler le SAMU (15)",
        "blocks_submission": False,
    },
]
