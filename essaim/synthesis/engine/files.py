"""A synthesis from a CSV file to a report folder: what `essaim synthesize` does."""

from dataclasses import dataclass
from pathlib import Path

from essaim.synthesis.engine.export import (
    themes_document,
    write_contributions_csv,
    write_themes_json,
)
from essaim.synthesis.engine.model import Synthesis
from essaim.synthesis.engine.pipeline import synthesize
from essaim.synthesis.engine.prepare import Progress, no_progress
from essaim.synthesis.engine.reader import Column, ReadSummary, read_csv
from essaim.synthesis.engine.report import render


@dataclass
class Outcome:
    synthesis: Synthesis
    summary: ReadSummary
    files: list[Path]


def synthesize_file(source: Path, out: Path, columns: Column, *, themes: int | None = None,
                    seed: int = 0, progress: Progress = no_progress) -> Outcome:  # fmt: skip
    """Read `source`, synthesise, write contributions.csv, themes.json and report.html in `out`.

    Raises ValueError (French message) when the file cannot be read.
    """
    progress("Lecture du fichier", 0.0)
    contributions, ids, summary = read_csv(source, columns)
    progress("Lecture du fichier", 1.0)
    synthesis = synthesize(contributions, themes=themes, seed=seed, progress=progress)
    progress("Écriture du rapport", 0.0)
    out.mkdir(parents=True, exist_ok=True)
    document = themes_document(synthesis, contributions, ids)
    document["reading"] = summary.lines()
    files = [out / "contributions.csv", out / "themes.json", out / "report.html"]
    write_contributions_csv(files[0], synthesis, contributions, ids)
    write_themes_json(files[1], document)
    files[2].write_text(
        render(document, title=f"Synthèse de {source.name}", reading=summary.lines()),
        encoding="utf-8",
    )
    progress("Écriture du rapport", 1.0)
    return Outcome(synthesis, summary, files)
