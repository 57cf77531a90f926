"""Background tasks of Démarches (ids in, idempotent): webhook deliveries."""

from django_tasks import task


@task()
def deliver_webhook_task(*, delivery_id: int) -> None:
    """Attempt one webhook delivery; retries are scheduled by `webhooks.deliver` itself."""
    from essaim.procedures.webhooks import deliver

    deliver(delivery_id)
