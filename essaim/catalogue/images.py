"""Uploaded images: validated by their content, resized and stripped of their metadata.

An image is accepted only if Pillow recognises it as JPEG, PNG, WebP or GIF from its bytes (the
file name and the declared content type are ignored), if it is not a decompression bomb, and if it
decodes fully. What is stored is a fresh re-encoding of its pixels, at most 1600 px on its longest
side, with no EXIF, GPS, XMP or ICC block left.
"""

import io
import warnings
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000  # a 8000 × 5000 photograph; anything larger is refused unread
ACCEPTED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}

MESSAGES = {
    "too_big": _(
        "Le fichier dépasse 10 Mo. Réduisez la taille de l’image (par exemple en l’exportant "
        "en JPEG) puis déposez-la à nouveau."
    ),
    "not_image": _(
        "Ce fichier n’est pas une image lisible. Déposez une photo ou une illustration au "
        "format JPEG, PNG, WebP ou GIF."
    ),
    "format": _(
        "Ce format d’image n’est pas accepté. Enregistrez l’image au format JPEG, PNG, WebP "
        "ou GIF puis déposez-la à nouveau."
    ),
    "bomb": _(
        "Cette image est trop grande (plus de 40 millions de pixels). Réduisez ses dimensions "
        "puis déposez-la à nouveau."
    ),
    "broken": _(
        "Cette image est endommagée ou incomplète. Ouvrez-la dans un logiciel d’images, "
        "enregistrez-la à nouveau puis déposez-la."
    ),
}


@dataclass(frozen=True)
class CleanImage:
    """An image ready to store: its bytes, extension and final dimensions."""

    content: bytes
    extension: str
    width: int
    height: int

    def as_file(self, stem: str) -> ContentFile:
        return ContentFile(self.content, name=f"{stem}.{self.extension}")


def _open_checked(data: bytes) -> Image.Image:
    """Open `data` as an image, refusing bombs, unknown formats and truncated files."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            probe = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ValidationError(MESSAGES["bomb"], code="bomb") from exc
        except (UnidentifiedImageError, OSError, ValueError, SyntaxError) as exc:
            raise ValidationError(MESSAGES["not_image"], code="not_image") from exc
        if probe.format not in ACCEPTED_FORMATS:
            raise ValidationError(MESSAGES["format"], code="format")
        if probe.width * probe.height > MAX_PIXELS:
            raise ValidationError(MESSAGES["bomb"], code="bomb")
        try:
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
        except (Image.DecompressionBombWarning, Image.DecompressionBombError) as exc:
            raise ValidationError(MESSAGES["bomb"], code="bomb") from exc
        except Exception as exc:  # Pillow raises many types for corrupt data
            raise ValidationError(MESSAGES["broken"], code="broken") from exc
    return image


def clean_image(uploaded) -> CleanImage:
    """Validate an uploaded file by its content and return it resized, without metadata.

    Raises `ValidationError` with a French message that says how to fix the file.
    """
    size = getattr(uploaded, "size", None)
    if size is not None and size > MAX_UPLOAD_BYTES:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    if hasattr(uploaded, "seek"):
        uploaded.seek(0)
    data = uploaded.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise ValidationError(MESSAGES["too_big"], code="too_big")
    image = _open_checked(data)

    image = ImageOps.exif_transpose(image)
    has_alpha = image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )
    image = image.convert("RGBA" if has_alpha else "RGB")
    image.thumbnail((MAX_SIDE, MAX_SIDE), Image.Resampling.LANCZOS)
    # Copy only the pixels: no EXIF, XMP, ICC profile or comment survives.
    pixels = Image.new(image.mode, image.size)
    pixels.paste(image)

    out = io.BytesIO()
    if has_alpha:
        pixels.save(out, format="PNG", optimize=True)
        extension = "png"
    else:
        pixels.save(out, format="JPEG", quality=85, optimize=True, progressive=True)
        extension = "jpg"
    return CleanImage(out.getvalue(), extension, pixels.width, pixels.height)
