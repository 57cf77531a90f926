"""Webhooks: every transition of a dossier is POSTed, signed, to the procedure's endpoints.

One `WebhookDelivery` per (transition, webhook), created when the transition is committed,
with an idempotency key the receiver uses to ignore a repeated delivery. A background task
POSTs it (`integrations_http.post_json`), records each attempt in the delivery log, and on
failure schedules a retry with exponential back-off (30 s, 2 min, 8 min… up to
`MAX_ATTEMPTS`), after which the delivery is marked failed. `retry_due` re-enqueues pending
deliveries whose time has come (the `essaim webhooks_relancer` command), so a lost task
never loses a delivery.

Payload (JSON, UTF-8): `event`, `idempotency_key`, `occurred_at`, `procedure` {id, slug,
title}, `transition` {name, from, to, reason}, `dossier` (facts, `answers` and `annotations`
when the webhook includes answers, and `api_url` to read it again).
Headers: `Essaim-Signature` (see `integrations_signing`), `Essaim-Event`, `Idempotency-Key`.
"""

import datetime
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from essaim.procedures.enums import DeliveryStatus
from essaim.procedures.integrations_http import post_json
from essaim.procedures.integrations_signing import (
    EVENT_HEADER,
    IDEMPOTENCY_HEADER,
    SIGNATURE_HEADER,
    sign,
)
from essaim.procedures.models import Webhook, WebhookDelivery

MAX_ATTEMPTS = 8
FIRST_DELAY_SECONDS = 30
EVENT = "dossier.state_changed"


