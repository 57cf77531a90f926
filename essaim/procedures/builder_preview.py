"""The builder's preview: every section of a version as the applicant reads it (labels, help,
« en savoir plus », choices, what is required and when a part shows), without saving.

Private annotations are left out, exactly as applicants never see them.
"""

from essaim.procedures import conditions
from essaim.procedures.spec import FormSpec


def _field_row(spec) -> dict:
    from essaim.procedures.fields import registry

    kind = registry.get(spec.type)
    return {
        "spec": spec,
        "kind_label": kind.label,
        "is_input": kind.is_input,
        "condition_text": conditions.to_text(spec.condition) if spec.condition else "",
        "required_text": (
            conditions.to_text(spec.required_condition) if spec.required_condition else ""
        ),
        "children": [_field_row(child) for child in spec.children],
    }


def preview_context(version, request) -> dict:
    spec = FormSpec.from_version(version)
    sections = [
        {
            "spec": section,
            "condition_text": conditions.to_text(section.condition) if section.condition else "",
            "fields": [_field_row(field) for field in section.fields],
        }
        for section in spec.sections
    ]
    procedure = version.procedure
    return {
        "sections": sections,
        "documents": procedure.documents_to_prepare or [],
        "rules": spec.rules,
    }
