"""Webhooks, for real: a live HTTP receiver (the documented IODAS-like example) gets every
transition, signed; failures are retried and logged; duplicates are harmless."""

import datetime
import json
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from essaim.procedures import iodas_example, webhooks
from essaim.procedures.instruction_services import change_state
from essaim.procedures.integrations_signing import sign, verify
from essaim.procedures.models import Webhook, WebhookDelivery
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db


@pytest.fixture
def running():
    """Start an HTTP server in a thread; yields a function server -> its URL."""
    servers = []

    def start(server):
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}/"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


class Flaky(BaseHTTPRequestHandler):
    """Fails `failures` times with a 503, then accepts; keeps what it received."""

    failures = 2
    received: list

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.received.append((dict(self.headers), body))
        status = 503 if len(self.received) <= self.failures else 200
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


def _flaky_server(failures):
    handler = type("Handler", (Flaky,), {"failures": failures, "received": []})
    return ThreadingHTTPServer(("127.0.0.1", 0), handler), handler.received


def test_signature_checks_secret_body_and_freshness():
    header = sign(secret="s3cret", body=b'{"a": 1}', timestamp=1_000_000)
    assert verify(secret="s3cret", body=b'{"a": 1}', header=header, now=1_000_100)
    assert not verify(secret="autre", body=b'{"a": 1}', header=header, now=1_000_100)
    assert not verify(secret="s3cret", body=b'{"a": 2}', header=header, now=1_000_100)
    assert not verify(secret="s3cret", body=b'{"a": 1}', header=header, now=1_000_000 + 301)
    assert not verify(secret="s3cret", body=b"", header="n'importe quoi")


def test_a_receiver_that_fails_twice_gets_the_transition_on_the_third_attempt(
    running, procedure, nord, instructor, django_capture_on_commit_callbacks
):
    server, received = _flaky_server(failures=2)
    webhook = Webhook.objects.create(procedure=procedure, url=running(server))
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered"
    assert delivery.attempts == 3
    assert [entry["status_code"] for entry in delivery.log] == [503, 503, 200]
    assert len(received) == 3
    headers, body = received[-1]
    assert verify(secret=webhook.secret, body=body, header=headers["Essaim-Signature"])
    payload = json.loads(body)
    assert headers["Idempotency-Key"] == payload["idempotency_key"] == delivery.idempotency_key
    assert payload["transition"] == {
        "name": "instruct",
        "from": "submitted",
        "to": "in_instruction",
        "reason": "",
    }
    assert payload["dossier"]["number"] == dossier.pk
    assert payload["dossier"]["answers"] == {"nom": "Durand", "montant": 300}
    # The three attempts carried the same delivery (same key, same body).
    assert len({b for _h, b in received}) == 1


def _attempt_rows(html):
    """The cells' texts of each row of the attempts table on the integrations page."""
    table = re.search(r"<caption>Tentatives de l’envoi.*?</table>", html, re.S)
    assert table, "no table of attempts"
    return [
        [re.sub(r"[ \t\n]+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]
        for cells in (
            re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)
            for row in re.findall(r"<tr>(.*?)</tr>", table.group(0).split("<tbody>")[1], re.S)
        )
    ]


def test_integrations_page_lists_each_attempt_in_paris_time(
    client, org_admin, running, procedure, nord, instructor, django_capture_on_commit_callbacks
):
    server, _received = _flaky_server(failures=2)
    Webhook.objects.create(procedure=procedure, url=running(server))
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    delivery = WebhookDelivery.objects.get()
    client.force_login(org_admin)
    page = client.get(reverse("procedures:builder_integrations", args=[procedure.pk]))
    html = page.content.decode()
    assert f"(dossier {dossier.pk})" in html
    rows = _attempt_rows(html)
    assert [(row[0], row[2].split(" Reçu")[0]) for row in rows] == [
        ("1", "Réponse HTTP 503"),
        ("2", "Réponse HTTP 503"),
        ("3", "Réponse HTTP 200"),
    ]
    assert rows[2][2].endswith("Reçu") and "Reçu" not in rows[0][2]
    for row, entry in zip(rows, delivery.log, strict=True):
        paris = datetime.datetime.fromisoformat(entry["at"]).astimezone(ZoneInfo("Europe/Paris"))
        assert row[1].endswith(paris.strftime("%H:%M:%S"))
        assert row[3] == f"{entry['duration_ms']}\u00a0ms"


def test_a_receiver_that_never_answers_ends_failed_with_its_log(
    running, procedure, nord, instructor, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(webhooks, "MAX_ATTEMPTS", 3)
    server, received = _flaky_server(failures=99)
    Webhook.objects.create(procedure=procedure, url=running(server))
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts, len(received)) == ("failed", 3, 3)
    assert delivery.last_status_code == 503
    # Once the receiver is fixed, the delivery can be sent again.
    received.clear()
    server.RequestHandlerClass.failures = 0
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.redeliver(delivery)
    delivery.refresh_from_db()
    assert delivery.status == "delivered"


def test_unreachable_receiver_is_logged_without_crashing_the_transition(
    procedure, nord, instructor, django_capture_on_commit_callbacks, monkeypatch
):
    monkeypatch.setattr(webhooks, "MAX_ATTEMPTS", 2)
    Webhook.objects.create(procedure=procedure, url="http://127.0.0.1:9/")
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    dossier.refresh_from_db()
    assert dossier.state == "in_instruction"
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    assert delivery.last_status_code is None and delivery.last_error


def test_iodas_like_receiver_imports_each_transition_once(
    running, procedure, nord, instructor, django_capture_on_commit_callbacks
):
    tool = iodas_example.BusinessTool()
    secret = "secret-partage-avec-le-logiciel-metier"
    url = running(iodas_example.serve(0, secret, tool))
    Webhook.objects.create(procedure=procedure, url=url, secret=secret)
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
        change_state(dossier, name="refuse", by=instructor, reason="Ressources trop élevées.")
    assert [r["STATUT"] for r in tool.records] == ["INS", "REF"]
    assert tool.records[1] == {
        "REF_EXTERNE": f"ESSAIM-{dossier.pk}",
        "STATUT": "REF",
        "DATE_DEPOT": dossier.submitted_at.date().isoformat(),
        "MOTIF": "Ressources trop élevées.",
        "BEN_NOM": "Durand",
        "MNT_DEM": 300,
    }
    # A repeated delivery (Essaim retries until it gets a 2xx) is not imported twice.
    delivery = WebhookDelivery.objects.order_by("pk").first()
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.redeliver(delivery)
    assert len(tool.records) == 2
    assert WebhookDelivery.objects.filter(status="delivered").count() == 2


def test_iodas_like_receiver_refuses_a_bad_signature(running):
    tool = iodas_example.BusinessTool()
    url = running(iodas_example.serve(0, "le-bon-secret", tool))
    from essaim.procedures.integrations_http import post_json

    body = b'{"dossier": {}}'
    result = post_json(url, body=body, headers={"Essaim-Signature": sign(secret="faux", body=body)})
    assert result.status_code == 401
    assert tool.records == []


def test_inactive_webhooks_get_nothing(
    procedure, nord, instructor, django_capture_on_commit_callbacks
):
    Webhook.objects.create(procedure=procedure, url="http://127.0.0.1:9/", active=False)
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    assert not WebhookDelivery.objects.exists()
