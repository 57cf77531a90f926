"""The model an éditeur attaches to a supporting-document field (a blank form to fill), served to
applicants.

The file goes through the same checks as applicants' uploads (type by content, size, name, virus
when ClamAV is configured) and the storage API. The field's params keep `model_file` (storage
name) and `model_file_id` (the id in the download URL); a new version copies them, so the file
is shared by every version that has it. An external `model_url` stays possible; the uploaded file
wins when both are set.
"""

import uuid

from django.core.files.storage import default_storage

from essaim.procedures import uploads

MODEL_TYPES = ("pdf", "odt", "docx", "ods", "xlsx")
MAX_SIZE_MB = 10
PARAMS = ("model_file", "model_file_id")


def check(upload) -> str:
    """The display name of an acceptable model file; FieldError (French) otherwise."""
    name, _mime, _kind = uploads.check_upload(upload, accept=MODEL_TYPES, max_size_mb=MAX_SIZE_MB)
    return name


def with_model(params: dict, *, previous: dict, procedure, upload=None, remove=False) -> dict:
    """`params` (from the builder's form) with the model file: the one uploaded now, or the one
    the field had unless `remove`. Side effects: stores `upload` (after `check` and the virus
    scan); an earlier file stays, as published versions may still serve it. Raises FieldError
    for a refused file."""
    params = {k: v for k, v in params.items() if k not in PARAMS}
    if upload is not None:
        name = check(upload)
        uploads.scan(upload)
        upload.seek(0)
        file_id = str(uuid.uuid4())
        stored = default_storage.save(f"procedures/modeles/{procedure.pk}/{file_id}/{name}", upload)
        return params | {"model_file": stored, "model_file_id": file_id}
    if not remove and previous.get("model_file"):
        return params | {name: previous[name] for name in PARAMS if name in previous}
    return params


def file_name(params: dict) -> str:
    return params["model_file"].rsplit("/", 1)[-1]
