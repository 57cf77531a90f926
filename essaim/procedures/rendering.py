"""What the step templates need to draw each field: value (or the invalid input to correct),
error, options with their state, rows of a block, files of a document field."""

from dataclasses import dataclass, field

from essaim.procedures import conditions, documents, uploads
from essaim.procedures.enums import FieldType
from essaim.procedures.fields import registry
from essaim.procedures.fields.choices import OTHER, linked_levels, option_values
from essaim.procedures.fields.places import countries


@dataclass
class FieldView:
    spec: object
    name: str
    id: str
    template: str
    value: object = None
    display: str = ""
    error: str = ""
    required: bool = False
    options: list = field(default_factory=list)
    extra: dict = field(default_factory=dict)
    visible: bool = True

    @property
    def is_input(self) -> bool:
        return registry.get(self.spec.type).is_input

    @property
    def key(self):
        return self.spec.key

    @property
    def type(self):
        return self.spec.type

    @property
    def describedby(self) -> str:
        ids = []
        if self.spec.help_text:
            ids.append(f"{self.id}-aide")
        if self.error:
            ids.append(f"{self.id}-erreur")
        return " ".join(ids)


def _options(spec, value):
    chosen = value if isinstance(value, list) else [value]
    return [
        {
            "value": option.get("value"),
            "label": option.get("label", option.get("value")),
            "help": option.get("help", ""),
            "checked": option.get("value") in chosen,
        }
        for option in spec.options
    ]


def build_view(
    spec,
    *,
    answers,
    invalid,
    evaluation,
    name=None,
    errors=None,
    dossier=None,
    user=None,
    add_row=None,
):
    kind = registry.get(spec.type)
    name = name or f"f-{spec.key}"
    stored_invalid = invalid.get(spec.key)
    if stored_invalid is not None:
        value = stored_invalid.get("raw")
    else:
        value = kind.widget_value(answers.get(spec.key))
    error = (errors or {}).get(spec.key) or (stored_invalid or {}).get("message", "")
    view = FieldView(
        spec=spec,
        name=name,
        id=name.replace("f-", "champ-", 1),
        template=kind.template,
        value=value,
        error=error,
        required=evaluation.required(spec.key) if evaluation else spec.required,
    )
    if spec.type == FieldType.COMPUTED:
        view.display = kind.display(evaluation.values.get(spec.key), spec) if evaluation else ""
    elif spec.type == FieldType.CHOICE:
        choice = value.get("choice") if isinstance(value, dict) else value
        other = value.get("other", "") if isinstance(value, dict) else ""
        if choice and choice not in option_values(spec.options):
            choice, other = OTHER, other or choice
        view.options = _options(spec, choice)
        view.extra = {"other_checked": choice == OTHER, "other": other, "choice": choice}
    elif spec.type == FieldType.MULTIPLE_CHOICE:
        view.options = _options(spec, value or [])
    elif spec.type == FieldType.LINKED_CHOICE:
        path = value if isinstance(value, list) else []
        labels = spec.params.get("level_labels") or []
        view.extra = {
            "levels": [
                {
                    "name": f"{name}__{depth}",
                    "id": f"{view.id}__{depth}",
                    "label": labels[depth] if depth < len(labels) else spec.label,
                    "options": _options(
                        spec.__class__(**{**spec.__dict__, "options": tuple(level)}),
                        path[depth] if depth < len(path) else None,
                    ),
                }
                for depth, level in enumerate(linked_levels(spec.options, path))
            ]
        }
    elif spec.type == FieldType.COUNTRY:
        view.options = [
            {"value": code, "label": label, "checked": code == value} for code, label in countries()
        ]
    elif spec.type in {FieldType.COMMUNE, FieldType.DEPARTMENT, FieldType.REGION}:
        if stored_invalid is None:
            view.value = kind.display(answers.get(spec.key), spec)
    elif spec.type == FieldType.REPEATABLE:
        view.extra = _rows(
            spec,
            name,
            value,
            stored_invalid,
            evaluation,
            errors,
            add_row == spec.key,
            dossier=dossier,
            user=user,
        )
    elif spec.type == FieldType.ATTACHMENT:
        current = answers.get(spec.key) or {}
        ids = list(current.get("files", []))
        attachments = list(dossier.attachments.filter(pk__in=ids)) if dossier and ids else []
        accept = spec.params.get("accept") or uploads.DEFAULT_ACCEPT
        view.extra = {
            "files": [
                {"attachment": a, "url": documents.signed_url(a, user=user)} for a in attachments
            ],
            "accept_labels": uploads.accepted_labels(accept),
            "accept_attr": ",".join(
                sorted(e for n in accept if n in uploads.TYPES for e in uploads.TYPES[n][1])
            ),
            "max_size_mb": min(
                spec.params.get("max_size_mb") or uploads.DEFAULT_MAX_SIZE_MB,
                uploads.HARD_MAX_SIZE_MB,
            ),
            "can_add": len(ids) < spec.params.get("max_files", 1),
            "multiple": spec.params.get("max_files", 1) > 1,
            "missing_reason": (value or {}).get("missing_reason", "")
            if isinstance(value, dict)
            else "",
            "allow_missing": spec.params.get("allow_missing_explanation", False),
        }
    if spec.options and spec.type in {FieldType.CHOICE, FieldType.MULTIPLE_CHOICE}:
        chosen = view.extra.get("choice") if spec.type == FieldType.CHOICE else None
        view.extra["answer_help"] = spec.option_help(chosen) if chosen else ""
    return view


