"""A dossier's answers and private annotations, ready for the instruction page and exports."""

from essaim.procedures.spec import FormSpec

# How an annotation is typed in the instruction page (others: a one-line text input).
ANNOTATION_WIDGETS = {
    "textarea": "textarea",
    "yes_no": "checkbox",
    "checkbox": "checkbox",
    "choice": "select",
    "integer": "number",
    "date": "date",
}


def display_value(spec, value) -> str:
    from essaim.procedures.fields import registry

    kind = registry.get(spec.type)
    if value is None or kind.is_empty(value):
        return ""
    return kind.display(value, spec)


def answer_rows(dossier) -> list[dict]:
    """[{"title": section title, "rows": [{"key", "label", "value", "type"}]}] of the answered
    fields of `dossier`, in form order (unanswered and non-input fields left out)."""
    from essaim.procedures.fields import registry

    spec = FormSpec.for_version(dossier.version)
    answers = dossier.answers or {}
    sections = []
    for section in spec.sections:
        rows = []
        for field in section.fields:
            if not registry.get(field.type).is_input or field.key not in answers:
                continue
            rows.append(
                {
                    "key": field.key,
                    "label": field.label,
                    "type": field.type,
                    "value": display_value(field, answers[field.key]),
                }
            )
        if rows:
            sections.append({"title": section.title, "rows": rows})
    return sections


def flat_answers(spec: FormSpec, answers: dict) -> list[str]:
    """One text per top-level input field of `spec`, in form order (exports' columns)."""
    return [display_value(field, answers.get(field.key)) for field in export_fields(spec)]


def export_fields(spec: FormSpec) -> list:
    from essaim.procedures.fields import registry

    return [field for field in spec.fields if registry.get(field.type).is_input]


def annotation_rows(dossier, *, errors: dict, posted) -> list[dict]:
    from essaim.procedures.fields import registry
    from essaim.procedures.instruction_services import annotation_specs

    rows = []
    stored = dossier.annotations or {}
    for spec in annotation_specs(dossier.version):
        kind = registry.get(spec.type)
        if not kind.is_input:
            continue
        if spec.key in errors:
            value = posted.get(spec.key, "")
        else:
            value = kind.widget_value(stored.get(spec.key))
        rows.append(
            {
                "key": spec.key,
                "label": spec.label,
                "help_text": spec.help_text,
                "widget": ANNOTATION_WIDGETS.get(spec.type, "text"),
                "options": spec.options,
                "value": value,
                "display": display_value(spec, stored.get(spec.key)),
                "error": errors.get(spec.key, ""),
            }
        )
    return rows