@dataclass(frozen=True)
class Attempt:
    """One entry of a delivery's log, as the integrations page lists it."""

    number: int
    at: datetime.datetime | None  # aware, UTC; shown in Paris time
    status_code: int | None  # None when no HTTP answer came
    error: str
    duration_ms: int | None

    @property
    def ok(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300


def attempts_of(delivery) -> list[Attempt]:
    """Every attempt of `delivery`'s log, oldest first (a redelivery keeps the earlier ones)."""
    attempts = []
    for number, entry in enumerate(delivery.log or [], start=1):
        at = entry.get("at")
        attempts.append(
            Attempt(
                number=number,
                at=datetime.datetime.fromisoformat(at) if at else None,
                status_code=entry.get("status_code"),
                error=entry.get("error") or "",
                duration_ms=entry.get("duration_ms"),
            )
        )
    return attempts


def backoff(attempts: int) -> datetime.timedelta:
    """Delay before the next attempt after `attempts` failed ones: 30 s × 4^(n−1)."""
    return datetime.timedelta(seconds=FIRST_DELAY_SECONDS * 4 ** max(0, attempts - 1))


def payload_for(dossier, record, webhook) -> dict:
    from essaim.core.emails import absolute_url
    from essaim.procedures.exports import dossier_facts

    procedure = dossier.procedure
    facts = dossier_facts(dossier)
    facts["api_url"] = absolute_url(f"/api/v1/dossiers/{dossier.pk}")
    if webhook.include_answers:
        facts["answers"] = dossier.answers
        facts["annotations"] = dossier.annotations
    return {
        "event": EVENT,
        "occurred_at": record.at,
        "procedure": {"id": procedure.pk, "slug": procedure.slug, "title": procedure.title},
        "transition": {
            "name": record.name,
            "from": record.source,
            "to": record.target,
            "reason": record.reason,
        },
        "dossier": facts,
    }


def _json_safe(payload: dict) -> dict:
    return json.loads(json.dumps(payload, cls=DjangoJSONEncoder))


def enqueue_for_transition(dossier, record) -> list[WebhookDelivery]:
    """Create the deliveries of one recorded transition and enqueue them (idempotent: calling
    it twice for the same record creates nothing more).

    Side effects: saves WebhookDelivery rows; on commit, enqueues one task per delivery.
    """
    from essaim.procedures.tasks import deliver_webhook_task

    deliveries = []
    with transaction.atomic():
        for webhook in Webhook.objects.filter(procedure_id=dossier.procedure_id, active=True):
            key = f"essaim-{record.pk}-{webhook.pk}"
            payload = {"idempotency_key": key, **payload_for(dossier, record, webhook)}
            delivery, created = WebhookDelivery.objects.get_or_create(
                idempotency_key=key,
                defaults={
                    "webhook": webhook,
                    "dossier": dossier,
                    "event": EVENT,
                    "payload": _json_safe(payload),
                    "next_attempt_at": timezone.now(),
                },
            )
            if created:
                deliveries.append(delivery)
                transaction.on_commit(
                    lambda pk=delivery.pk: deliver_webhook_task.enqueue(delivery_id=pk)
                )
    return deliveries


def _schedule_retry(delivery) -> None:
    from essaim.procedures.tasks import deliver_webhook_task

    task = deliver_webhook_task
    if task.get_backend().supports_defer:
        task = task.using(run_after=delivery.next_attempt_at)
    transaction.on_commit(lambda: task.enqueue(delivery_id=delivery.pk))


def deliver(delivery_id: int) -> WebhookDelivery | None:
    """Attempt one pending delivery now (skipped if delivered, failed or being sent elsewhere).

    Side effects: one HTTP POST; saves the delivery (attempts, log, status); on failure,
    enqueues the next attempt (or marks the delivery failed after MAX_ATTEMPTS).
    """
    with transaction.atomic():
        delivery = (
            WebhookDelivery.objects.select_for_update(skip_locked=True)
            .select_related("webhook")
            .filter(pk=delivery_id, status=DeliveryStatus.PENDING)
            .first()
        )
        if delivery is None:
            return None
        body = json.dumps(delivery.payload, ensure_ascii=False).encode()
        headers = {
            SIGNATURE_HEADER: sign(secret=delivery.webhook.secret, body=body),
            EVENT_HEADER: delivery.event,
            IDEMPOTENCY_HEADER: delivery.idempotency_key,
        }
        result = post_json(delivery.webhook.url, body=body, headers=headers)
        now = timezone.now()
        delivery.attempts += 1
        delivery.last_status_code = result.status_code
        delivery.last_error = result.error
        delivery.log = [
            *delivery.log,
            {
                "at": now.isoformat(),
                "status_code": result.status_code,
                "error": result.error,
                "duration_ms": result.duration_ms,
            },
        ]
        if result.ok:
            delivery.status = DeliveryStatus.DELIVERED
            delivery.delivered_at = now
            delivery.next_attempt_at = None
        elif delivery.attempts >= MAX_ATTEMPTS:
            delivery.status = DeliveryStatus.FAILED
            delivery.next_attempt_at = None
        else:
            delivery.next_attempt_at = now + backoff(delivery.attempts)
        delivery.save()
        if delivery.status == DeliveryStatus.PENDING:
            _schedule_retry(delivery)
    return delivery


def retry_due(now=None) -> int:
    """Enqueue every pending delivery whose next attempt is due; returns how many."""
    from essaim.procedures.tasks import deliver_webhook_task

    now = now or timezone.now()
    due = list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).values_list("pk", flat=True)
    )
    for pk in due:
        deliver_webhook_task.enqueue(delivery_id=pk)
    return len(due)


def redeliver(delivery) -> WebhookDelivery:
    """Send a delivery again from scratch (a failed one, after the receiver was fixed).

    Side effects: resets its status and enqueues it on commit.
    """
    from essaim.procedures.tasks import deliver_webhook_task

    delivery.status = DeliveryStatus.PENDING
    delivery.attempts = 0
    delivery.next_attempt_at = timezone.now()
    delivery.save(update_fields=["status", "attempts", "next_attempt_at"])
    transaction.on_commit(lambda: deliver_webhook_task.enqueue(delivery_id=delivery.pk))
    return delivery


def on_dossier_transitioned(sender, *, dossier, record, **kwargs) -> None:
    """Receiver of `signals.dossier_transitioned` (sent on commit of every transition)."""
    enqueue_for_transition(dossier, record)
