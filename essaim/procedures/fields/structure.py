"""Headings, explanations, computed values, repeatable blocks, documents, links to dossiers."""

from collections import ChainMap
from datetime import date
from decimal import Decimal

from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.procedures import conditions
from essaim.procedures.enums import FieldType
from essaim.procedures.fields.base import (
    BOOL,
    INT,
    LIST,
    TEXT,
    FieldError,
    FieldKind,
    register,
    registry,
    typed_text,
)


class _Display(FieldKind):
    is_input = False

    def clean(self, raw, spec):
        return None


@register
class HeadingKind(_Display):
    type = FieldType.HEADING
    template = "procedures/fields/heading.html"


@register
class ExplanationKind(_Display):
    type = FieldType.EXPLANATION
    template = "procedures/fields/explanation.html"


def age_on(birth: date, today: date) -> int:
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))


def compute(formula: dict, values, *, today=None):
    """The value of a computed field: {"op": "age", "field": k} (whole years),
    {"op": "sum", "block": b, "field": k} or {"op": "count", "block": b}. None when the inputs
    are missing."""
    op = (formula or {}).get("op")
    if op == "age":
        birth = values.get(formula.get("field"))
        if not birth:
            return None
        try:
            return age_on(date.fromisoformat(birth), today or timezone.localdate())
        except (TypeError, ValueError):
            return None
    rows = values.get(formula.get("block")) or []
    if not isinstance(rows, list):
        return None
    if op == "count":
        return len(rows)
    if op == "sum":
        total = Decimal(0)
        for row in rows:
            value = row.get(formula.get("field")) if isinstance(row, dict) else None
            if value not in (None, ""):
                total += Decimal(str(value))
        return int(total) if total == total.to_integral_value() else str(total)
    return None


@register
class ComputedKind(_Display):
    type = FieldType.COMPUTED
    template = "procedures/fields/computed.html"
    params = {
        "formula": ((dict,), _("une formule : age, sum ou count")),
        "unit": (TEXT, _("une unité, par exemple €")),
    }

    def display(self, value, spec):
        if value is None:
            return ""
        if (spec.params.get("formula") or {}).get("op") == "age":
            return ngettext("%(n)s an", "%(n)s ans", value) % {"n": value}
        text = number_format(Decimal(str(value)), force_grouping=True)
        unit = spec.params.get("unit")
        return f"{text}\u00a0{unit}" if unit else text

    def param_errors(self, params, options):
        errors = super().param_errors(params, options)
        formula = (params or {}).get("formula") or {}
        if formula.get("op") not in {"age", "sum", "count"}:
            errors.append(_("Choisissez la formule : âge (age), somme (sum) ou nombre (count)."))
        return errors


@register
class RepeatableKind(FieldKind):
    """A list of rows, each a dict of the children's values; empty rows are dropped."""

    type = FieldType.REPEATABLE
    template = "procedures/fields/repeatable.html"
    params = {
        "min_rows": (INT, _("un nombre entier de lignes")),
        "max_rows": (INT, _("un nombre entier de lignes")),
        "row_label": (TEXT, _("le nom d’une ligne, par exemple « enfant »")),
    }
    MAX_ROWS = 5000

    def raw_from_post(self, data, files, name, spec=None):
        try:
            count = min(int(data.get(f"{name}__rows", 0)), self.MAX_ROWS)
        except ValueError:
            count = 0
        rows = []
        for index in range(count):
            if data.get(f"{name}__{index}__delete"):
                continue
            rows.append(
                {
                    child.key: registry.get(child.type).raw_from_post(
                        data, files, f"{name}__{index}__{child.key}", child
                    )
                    for child in (spec.children if spec else ())
                    if registry.get(child.type).is_input
                }
            )
        return rows

    def clean(self, raw, spec):
        return self.clean_rows(raw, spec, {})

    def clean_rows(self, raw, spec, outer_values):
        """Clean every row with its children's kinds; conditions inside a row read the row's
        values first, then the rest of the form (`outer_values`)."""
        if raw in (None, "", []):
            rows = []
        elif not isinstance(raw, list) or not all(isinstance(r, dict) for r in raw):
            raise FieldError(_("Les lignes de ce bloc sont illisibles : ressaisissez-les."))
        else:
            rows = raw[: self.MAX_ROWS]
        cleaned, errors = [], {}
        for raw_row in rows:
            row, row_errors = {}, {}
            index = len(cleaned)
            for child in spec.children:
                kind = registry.get(child.type)
                if not kind.is_input:
                    continue
                context = ChainMap(row, outer_values)
                if not conditions.evaluate(child.condition, context):
                    continue
                try:
                    value = kind.clean(raw_row.get(child.key), child)
                except FieldError as error:
                    row_errors[f"{index}.{child.key}"] = error.message
                    continue
                if value is not None:
                    row[child.key] = value
                required = child.required and conditions.evaluate(child.required_condition, context)
                if required and kind.is_empty(value):
                    row_errors[f"{index}.{child.key}"] = required_message(child)
            if row or any(not conditions.is_empty(v) for v in raw_row.values()):
                cleaned.append(row)
                errors.update(row_errors)
        label = spec.params.get("row_label") or _("ligne")
        low, high = spec.params.get("min_rows"), spec.params.get("max_rows")
        if errors:
            raise FieldError(
                _("Corrigez les erreurs signalées dans les lignes ci-dessous."),
                row_errors=errors,
                partial=cleaned,
            )
        if high and len(cleaned) > high:
            raise FieldError(
                _("Vous pouvez saisir au plus %(n)s × %(label)s : retirez-en.")
                % {"n": high, "label": label},
                partial=cleaned,
            )
        if low and cleaned and len(cleaned) < low:
            raise FieldError(
                _("Saisissez au moins %(n)s × %(label)s.") % {"n": low, "label": label},
                partial=cleaned,
            )
        return cleaned or None

    def display(self, value, spec):
        lines = []
        for index, row in enumerate(value or [], start=1):
            parts = [
                f"{child.label} : {registry.get(child.type).display(row.get(child.key), child)}"
                for child in spec.children
                if row.get(child.key) is not None
            ]
            lines.append(f"{index}. " + " ; ".join(parts))
        return "\n".join(lines)


