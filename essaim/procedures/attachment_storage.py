"""A dossier's documents: an upload checked (type by content, size, name, virus when ClamAV is
configured) and stored through the storage API as an Attachment."""

import hashlib

from essaim.procedures import uploads
from essaim.procedures.enums import ScanStatus
from essaim.procedures.fields import FieldError
from essaim.procedures.models import Attachment


def add_attachment(dossier, *, field_spec, upload, by, row=None) -> Attachment:
    """Check `upload` (type by content, size, name, virus when ClamAV is configured) against the
    field's settings and store it. Side effects: saves one Attachment and its file. Raises
    FieldError (French) for a refused file."""
    limit = field_spec.params.get("max_files", 1)
    present = len((dossier.answers.get(field_spec.key) or {}).get("files", []))
    if present >= limit:
        raise FieldError(
            "Vous avez déjà joint le nombre maximal de fichiers ici : retirez-en un avant d’en "
            "ajouter un autre."
        )
    return store_upload(
        dossier,
        upload=upload,
        by=by,
        accept=field_spec.params.get("accept"),
        max_size_mb=field_spec.params.get("max_size_mb"),
        field_key=field_spec.key,
        row=row,
    )


def store_upload(
    dossier, *, upload, by, accept=None, max_size_mb=None, field_key="", row=None, message=None
) -> Attachment:
    """Check `upload` (type by content, size, name, virus when ClamAV is configured) and store
    it as a document of `dossier`: the answer to field `field_key` (in block row `row`), or an
    attachment of `message`. Side effects: saves one Attachment and its file. Raises FieldError
    (French) for a refused file."""
    name, mime, _kind = uploads.check_upload(upload, accept=accept, max_size_mb=max_size_mb)
    scanned = uploads.scan(upload)
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    attachment = Attachment(
        dossier=dossier,
        field_key=field_key,
        row=row,
        message=message,
        original_name=name,
        content_type=mime,
        size=upload.size,
        sha256=digest.hexdigest(),
        scan_status=ScanStatus.NOT_SCANNED if scanned is None else ScanStatus.CLEAN,
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    attachment.file.save(name, upload, save=False)
    attachment.save()
    return attachment
