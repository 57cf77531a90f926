"""Background tasks of Synthèses (ids in, idempotent): running the engine."""

from django_tasks import task


@task()
def run_synthesis_task(*, synthesis_id: int) -> None:
    """Run a queued synthesis; does nothing if it is not queued any more."""
    from essaim.synthesis.runs import run

    run(synthesis_id)
