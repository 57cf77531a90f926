"""Keep an attachment across a form shown again: when another field has an error (or the
« votre idée existe peut-être déjà » step), the browser does not send the file twice, so the
upload is stored aside and the form carries a signed token naming it.

A token is valid for its uploader only, for a day; the copy aside is deleted once the
proposal is saved. (Leftovers of abandoned forms sit under `participation/tmp/`.)
"""

import posixpath
import secrets
from dataclasses import dataclass

from django.core import signing
from django.core.files import File
from django.core.files.storage import default_storage

SALT = "participation.kept-attachment"
MAX_AGE = 24 * 3600
FIELD = "kept_attachment"


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
    folder = f"participation/tmp/{user.pk}/{secrets.token_hex(8)}"
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
