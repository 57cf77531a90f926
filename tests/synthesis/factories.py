"""Syntheses for the platform tests: from the French sample file, already computed."""

from pathlib import Path

from essaim.synthesis import services
from essaim.synthesis.models import Synthesis
from essaim.synthesis.runs import run
from essaim.synthesis.uploads import read_upload

SAMPLE = Path(__file__).parent / "data" / "contributions_fr.csv"


def uploaded(organisation, *, by=None, data: bytes | None = None, name="contributions.csv"):
    """A synthesis of the sample file waiting for its columns."""
    table = read_upload(name, data if data is not None else SAMPLE.read_bytes())
    return services.create_from_upload(
        by=by, organisation=organisation, title="Synthèse de test", file_name=name, table=table
    )


def computed(organisation, *, by=None) -> Synthesis:
    """A synthesis of the sample file, computed (the task's work done inline)."""
    synthesis = uploaded(organisation, by=by)
    services.choose_columns(
        synthesis,
        by=by,
        columns={"text": "text", "id": "id", "date": "date", "territory": "territory"},
    )
    run(synthesis.pk)
    synthesis.refresh_from_db()
    return synthesis
