"""Supporting documents inside repeatable blocks (e.g. one certificate per child).

The block's rows come from the form (`RepeatableKind.raw_from_post`); this module adds, for each
attachment child of each row, the files kept from before (minus those the person removed) and
the files just uploaded, checked and stored like any document. A row's value for such a child
is `{"files": [attachment ids], "missing_reason": ""}`, as for a top-level document field.
"""

from django.utils.translation import gettext as _

from essaim.procedures.enums import FieldType
from essaim.procedures.fields import FieldError
from essaim.procedures.fields.structure import RepeatableKind
from essaim.procedures.models import Attachment


def attachment_children(block_spec) -> list:
    return [child for child in block_spec.children if child.type == FieldType.ATTACHMENT]


def _ids(value) -> list[str]:
    return [str(i) for i in (value or {}).get("files", [])] if isinstance(value, dict) else []


def previous_rows(dossier, key) -> list[dict]:
    """The rows the page showed: what failed validation last time, else the stored answer."""
    stored = dossier.invalid_inputs.get(key)
    rows = stored.get("raw") if stored is not None else dossier.answers.get(key)
    return [row if isinstance(row, dict) else {} for row in rows] if isinstance(rows, list) else []


def attach_row_files(dossier, block_spec, rows, *, data, files, by) -> dict[str, str]:
    """Fill the attachment children of `rows` (as `raw_from_post` made them, deleted rows left
    out) with their files; store new uploads, delete removed files and those of deleted rows.

    Returns the refused uploads' messages keyed "<row position>.<child key>" (the block's
    `row_errors`). Side effects: creates and deletes Attachments and their files.
    """
    from essaim.procedures.services import store_upload

    children = attachment_children(block_spec)
    if not children:
        return {}
    name = f"f-{block_spec.key}"
    try:
        count = min(int(data.get(f"{name}__rows", 0)), RepeatableKind.MAX_ROWS)
    except ValueError:
        count = 0
    before = previous_rows(dossier, block_spec.key)
    kept_indices = [i for i in range(count) if not data.get(f"{name}__{i}__delete")]
    doomed: set[str] = set()
    for index in set(range(len(before))) - set(kept_indices):  # rows deleted (or dropped)
        for child in children:
            doomed.update(_ids(before[index].get(child.key)))
    errors = {}
    for position, (index, row) in enumerate(zip(kept_indices, rows, strict=False)):
        old = before[index] if index < len(before) else {}
        for child in children:
            prefix = f"{name}__{index}__{child.key}"
            removed = set(data.getlist(f"{prefix}__remove"))
            current = _ids(old.get(child.key))
            kept = [i for i in current if i not in removed]
            doomed.update(i for i in current if i in removed)
            limit = child.params.get("max_files", 1)
            for upload in files.getlist(prefix) if files else []:
                if len(kept) >= limit:
                    errors[f"{position}.{child.key}"] = _(
                        "Vous avez déjà joint le nombre maximal de fichiers ici : retirez-en un "
                        "avant d’en ajouter un autre."
                    )
                    continue
                try:
                    attachment = store_upload(
                        dossier,
                        upload=upload,
                        by=by,
                        accept=child.params.get("accept"),
                        max_size_mb=child.params.get("max_size_mb"),
                        field_key=f"{block_spec.key}.{child.key}",
                        row=position,
                    )
                except FieldError as error:
                    errors[f"{position}.{child.key}"] = error.message
                    continue
                kept.append(str(attachment.pk))
            reason = data.get(f"{prefix}__missing_reason", "")
            row[child.key] = {"files": kept, "missing_reason": reason} if kept or reason else None
    if doomed:
        Attachment.objects.filter(dossier=dossier, pk__in=doomed).delete()
    return errors
