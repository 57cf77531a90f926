"""Checks on uploaded documents: type read from the content (never the name or the browser's
claim), size, name; optional ClamAV scan when `CLAMAV_SOCKET` / `CLAMAV_HOST` is configured."""

import io
import os
import socket
import struct
import unicodedata
import zipfile

from django.conf import settings
from django.utils.translation import gettext as _

from essaim.procedures.fields import FieldError

# type name -> (MIME type, extensions a person may give it, label for messages)
TYPES = {
    "pdf": ("application/pdf", {".pdf"}, "PDF"),
    "jpeg": ("image/jpeg", {".jpg", ".jpeg", ".jpe"}, "JPEG"),
    "png": ("image/png", {".png"}, "PNG"),
    "heic": ("image/heic", {".heic", ".heif"}, "HEIC"),
    "webp": ("image/webp", {".webp"}, "WebP"),
    "odt": ("application/vnd.oasis.opendocument.text", {".odt"}, "ODT"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", {".ods"}, "ODS"),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        {".docx"},
        "Word (DOCX)",
    ),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        {".xlsx"},
        "Excel (XLSX)",
    ),
}
DEFAULT_ACCEPT = ("pdf", "jpeg", "png", "heic", "odt", "docx")
DEFAULT_MAX_SIZE_MB = 10
HARD_MAX_SIZE_MB = 50
MAX_NAME_LENGTH = 150
_MAX_ZIP_MEMBERS = 2000


class VirusFound(FieldError):
    pass


def sniff(head: bytes, stream) -> str | None:
    """The type name of a file from its first bytes (and, for ZIP-based office documents, its
    table of contents); None for anything else."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head[4:8] == b"ftyp" and head[8:12] in {b"heic", b"heix", b"mif1", b"msf1", b"heif"}:
        return "heic"
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "webp"
    if head.startswith(b"PK\x03\x04"):
        return _sniff_zip(stream)
    return None


def _sniff_zip(stream) -> str | None:
    try:
        stream.seek(0)
        with zipfile.ZipFile(stream) as archive:
            names = archive.namelist()
            if len(names) > _MAX_ZIP_MEMBERS:
                return None
            if "mimetype" in names:
                mimetype = archive.read("mimetype")[:100].decode("ascii", "replace").strip()
                for name, (mime, _ext, _label) in TYPES.items():
                    if mime == mimetype and name in {"odt", "ods"}:
                        return name
            if "[Content_Types].xml" in names:
                if any(n.startswith("word/") for n in names):
                    return "docx"
                if any(n.startswith("xl/") for n in names):
                    return "xlsx"
    except (zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
    finally:
        stream.seek(0)
    return None


def accepted_labels(accept) -> str:
    return ", ".join(TYPES[name][2] for name in accept if name in TYPES)


def clean_name(name: str) -> str:
    """A displayable file name, or FieldError when it is hostile (path, control characters)."""
    name = unicodedata.normalize("NFC", name or "")
    if any(unicodedata.category(c).startswith("C") for c in name) or "/" in name or "\\" in name:
        raise FieldError(
            _("Le nom du fichier contient des caractères interdits : renommez-le puis réessayez.")
        )
    name = name.strip().strip(".")
    if not name:
        raise FieldError(_("Le fichier n’a pas de nom : renommez-le puis réessayez."))
    if len(name) > MAX_NAME_LENGTH:
        stem, ext = os.path.splitext(name)
        name = stem[: MAX_NAME_LENGTH - len(ext)] + ext
    return name


def check_upload(upload, *, accept=None, max_size_mb=None) -> tuple[str, str, str]:
    """(display name, MIME type, type name) of an acceptable upload; FieldError otherwise."""
    accept = [a for a in (accept or DEFAULT_ACCEPT) if a in TYPES] or list(DEFAULT_ACCEPT)
    limit_mb = min(max_size_mb or DEFAULT_MAX_SIZE_MB, HARD_MAX_SIZE_MB)
    name = clean_name(getattr(upload, "name", ""))
    if upload.size == 0:
        raise FieldError(
            _("Le fichier « %(name)s » est vide : choisissez-en un autre.") % {"name": name}
        )
    if upload.size > limit_mb * 1024 * 1024:
        raise FieldError(
            _(
                "Le fichier « %(name)s » pèse %(size)s Mo : la limite est de %(limit)s Mo. "
                "Réduisez-le (scan en 150 dpi, photo moins grande) puis réessayez."
            )
            % {"name": name, "size": round(upload.size / 1024 / 1024, 1), "limit": limit_mb}
        )
    upload.seek(0)
    head = upload.read(64)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind not in accept:
        raise FieldError(
            _(
                "Le fichier « %(name)s » n’est pas d’un type accepté ici (%(accepted)s) : "
                "enregistrez-le dans l’un de ces formats puis réessayez."
            )
            % {"name": name, "accepted": accepted_labels(accept)}
        )
    mime, extensions, _label = TYPES[kind]
    extension = os.path.splitext(name)[1].lower()
    if extension not in extensions:
        name = os.path.splitext(name)[0] + sorted(extensions)[0]
    return name, mime, kind


def scan(upload) -> bool | None:
    """True when ClamAV finds nothing, VirusFound when it finds something, None when no daemon
    is configured (settings CLAMAV_SOCKET or CLAMAV_HOST/CLAMAV_PORT)."""
    path = getattr(settings, "CLAMAV_SOCKET", "")
    host = getattr(settings, "CLAMAV_HOST", "")
    if not path and not host:
        return None
    if path:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        address = path
    else:
        connection = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        address = (host, int(getattr(settings, "CLAMAV_PORT", 3310)))
    connection.settimeout(30)
    try:
        answer = _instream(connection, address, upload)
    except OSError as error:  # daemon down or too slow: refuse rather than store unscanned
        raise FieldError(_UNAVAILABLE) from error
    if answer.endswith("FOUND"):
        raise VirusFound(
            _(
                "Ce fichier contient un virus et a été refusé : ne l’envoyez pas, prévenez "
                "votre informaticien."
            )
        )
    if not answer.endswith("OK"):  # e.g. « INSTREAM size limit exceeded. ERROR »
        raise FieldError(_UNAVAILABLE)
    return True


_UNAVAILABLE = _(
    "L’analyse antivirus de ce fichier n’a pas pu se faire : réessayez dans quelques minutes."
)


def _instream(connection, address, upload) -> str:
    """clamd's answer to the INSTREAM command for the content of `upload`."""
    with connection:
        connection.connect(address)
        connection.sendall(b"zINSTREAM\0")
        upload.seek(0)
        for chunk in iter(lambda: upload.read(64 * 1024), b""):
            connection.sendall(struct.pack("!L", len(chunk)) + chunk)
        connection.sendall(struct.pack("!L", 0))
        reply = io.BytesIO()
        while not reply.getvalue().endswith(b"\0"):
            data = connection.recv(4096)
            if not data:
                break
            reply.write(data)
    upload.seek(0)
    return reply.getvalue().rstrip(b"\0").decode("utf-8", "replace")
