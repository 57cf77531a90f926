"""The validation parameters the builder offers for each field type, as Django form fields.

`Field.params` stores them as JSON (see the registry in `fields/` for their meaning); this module
only turns them into inputs and back. The registry's `param_errors` stays the authority on what
is valid.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from essaim.procedures.enums import FieldType

T = FieldType


def _int(label, help_text="", minimum=0):
    return lambda: forms.IntegerField(
        label=label, help_text=help_text, required=False, min_value=minimum
    )


def _text(label, help_text="", max_length=300):
    return lambda: forms.CharField(
        label=label, help_text=help_text, required=False, max_length=max_length
    )


def _bool(label, help_text=""):
    return lambda: forms.BooleanField(label=label, help_text=help_text, required=False)


def _decimal(label):
    return lambda: forms.DecimalField(label=label, required=False, max_digits=18, decimal_places=6)


def _url(label):
    return lambda: forms.URLField(label=label, required=False, assume_scheme="https")


def _choice(label, choices):
    return lambda: forms.ChoiceField(label=label, choices=choices, required=False)


DATE_HELP = _("AAAA-MM-JJ, ou « today » pour la date du jour.")
LENGTHS = {
    "min_length": _int(_("Nombre de caractères minimum")),
    "max_length": _int(_("Nombre de caractères maximum"), minimum=1),
    "placeholder": _text(_("Exemple affiché dans le champ vide"), max_length=100),
}
UNIT = _text(_("Unité"), _("Par exemple « € » ou « enfants »."), 20)
DATES = {
    "min": _text(_("Date la plus ancienne acceptée"), DATE_HELP, 10),
    "max": _text(_("Date la plus récente acceptée"), DATE_HELP, 10),
    "not_future": _bool(_("Refuser les dates dans le futur")),
}
PARAMS = {
    T.TEXT: LENGTHS,
    T.TEXTAREA: LENGTHS,
    T.INTEGER: {
        "min": _int(_("Valeur minimum"), minimum=None),
        "max": _int(_("Valeur maximum"), minimum=None),
        "unit": UNIT,
    },
    T.DECIMAL: {
        "min": _decimal(_("Valeur minimum")),
        "max": _decimal(_("Valeur maximum")),
        "decimal_places": _int(_("Nombre de décimales au plus")),
        "unit": UNIT,
    },
    T.DATE: DATES,
    T.DATETIME: DATES,
    T.CHOICE: {
        "display": _choice(
            _("Présentation"),
            [("radio", _("Boutons radio")), ("select", _("Liste déroulante"))],
        ),
        "allow_other": _bool(_("Proposer « Autre, précisez »")),
    },
    T.MULTIPLE_CHOICE: {
        "min_choices": _int(_("Nombre de choix minimum")),
        "max_choices": _int(_("Nombre de choix maximum"), minimum=1),
    },
    T.PHONE: {
        "international": _bool(
            _("Accepter les numéros étrangers"),
            _("Sinon, seuls les numéros français sont acceptés."),
        ),
    },
    T.LINKED_CHOICE: {
        "level_labels": _text(
            _("Libellés des niveaux"),
            _("Séparés par des virgules : « Département, Commune »."),
            200,
        ),
    },
    T.REGEX: {
        **LENGTHS,
        "pattern": _text(_("Expression régulière"), _("Par exemple ^[0-9]{5}$")),
        "example": _text(_("Exemple de valeur valide"), max_length=100),
        "pattern_message": _text(_("Message si la valeur ne correspond pas")),
    },
    T.REPEATABLE: {
        "min_rows": _int(_("Nombre de lignes minimum")),
        "max_rows": _int(_("Nombre de lignes maximum"), minimum=1),
        "row_label": _text(_("Nom d’une ligne"), _("Par exemple « Enfant »."), 60),
    },
    T.ATTACHMENT: {
        "accept": _text(
            _("Types de fichiers acceptés"), _("Séparés par des virgules : pdf, jpeg, png."), 100
        ),
        "max_size_mb": _int(_("Taille maximum par fichier (Mo)"), minimum=1),
        "max_files": _int(_("Nombre de fichiers maximum"), minimum=1),
        "model_url": _url(_("Adresse d’un modèle à télécharger")),
        "model_name": _text(_("Nom du modèle"), max_length=100),
        "allow_missing_explanation": _bool(
            _("Permettre d’expliquer l’absence de la pièce"),
            _("Le demandeur peut déposer sans la pièce en disant pourquoi."),
        ),
    },
    T.TERMS: {"terms_url": _url(_("Adresse des conditions à accepter"))},
    T.COMPUTED: {
        "formula_op": _choice(
            _("Calcul"),
            [
                ("age", _("Âge à partir d’une date de naissance")),
                ("sum", _("Somme d’une colonne d’un bloc répétable")),
                ("count", _("Nombre de lignes d’un bloc répétable")),
            ],
        ),
        "formula_field": _text(_("Identifiant du champ lu"), max_length=60),
        "formula_block": _text(_("Identifiant du bloc répétable"), max_length=60),
        "unit": UNIT,
    },
}
# Types whose answers are picked among options.
WITH_OPTIONS = frozenset({T.CHOICE, T.MULTIPLE_CHOICE, T.LINKED_CHOICE})
PREFIX = "param_"
# Stored as JSON lists, typed as comma-separated text.
LIST_PARAMS = ("accept", "level_labels")


def form_fields(field_type: str) -> dict[str, forms.Field]:
    """The inputs of `field_type`'s parameters, named `param_<name>`."""
    return {f"{PREFIX}{name}": make() for name, make in PARAMS.get(field_type, {}).items()}


def initial(field_type: str, params: dict) -> dict:
    """Form initial values from stored params."""
    params = dict(params or {})
    if field_type == T.COMPUTED:
        formula = params.pop("formula", {}) or {}
        params.update({f"formula_{k}": v for k, v in formula.items()})
    for name in LIST_PARAMS:
        if isinstance(params.get(name), list):
            params[name] = ", ".join(params[name])
    return {f"{PREFIX}{name}": value for name, value in params.items()}


def from_cleaned(field_type: str, cleaned: dict) -> dict:
    """Stored params from a valid form's cleaned data (empty values left out)."""
    params = {}
    for name in PARAMS.get(field_type, {}):
        value = cleaned.get(f"{PREFIX}{name}")
        if (value is None or value == "" or value is False) and name != "international":
            continue
        if hasattr(value, "as_tuple"):  # Decimal → exact string, as answers store decimals
            value = format(value.normalize(), "f")
        params[name] = value
    if params.get("accept"):
        params["accept"] = [
            part.strip().lower().lstrip(".") for part in params["accept"].split(",") if part.strip()
        ]
    if params.get("level_labels"):
        params["level_labels"] = [
            part.strip() for part in params["level_labels"].split(",") if part.strip()
        ]
    if field_type == T.COMPUTED:
        formula = {
            key: params.pop(f"formula_{key}")
            for key in ("op", "field", "block")
            if f"formula_{key}" in params
        }
        if formula:
            params["formula"] = formula
    return params