def _rows(spec, name, value, stored_invalid, evaluation, errors, add, *, dossier=None, user=None):
    rows = list(value) if isinstance(value, list) else []
    if add or not rows:
        rows.append({})
    row_errors = dict((stored_invalid or {}).get("row_errors") or {})
    row_errors.update(
        {k.split(".", 1)[1]: v for k, v in (errors or {}).items() if k.startswith(f"{spec.key}.")}
    )
    outer = evaluation.values if evaluation else {}
    built = []
    for index, row in enumerate(rows):
        row = row if isinstance(row, dict) else {}
        context = conditions_context(row, outer)
        children = []
        for child in spec.children:
            if not conditions.evaluate(child.condition, context):
                continue
            child_view = build_view(
                child,
                answers=row,
                invalid={},
                evaluation=None,
                name=f"{name}__{index}__{child.key}",
                dossier=dossier,  # a document child lists its files with their links
                user=user,
            )
            child_view.error = row_errors.get(f"{index}.{child.key}", "")
            children.append(child_view)
        built.append({"index": index, "number": index + 1, "fields": children})
    high = spec.params.get("max_rows")
    return {
        "rows": built,
        "count": len(rows),
        "can_add": not high or len(rows) < high,
        "add_name": "_add_row",
        "row_label": spec.params.get("row_label") or "",
    }


def conditions_context(row, outer):
    from collections import ChainMap

    return ChainMap(row, outer)


def section_views(section, *, dossier, evaluation, errors=None, user=None, add_row=None):
    """The views of every field of `section`; those hidden by a condition are empty
    placeholders (`visible=False`) that a live update can fill in."""
    views = []
    for spec in section.fields:
        if not evaluation.visible(spec.key):
            kind = registry.get(spec.type)
            name = f"f-{spec.key}"
            views.append(
                FieldView(
                    spec=spec,
                    name=name,
                    id=f"champ-{spec.key}",
                    template=kind.template,
                    visible=False,
                )
            )
            continue
        views.append(
            build_view(
                spec,
                answers=dossier.answers,
                invalid=dossier.invalid_inputs,
                evaluation=evaluation,
                errors=errors,
                dossier=dossier,
                user=user,
                add_row=add_row,
            )
        )
    return views
