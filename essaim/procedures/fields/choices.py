"""Single choice (with "autre, précisez"), multiple choice and linked choices."""

from django.utils.translation import gettext as _

from essaim.procedures.enums import FieldType
from essaim.procedures.fields.base import (
    BOOL,
    INT,
    TEXT,
    FieldError,
    FieldKind,
    register,
    typed_text,
)

OTHER = "__other__"
MAX_OTHER_LENGTH = 200


def option_values(options) -> list:
    return [option.get("value") for option in options or ()]


class _OptionsKind(FieldKind):
    needs_options = True

    def param_errors(self, params, options):
        errors = super().param_errors(params, options)
        values = option_values(options)
        if any(not isinstance(v, str) or not v for v in values):
            errors.append(_("Chaque option doit avoir une valeur (un texte court)."))
        if len(set(values)) != len(values):
            errors.append(_("Deux options ont la même valeur : rendez-les différentes."))
        if OTHER in values:
            errors.append(_("La valeur « __other__ » est réservée à la réponse « Autre »."))
        return errors


@register
class ChoiceKind(_OptionsKind):
    type = FieldType.CHOICE
    template = "procedures/fields/choice.html"
    params = {
        "display": (TEXT, _("« radio » (boutons) ou « select » (liste déroulante)")),
        "allow_other": (BOOL, _("vrai pour proposer « Autre, précisez »")),
    }

    def raw_from_post(self, data, files, name, spec=None):
        return {"choice": data.get(name, ""), "other": data.get(f"{name}__other", "")}

    def clean(self, raw, spec):
        if isinstance(raw, dict):
            choice = str(raw.get("choice") or "")
            other = typed_text(str(raw.get("other") or "")).strip()
        else:
            choice, other = self.text(raw), ""
        if choice == "":
            return None
        if choice in option_values(spec.options):
            return choice
        if choice == OTHER and spec.params.get("allow_other"):
            if not other:
                raise FieldError(_("Vous avez choisi « Autre » : précisez votre réponse."))
            if len(other) > MAX_OTHER_LENGTH:
                raise FieldError(
                    _("Raccourcissez votre précision à %(n)s caractères au plus.")
                    % {"n": MAX_OTHER_LENGTH}
                )
            return other
        if spec.params.get("allow_other") and not isinstance(raw, dict):
            return choice[:MAX_OTHER_LENGTH].rstrip()  # the API sends the free text itself
        raise FieldError(_("Choisissez l’une des réponses proposées."))

    def display(self, value, spec):
        if value is None:
            return ""
        if value in option_values(spec.options):
            return spec.option_label(value)
        return _("Autre : %(text)s") % {"text": value}

    def widget_value(self, value):
        return value


@register
class MultipleChoiceKind(_OptionsKind):
    type = FieldType.MULTIPLE_CHOICE
    template = "procedures/fields/multiple_choice.html"
    params = {
        "min_choices": (INT, _("un nombre entier")),
        "max_choices": (INT, _("un nombre entier")),
    }

    def raw_from_post(self, data, files, name, spec=None):
        return data.getlist(name)

    def clean(self, raw, spec):
        if raw in (None, "", []):
            return None
        if isinstance(raw, str):
            raw = [raw]
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise FieldError(_("Cochez une ou plusieurs des réponses proposées."))
        allowed = option_values(spec.options)
        chosen = [v for v in allowed if v in raw]  # form order, no duplicates
        if len(chosen) != len(set(raw)):
            raise FieldError(_("Cochez uniquement des réponses proposées dans la liste."))
        low, high = spec.params.get("min_choices"), spec.params.get("max_choices")
        if low and len(chosen) < low:
            raise FieldError(_("Cochez au moins %(n)s réponses.") % {"n": low})
        if high and len(chosen) > high:
            raise FieldError(_("Cochez au plus %(n)s réponses.") % {"n": high})
        return chosen

    def display(self, value, spec):
        return ", ".join(spec.option_label(v) for v in value or [])


def linked_levels(options, path):
    """The lists of options shown for the chosen `path`: level 1, then the children of each
    chosen option in turn."""
    levels, current = [list(options or ())], list(options or ())
    for value in path:
        chosen = next((o for o in current if o.get("value") == value), None)
        if not chosen or not chosen.get("children"):
            break
        current = list(chosen["children"])
        levels.append(current)
    return levels


@register
class LinkedChoiceKind(_OptionsKind):
    """Options form a tree: [{"value", "label", "children": [...]}]; the answer is the path."""

    type = FieldType.LINKED_CHOICE
    template = "procedures/fields/linked_choice.html"
    params = {"level_labels": ((list,), _("la liste des libellés de chaque niveau"))}

    def raw_from_post(self, data, files, name, spec=None):
        path = []
        for depth in range(6):
            value = data.get(f"{name}__{depth}", "")
            if not value:
                break
            path.append(value)
        return path

    def clean(self, raw, spec):
        if raw in (None, "", []):
            return None
        if not isinstance(raw, list) or not all(isinstance(v, str) for v in raw):
            raise FieldError(_("Choisissez une réponse dans chaque liste."))
        current, path = list(spec.options), []
        for value in raw:
            chosen = next((o for o in current if o.get("value") == value), None)
            if chosen is None:
                break  # a later level that no longer matches the earlier choice: dropped
            path.append(value)
            current = list(chosen.get("children") or ())
        if not path:
            raise FieldError(_("Choisissez l’une des réponses proposées."))
        if current:
            raise FieldError(
                _("Précisez votre choix dans la liste suivante (elle dépend du choix précédent)."),
                partial=path,
            )
        return path

    def display(self, value, spec):
        labels, current = [], list(spec.options)
        for item in value or []:
            chosen = next((o for o in current if o.get("value") == item), None)
            if chosen is None:
                break
            labels.append(chosen.get("label", item))
            current = list(chosen.get("children") or ())
        return " › ".join(labels)