def required_message(spec) -> str:
    kind = registry.get(spec.type)
    if kind.required_message:
        return _(kind.required_message)
    if spec.type == FieldType.ATTACHMENT:
        return _("Ajoutez ce document : il est obligatoire.")
    return _("Répondez à cette question : elle est obligatoire.")


@register
class AttachmentKind(FieldKind):
    """{"files": [attachment ids], "missing_reason": ""}. Files are added by
    `services.add_attachment` (type sniffed, size checked); this only checks the whole."""

    type = FieldType.ATTACHMENT
    template = "procedures/fields/attachment.html"
    params = {
        "max_size_mb": (INT, _("une taille en Mo")),
        "max_files": (INT, _("un nombre entier de fichiers")),
        "accept": (LIST, _("la liste des types acceptés : pdf, jpeg, png, odt, docx…")),
        "model_url": (TEXT, _("l’adresse du modèle à télécharger")),
        "model_name": (TEXT, _("le nom du modèle à télécharger")),
        # Set by the builder when an éditeur uploads the model (see model_files).
        "model_file": (TEXT, _("le fichier du modèle déposé")),
        "model_file_id": (TEXT, _("l’identifiant du modèle déposé")),
        "allow_missing_explanation": (BOOL, _("vrai pour permettre d’expliquer une absence")),
    }

    def raw_from_post(self, data, files, name, spec=None):
        return {"missing_reason": data.get(f"{name}__missing_reason", "")}

    def clean(self, raw, spec):
        if raw in (None, ""):
            return None
        if not isinstance(raw, dict):
            raise FieldError(_("Ajoutez le document avec le bouton « Parcourir »."))
        files = [typed_text(str(f)) for f in raw.get("files") or []]
        reason = typed_text(str(raw.get("missing_reason") or "")).strip()[:2000]
        limit = spec.params.get("max_files", 1)
        if len(files) > limit:
            raise FieldError(
                ngettext(
                    "Un seul fichier est accepté ici : retirez-en un.",
                    "Au plus %(n)s fichiers sont acceptés ici : retirez-en.",
                    limit,
                )
                % {"n": limit}
            )
        if reason and not spec.params.get("allow_missing_explanation"):
            reason = ""
        if not files and not reason:
            return None
        return {"files": files, "missing_reason": "" if files else reason}

    def display(self, value, spec):
        if not value:
            return ""
        if value.get("files"):
            count = len(value["files"])
            return ngettext("%(n)s fichier joint", "%(n)s fichiers joints", count) % {"n": count}
        return _("Absent : %(reason)s") % {"reason": value.get("missing_reason", "")}


@register
class DossierLinkKind(FieldKind):
    type = FieldType.DOSSIER_LINK

    def clean_text(self, text, spec):
        from essaim.procedures.models import Dossier

        number = text.lstrip("nN°o ").strip()
        if not (number.isascii() and number.isdigit()) or len(number) > 12:
            raise FieldError(_("Saisissez le numéro du dossier, en chiffres, par exemple 12345."))
        if not Dossier.objects.filter(pk=int(number)).exclude(state="draft").exists():
            raise FieldError(
                _(
                    "Aucun dossier déposé ne porte le numéro %(number)s : vérifiez-le sur "
                    "l’accusé de réception."
                )
                % {"number": number}
            )
        return int(number)

    def display(self, value, spec):
        return _("Dossier n° %(n)s") % {"n": value} if value else ""
