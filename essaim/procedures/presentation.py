"""Texts for people: a condition in plain French, the documents to prepare, a dossier's answers
section by section."""

from django.utils.translation import gettext as _

from essaim.procedures import documents
from essaim.procedures.enums import FieldType
from essaim.procedures.fields import registry
from essaim.procedures.spec import FormSpec

_PHRASES = {
    "eq": "« %(label)s » est « %(value)s »",
    "ne": "« %(label)s » n’est pas « %(value)s »",
    "gt": "« %(label)s » est supérieur à %(value)s",
    "ge": "« %(label)s » est au moins %(value)s",
    "lt": "« %(label)s » est inférieur à %(value)s",
    "le": "« %(label)s » est au plus %(value)s",
    "contains": "« %(label)s » comprend « %(value)s »",
    "filled": "« %(label)s » est renseigné",
    "empty": "« %(label)s » n’est pas renseigné",
}


def describe(condition, spec: FormSpec) -> str:
    """`condition` in plain French, with the fields' labels and the options' labels."""
    if condition is None:
        return ""
    for combinator, word in (("all", _(" et ")), ("any", _(" ou "))):
        if combinator in condition:
            return word.join(_grouped(describe(c, spec)) for c in condition[combinator])
    if "not" in condition:
        return _("il n’est pas vrai que %(text)s") % {"text": describe(condition["not"], spec)}
    field = spec.by_key.get(condition.get("field"))
    label = field.label if field else condition.get("field")
    value = condition.get("value")
    if field is not None and field.options:
        value = field.option_label(value)
    elif value is True:
        value = _("oui")
    elif value is False:
        value = _("non")
    return _(_PHRASES.get(condition.get("op"), "%(label)s")) % {"label": label, "value": value}


def documents_to_prepare(procedure, version) -> list[dict]:
    """What to have at hand before starting: the procedure's general list, then each document
    field, those of repeatable blocks included (« pour chaque enfant »), with the situation that
    requires it ("when": a French sentence, or ""): where its section, block and field are shown,
    and the condition under which it is required."""
    spec = FormSpec.for_version(version)
    items = [
        {"label": d.get("label", ""), "help": d.get("help", ""), "when": "", "required": True}
        for d in procedure.documents_to_prepare or []
        if d.get("label")
    ]
    for section in spec.sections:
        for field in section.fields:
            if field.type == FieldType.ATTACHMENT:
                items.append(_document(field, spec, [section.condition]))
            elif field.type == FieldType.REPEATABLE:
                items.extend(
                    _document(child, spec, [section.condition, field.condition], block=field)
                    for child in field.children
                    if child.type == FieldType.ATTACHMENT
                )
    return items


def _document(field, spec, shown_if, *, block=None) -> dict:
    """One document field as an item of `documents_to_prepare`."""
    situations = [c for c in (*shown_if, field.condition) if c is not None]
    if field.required_condition is not None:
        situations.append(field.required_condition)  # required only then (engine.py)
    label = field.label
    if block is not None:
        row = block.params.get("row_label") or ""
        if row[1:2].islower():  # « Enfant » → « enfant », but « RIB » stays
            row = row[:1].lower() + row[1:]
        each = (
            _("pour chaque %(row)s") % {"row": row}
            if row
            else _("pour chaque ligne de « %(block)s »") % {"block": block.label}
        )
        label = _("%(label)s, %(each)s") % {"label": label, "each": each}
    return {
        "label": label,
        "help": field.help_text,
        "when": _(" et ").join(
            _grouped(text) if len(situations) > 1 else text
            for text in (describe(c, spec) for c in situations)
        ),
        "required": field.required or field.required_condition is not None,
        "model_url": field.params.get("model_url", ""),
    }


def _grouped(text: str) -> str:
    return f"({text})" if (" et " in text or " ou " in text) else text


def summary_sections(dossier, spec, evaluation, *, user=None) -> list[dict]:
    """The visible sections with each visible answer as text (documents with their links)."""
    attachments = {str(a.pk): a for a in dossier.attachments.filter(message__isnull=True)}
    sections = []
    for section in spec.sections:
        if section.index not in evaluation.visible_sections:
            continue
        rows = []
        for field in section.fields:
            kind = registry.get(field.type)
            if not evaluation.visible(field.key) or field.type in {
                FieldType.HEADING,
                FieldType.EXPLANATION,
            }:
                continue
            value = evaluation.values.get(field.key)
            if field.type == FieldType.ATTACHMENT:
                files = [
                    {
                        "name": attachments[i].original_name,
                        "url": documents.signed_url(attachments[i], user=user) if user else "",
                    }
                    for i in (value or {}).get("files", [])
                    if i in attachments
                ]
                reason = (value or {}).get("missing_reason", "")
                rows.append(
                    {
                        "field": field,
                        "files": files,
                        "text": reason and _("Absent : %(reason)s") % {"reason": reason},
                    }
                )
                continue
            # Every row has "files", so that the template never takes the slow failed lookup.
            row = {
                "field": field,
                "text": kind.display(value, field) if value is not None else "",
                "files": [],
            }
            if field.type == FieldType.REPEATABLE:
                row["files"] = _block_files(field, value, attachments, user)
            rows.append(row)
        sections.append({"section": section, "rows": rows})
    return sections


def _block_files(block, rows, attachments, user) -> list[dict]:
    """The documents of a repeatable block's rows, named after their row ("Enfant 2 : …")."""
    row_label = (block.params.get("row_label") or _("ligne")).capitalize()
    files = []
    for number, row in enumerate(rows or [], start=1):
        for child in block.children:
            if child.type != FieldType.ATTACHMENT or not isinstance(row, dict):
                continue
            for pk in (row.get(child.key) or {}).get("files", []):
                if pk in attachments:
                    files.append(
                        {
                            "name": f"{row_label} {number} — {child.label} : "
                            f"{attachments[pk].original_name}",
                            "url": documents.signed_url(attachments[pk], user=user) if user else "",
                        }
                    )
    return files


def document_labels(dossier, spec) -> dict[str, str]:
    """For each document of the form, which question (and row of a block) it answers."""
    labels = {}
    answers = dossier.answers or {}
    for field in spec.fields:
        value = answers.get(field.key)
        if field.type == FieldType.ATTACHMENT and isinstance(value, dict):
            labels.update({pk: field.label for pk in value.get("files", [])})
        elif field.type == FieldType.REPEATABLE and isinstance(value, list):
            row_label = (field.params.get("row_label") or _("ligne")).capitalize()
            for number, row in enumerate(value, start=1):
                for child in field.children:
                    child_value = row.get(child.key) if isinstance(row, dict) else None
                    if child.type == FieldType.ATTACHMENT and isinstance(child_value, dict):
                        label = f"{child.label} ({row_label} {number})"
                        labels.update({pk: label for pk in child_value.get("files", [])})
    return labels
