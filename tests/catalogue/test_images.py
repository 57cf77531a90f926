import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from essaim.catalogue.history import RevisionAction
from tests.catalogue.factories import InitiativeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def carried(organisation):
    return InitiativeFactory(carriers=[organisation])


def jpeg_with_gps(size=(3000, 2000)) -> bytes:
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "Fabricant secret"  # Make
    exif[0x8825] = {1: "N", 2: (48.0, 51.0, 0.0)}  # GPSInfo
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()


def noisy_jpeg() -> bytes:
    out = io.BytesIO()
    Image.frombytes("RGB", (200, 150), bytes(range(256)) * 351 + bytes(144)).save(out, "JPEG")
    return out.getvalue()


def png_header_only(width: int, height: int) -> bytes:
    """A tiny PNG that declares huge dimensions (a decompression bomb)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")
    )


def upload(client, initiative, content: bytes, name="photo.jpg", alt="Une équipe en atelier"):
    file = SimpleUploadedFile(name, content, content_type="image/jpeg")
    return client.post(
        reverse("catalogue:images", args=[initiative.slug]), {"image": file, "alt_text": alt}
    )


def test_image_upload_is_resized_and_stripped_of_metadata(client, editor, carried):
    client.force_login(editor)
    response = upload(client, carried, jpeg_with_gps())
    assert response.status_code == 302
    image = carried.images.get()
    with Image.open(image.image.path) as stored:
        assert max(stored.size) == 1600 and stored.format == "JPEG"
        assert not stored.getexif() and "exif" not in stored.info
    assert image.alt_text == "Une équipe en atelier"
    assert carried.revisions.get().action == RevisionAction.IMAGES


def test_image_transparent_png_stays_png(client, editor, carried):
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (0, 0, 0, 0)).save(out, format="PNG")
    client.force_login(editor)
    upload(client, carried, out.getvalue(), name="logo.png")
    assert carried.images.get().image.name.endswith(".png")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Ceci est un simple texte, pas une image.", "n’est pas une image lisible"),
        (jpeg_with_gps((400, 300))[:600], "n’est pas une image lisible"),
        (noisy_jpeg()[:8000], "endommagée ou incomplète"),
        (png_header_only(20000, 20000), "trop grande"),
        (png_header_only(7000, 7000), "trop grande"),
        (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj", "n’est pas une image lisible"),
    ],
    ids=["text-named-jpg", "truncated-header", "truncated-jpeg", "bomb", "too-many-pixels", "pdf"],
)
def test_image_hostile_upload_gets_a_french_message(client, editor, carried, content, message):
    client.force_login(editor)
    response = upload(client, carried, content)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not carried.images.exists()


def test_image_bmp_format_is_refused_with_the_accepted_formats(client, editor, carried):
    out = io.BytesIO()
    Image.new("RGB", (10, 10)).save(out, format="BMP")
    client.force_login(editor)
    response = upload(client, carried, out.getvalue(), name="photo.png")
    assert "JPEG, PNG, WebP ou GIF" in response.content.decode()


def test_image_without_alt_text_is_refused(client, editor, carried):
    client.force_login(editor)
    response = upload(client, carried, jpeg_with_gps((100, 80)), alt="")
    assert "alt_text" in response.context["form"].errors and not carried.images.exists()


def test_image_empty_file_is_refused(client, editor, carried):
    client.force_login(editor)
    response = upload(client, carried, b"")
    assert response.status_code == 200 and not carried.images.exists()


def test_image_delete_removes_the_file(client, editor, carried, django_capture_on_commit_callbacks):
    client.force_login(editor)
    upload(client, carried, jpeg_with_gps((100, 80)))
    image = carried.images.get()
    path = Path(image.image.path)
    assert path.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("catalogue:image_delete", args=[carried.slug, image.pk]))
    assert not carried.images.exists() and not path.exists()


def test_image_upload_by_editor_of_another_organisation_is_forbidden(client, other_agent, carried):
    client.force_login(other_agent)
    assert upload(client, carried, jpeg_with_gps((100, 80))).status_code == 403
    assert not carried.images.exists()


def test_image_page_by_anonymous_redirects_to_login(client, carried):
    response = client.get(reverse("catalogue:images", args=[carried.slug]))
    assert response.status_code == 302
