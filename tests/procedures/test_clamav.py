"""Documents scanned by a real ClamAV daemon (Debian's clamav-daemon) when one is configured.

The daemon is started here with a signature database of one line, the EICAR test signature,
so that the test needs no download (freshclam needs the internet; Debian ships no signature
database). Skipped when `clamd` is not installed or cannot start, except when
ESSAIM_REQUIRE_CLAMD=1 (set by `.ci/run`, which installs it): CI must check that EICAR is refused.
"""

import os
import shutil
import socket
import subprocess
import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from essaim.procedures import uploads
from essaim.procedures.enums import ScanStatus
from essaim.procedures.fields import FieldError
from essaim.procedures.models import Attachment
from tests.procedures.test_uploads import PDF, _upload, dossier  # noqa: F401 (fixture)

EICAR = rb"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"
# A body signature: the EICAR string anywhere in any file (also inside a PDF).
SIGNATURE = f"Eicar-Test-Signature:0:*:{EICAR.hex()}\n"


def _missing(reason: str):
    """Skip locally; fail where the daemon is required (CI), so that the check never vanishes."""
    if os.environ.get("ESSAIM_REQUIRE_CLAMD") == "1":
        pytest.fail(f"{reason} (ESSAIM_REQUIRE_CLAMD=1)", pytrace=False)
    pytest.skip(reason)


def _pong(path) -> bool:
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection:
            connection.settimeout(2)
            connection.connect(str(path))
            connection.sendall(b"zPING\0")
            return connection.recv(16).startswith(b"PONG")
    except OSError:
        return False


@pytest.fixture(scope="module")
def clamd_socket(tmp_path_factory):
    binary = shutil.which("clamd") or shutil.which("clamd", path="/usr/sbin")
    if binary is None:
        _missing("clamd n’est pas installé (apt-get install clamav-daemon)")
    folder = tmp_path_factory.mktemp("clamd")
    (folder / "db").mkdir()
    (folder / "db" / "eicar.ndb").write_text(SIGNATURE)
    path = folder / "clamd.sock"
    (folder / "clamd.conf").write_text(
        "Foreground yes\n"
        f"LocalSocket {path}\n"
        f"DatabaseDirectory {folder / 'db'}\n"
        f"TemporaryDirectory {folder}\n"
        f"PidFile {folder / 'clamd.pid'}\n"
    )
    process = subprocess.Popen(
        [binary, "-c", str(folder / "clamd.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 90  # first start compiles the engine: slow on a busy machine
    while not _pong(path) and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.5)
    if not _pong(path):
        process.kill()
        _missing("clamd n’a pas pu démarrer ici")
    yield str(path)
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def clamav(settings, clamd_socket):
    settings.CLAMAV_SOCKET = clamd_socket
    settings.CLAMAV_HOST = ""
    return clamd_socket


def test_eicar_file_is_reported_as_a_virus(clamav):
    with pytest.raises(uploads.VirusFound):
        uploads.scan(SimpleUploadedFile("eicar.com", EICAR))
    assert uploads.scan(SimpleUploadedFile("propre.pdf", PDF)) is True


@pytest.mark.django_db
def test_eicar_inside_a_pdf_is_refused_and_not_stored(client, dossier, clamav):  # noqa: F811
    page = _upload(client, dossier, "facture.pdf", PDF + EICAR).replace("\xa0", " ")
    assert "contient un virus et a été refusé" in page
    assert not Attachment.objects.filter(dossier=dossier).exists()


@pytest.mark.django_db
def test_clean_document_is_stored_as_scanned(client, dossier, clamav):  # noqa: F811
    _upload(client, dossier, "facture.pdf", PDF)
    assert Attachment.objects.get(dossier=dossier).scan_status == ScanStatus.CLEAN


def test_unreachable_daemon_refuses_the_file_rather_than_storing_it(settings, tmp_path):
    settings.CLAMAV_SOCKET = str(tmp_path / "absent.sock")
    with pytest.raises(FieldError) as caught:
        uploads.scan(SimpleUploadedFile("propre.pdf", PDF))
    assert "réessayez dans quelques minutes" in caught.value.message


@pytest.mark.django_db
def test_without_daemon_documents_are_marked_not_scanned(client, dossier, settings):  # noqa: F811
    settings.CLAMAV_SOCKET = settings.CLAMAV_HOST = ""
    _upload(client, dossier, "facture.pdf", PDF)
    assert Attachment.objects.get(dossier=dossier).scan_status == ScanStatus.NOT_SCANNED
