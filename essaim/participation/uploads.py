"""Keep an attachment across a form shown again: when another field has an error (or the
« votre idée existe peut-être déjà » step), the browser does not send the file twice, so the
upload is stored aside and the form carries a signed token naming it.

A token is valid for its uploader only, for a day; the copy aside is deleted once the
proposal is saved. Copies left by abandoned forms are deleted by `purge` once their token has
expired (`essaim purge_kept_attachments`, daily by cron).
"""

import contextlib
import os
import posixpath
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files import File
from django.core.files.storage import default_storage
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.procedures import uploads as documents
from essaim.procedures.fields import FieldError

ACCEPTED_TYPES = ("pdf", "png", "jpeg", "odt", "docx")
MAX_SIZE_MB = 5
SALT = "participation.kept-attachment"
MAX_AGE = 24 * 3600
FIELD = "kept_attachment"
ROOT = "participation/tmp"


def check(upload) -> None:
    """Refuse an attachment that Démarches would refuse (type read from the content, size,
    name, virus when ClamAV is configured), or whose content does not match its extension.

    Raises ValidationError with a French message saying how to fix it.
    """
    try:
        kind = documents.check_upload(upload, accept=ACCEPTED_TYPES, max_size_mb=MAX_SIZE_MB)[2]
        label, extensions = documents.TYPES[kind][2], documents.TYPES[kind][1]
        if posixpath.splitext(upload.name)[1].lower() not in extensions:
            raise FieldError(
                _(
                    "Le contenu du fichier « %(name)s » ne correspond pas à son extension : "
                    "c’est un fichier %(label)s. Renommez-le avec la bonne extension ou "
                    "enregistrez-le dans un format accepté, puis réessayez."
                )
                % {"name": upload.name, "label": label}
            )
        documents.scan(upload)
    except FieldError as error:
        raise ValidationError(error.message) from error


@dataclass(frozen=True)
class Kept:
    token: str
    path: str

    @property
    def name(self) -> str:
        return posixpath.basename(self.path)

    def as_file(self) -> File:
        return File(default_storage.open(self.path, "rb"), name=self.name)

    def discard(self) -> None:
        default_storage.delete(self.path)


def keep(upload, *, user) -> Kept:
    """Side effects: stores `upload` under participation/tmp/."""
    folder = f"{ROOT}/{user.pk}/{secrets.token_hex(8)}"
    path = default_storage.save(f"{folder}/{posixpath.basename(upload.name)}", upload)
    return Kept(token=signing.dumps({"u": user.pk, "p": path}, salt=SALT), path=path)


def kept(token: str, *, user) -> Kept | None:
    """The upload `token` names, if it was `user`'s, recent and still there."""
    if not token:
        return None
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE)
    except signing.BadSignature:
        return None
    if data.get("u") != user.pk or not default_storage.exists(data.get("p", "")):
        return None
    return Kept(token=token, path=data["p"])


def purge(*, now=None) -> int:
    """Delete the kept uploads whose token has expired (forms abandoned more than `MAX_AGE`
    ago); returns how many. Side effects: deletes files under ROOT, and on a local disk the
    folders left empty."""
    cutoff = (now or timezone.now()) - timedelta(seconds=MAX_AGE)
    removed = 0

    def walk(folder: str) -> None:
        nonlocal removed
        folders, files = default_storage.listdir(folder)
        for name in files:
            path = f"{folder}/{name}"
            if default_storage.get_modified_time(path) < cutoff:
                default_storage.delete(path)
                removed += 1
        for name in folders:
            walk(f"{folder}/{name}")
        # Local disk only (object stores have no folders); a non-empty folder stays.
        with contextlib.suppress(NotImplementedError, OSError):
            if folder != ROOT:
                os.rmdir(default_storage.path(folder))

    with contextlib.suppress(FileNotFoundError):  # nothing was ever kept
        walk(ROOT)
    return removed
