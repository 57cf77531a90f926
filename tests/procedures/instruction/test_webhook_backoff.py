"""Webhook retries as they happen in production: with the database task backend, a failed
delivery is scheduled later and later (not retried at once), the catch-up command sends only
the deliveries whose time has come, and the integrations page shows the log and relaunches a
failed delivery for the organisation's administrators only."""

import datetime
import io
import itertools
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from essaim.procedures import webhooks
from essaim.procedures.instruction_services import change_state
from essaim.procedures.models import Webhook, WebhookDelivery
from tests.procedures.factories import ProcedureFactory
from tests.procedures.instruction.conftest import make_dossier

pytestmark = pytest.mark.django_db

REFUSED = "http://127.0.0.1:9/"  # the discard port: nothing listens, the connection is refused
SECOND = datetime.timedelta(seconds=1)


@pytest.fixture
def database_tasks(settings):
    """Tasks stored in the database, as in production, instead of run at once."""
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default", "email"]}
    }


class Receiver(BaseHTTPRequestHandler):
    received: list

    def do_POST(self):
        self.received.append(self.rfile.read(int(self.headers["Content-Length"])))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def receiver():
    """A receiver that accepts everything; yields (its URL, the bodies it got)."""
    handler = type("Handler", (Receiver,), {"received": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/", handler.received
    server.shutdown()
    server.server_close()


def _delivery(webhook, key, **fields):
    return WebhookDelivery.objects.create(
        webhook=webhook,
        event=webhooks.EVENT,
        idempotency_key=key,
        payload={"idempotency_key": key},
        next_attempt_at=fields.pop("next_attempt_at", timezone.now()),
        **fields,
    )


def _queued(delivery, tasks=None) -> list:
    """The tasks queued for `delivery` (all, or among `tasks`), oldest first."""
    tasks = (DBTaskResult.objects if tasks is None else tasks).filter(
        task_path__endswith="deliver_webhook_task"
    )
    return [
        task
        for task in tasks.order_by("enqueued_at")
        if task.args_kwargs["kwargs"] == {"delivery_id": delivery.pk}
    ]


def test_backoff_grows_fourfold_from_thirty_seconds():
    delays = [webhooks.backoff(n).total_seconds() for n in range(1, webhooks.MAX_ATTEMPTS)]
    assert delays[:4] == [30, 120, 480, 1920]
    assert all(later == 4 * earlier for earlier, later in itertools.pairwise(delays))


def test_a_failed_delivery_is_scheduled_later_and_later(
    procedure, database_tasks, django_capture_on_commit_callbacks
):
    webhook = Webhook.objects.create(procedure=procedure, url=REFUSED)
    delivery = _delivery(webhook, "essaim-test-1")
    previous_delay = datetime.timedelta(0)
    for attempt in range(1, 4):
        before = timezone.now()
        with django_capture_on_commit_callbacks(execute=True):
            webhooks.deliver(delivery.pk)  # what the worker does when the task is due
        after = timezone.now()
        delivery.refresh_from_db()
        assert (delivery.status, delivery.attempts) == ("pending", attempt)
        delay = webhooks.backoff(attempt)
        assert before + delay - SECOND <= delivery.next_attempt_at <= after + delay + SECOND
        assert delay > previous_delay
        previous_delay = delay
        # The next attempt is a task that the worker will not run before its time.
        assert _queued(delivery)[-1].run_after == delivery.next_attempt_at
        assert _queued(delivery, DBTaskResult.objects.ready()) == []
        assert delivery.log[-1]["status_code"] is None and delivery.log[-1]["error"]
    assert len(_queued(delivery)) == 3
    assert len(delivery.log) == 3


def test_the_last_attempt_marks_the_delivery_failed_and_schedules_nothing(
    procedure, database_tasks, django_capture_on_commit_callbacks
):
    webhook = Webhook.objects.create(procedure=procedure, url=REFUSED)
    delivery = _delivery(webhook, "essaim-test-2", attempts=webhooks.MAX_ATTEMPTS - 1)
    with django_capture_on_commit_callbacks(execute=True):
        webhooks.deliver(delivery.pk)
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("failed", webhooks.MAX_ATTEMPTS)
    assert delivery.next_attempt_at is None
    assert _queued(delivery) == []


def test_a_transition_queues_its_delivery_for_now_without_sending_it(
    procedure, nord, instructor, database_tasks, django_capture_on_commit_callbacks
):
    Webhook.objects.create(procedure=procedure, url=REFUSED)
    dossier = make_dossier(procedure, nord)
    with django_capture_on_commit_callbacks(execute=True):
        change_state(dossier, name="instruct", by=instructor)
    delivery = WebhookDelivery.objects.get()
    assert (delivery.status, delivery.attempts) == ("pending", 0)  # left to the worker
    assert len(_queued(delivery, DBTaskResult.objects.ready())) == 1  # to run at once


def test_the_catch_up_command_sends_only_the_deliveries_that_are_due(
    procedure, receiver, django_capture_on_commit_callbacks
):
    url, received = receiver
    webhook = Webhook.objects.create(procedure=procedure, url=url)
    now = timezone.now()
    due = _delivery(webhook, "due", attempts=2, next_attempt_at=now - SECOND)
    later = _delivery(webhook, "later", attempts=2, next_attempt_at=now + 60 * SECOND)
    done = _delivery(webhook, "done", status="delivered", next_attempt_at=now - SECOND)
    failed = _delivery(webhook, "failed", status="failed", next_attempt_at=now - SECOND)
    out = io.StringIO()
    call_command("webhooks_relancer", stdout=out)  # tasks run at once in tests
    assert "1 envoi(s) de webhook remis en file." in out.getvalue()
    assert received == [b'{"idempotency_key": "due"}']
    for delivery in (due, later, done, failed):
        delivery.refresh_from_db()
    assert (due.status, due.attempts) == ("delivered", 3)
    assert (later.status, later.attempts) == ("pending", 2)
    assert (done.status, failed.status) == ("delivered", "failed")
    # Once its time has come, the other one goes too; delivered ones are never sent again.
    assert webhooks.retry_due(now=now + 61 * SECOND) == 1
    later.refresh_from_db()
    assert later.status == "delivered"
    assert len(received) == 2
    assert webhooks.retry_due(now=now + 3600 * SECOND) == 0


def test_the_catch_up_queues_one_task_per_due_delivery(procedure, database_tasks):
    webhook = Webhook.objects.create(procedure=procedure, url=REFUSED)
    now = timezone.now()
    due = _delivery(webhook, "due", next_attempt_at=now - SECOND)
    later = _delivery(webhook, "later", next_attempt_at=now + 60 * SECOND)
    assert webhooks.retry_due(now=now) == 1
    assert len(_queued(due, DBTaskResult.objects.ready())) == 1
    assert _queued(later) == []


# ------------------------------------------------------------------ the integrations page


@pytest.fixture
def failed_delivery(procedure):
    webhook = Webhook.objects.create(procedure=procedure, url=REFUSED)
    return _delivery(
        webhook,
        "essaim-failed",
        status="failed",
        attempts=webhooks.MAX_ATTEMPTS,
        last_status_code=503,
        next_attempt_at=None,
        log=[{"at": "2026-01-01T00:00:00+00:00", "status_code": 503, "error": ""}] * 8,
    )


def _page(procedure):
    return reverse("procedures:builder_integrations", args=[procedure.pk])


def _retry(delivery):
    return reverse(
        "procedures:builder_delivery_retry", args=[delivery.webhook.procedure_id, delivery.pk]
    )


def test_the_log_lists_each_delivery_with_its_attempts_and_a_relaunch_button(
    client, org_admin, procedure, failed_delivery, receiver
):
    url, _received = receiver
    delivered = _delivery(
        Webhook.objects.create(procedure=procedure, url=url),
        "essaim-ok",
        status="delivered",
        attempts=2,
        last_status_code=200,
    )
    client.force_login(org_admin)
    html = client.get(_page(procedure)).content.decode()
    assert "Journal des envois" in html
    rows = html.split("<tbody>")[1].split("</tbody>")[0].split("<tr>")[1:]
    assert len(rows) == 2
    failed_row = next(row for row in rows if "<td>503</td>" in row)
    ok_row = next(row for row in rows if "<td>200</td>" in row)
    assert f"<td>{webhooks.MAX_ATTEMPTS}</td>" in failed_row and "Relancer" in failed_row
    assert _retry(failed_delivery) in failed_row
    assert "<td>2</td>" in ok_row and "Relancer" not in ok_row
    assert _retry(delivered) not in html


def test_relaunching_a_failed_delivery_sends_it_again(
    client, org_admin, failed_delivery, receiver, django_capture_on_commit_callbacks
):
    url, received = receiver
    failed_delivery.webhook.url = url  # the receiver was fixed
    failed_delivery.webhook.save()
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_retry(failed_delivery), follow=True)
    assert response.redirect_chain[-1][0] == _page(failed_delivery.webhook.procedure)
    assert "Envoi relancé" in response.content.decode()
    failed_delivery.refresh_from_db()
    assert (failed_delivery.status, failed_delivery.attempts) == ("delivered", 1)
    assert len(received) == 1
    assert len(failed_delivery.log) == 9  # the earlier attempts stay in the log


def test_relaunching_schedules_the_delivery_at_once_with_the_database_backend(
    client, org_admin, failed_delivery, database_tasks, django_capture_on_commit_callbacks
):
    client.force_login(org_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_retry(failed_delivery))
    failed_delivery.refresh_from_db()
    assert (failed_delivery.status, failed_delivery.attempts) == ("pending", 0)
    assert len(_queued(failed_delivery, DBTaskResult.objects.ready())) == 1


@pytest.mark.parametrize("who", ["agent", "editor", "other_agent"])
def test_the_log_and_the_relaunch_are_refused_to_non_administrators(
    request, client, who, procedure, failed_delivery
):
    client.force_login(request.getfixturevalue(who))
    page = client.get(_page(procedure))
    assert page.status_code == 403
    assert "Seuls les administrateurs" in page.content.decode()
    assert client.post(_retry(failed_delivery)).status_code == 403
    failed_delivery.refresh_from_db()
    assert (failed_delivery.status, failed_delivery.attempts) == ("failed", webhooks.MAX_ATTEMPTS)


def test_the_relaunch_needs_sign_in_and_a_post(client, org_admin, procedure, failed_delivery):
    assert client.post(_retry(failed_delivery)).status_code == 302  # to sign in
    client.force_login(org_admin)
    assert client.get(_retry(failed_delivery)).status_code == 405
    failed_delivery.refresh_from_db()
    assert failed_delivery.status == "failed"


def test_an_administrator_cannot_relaunch_another_procedures_delivery(
    client, org_admin, organisation, failed_delivery
):
    own = ProcedureFactory(organisation=organisation)  # `org_admin` manages it too
    client.force_login(org_admin)
    url = reverse("procedures:builder_delivery_retry", args=[own.pk, failed_delivery.pk])
    assert client.post(url).status_code == 404
    failed_delivery.refresh_from_db()
    assert failed_delivery.status == "failed"
