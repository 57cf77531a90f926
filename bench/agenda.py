"""The agenda's part of `make bench` (issue 4): 20,000 events, 500,000 registrations.

Enabled with `--events N` (N = 20000 for the issue's figures, `make bench-agenda`):
- `essaim generate events --count N` (exactly 300 of them in the "Programme de charge"), then
  `essaim generate registrations --count 25×N` (COPY), then VACUUM (FULL for the events,
  whose rows the counters' update rewrote) and ANALYZE;
- wrk measures the pages below like every other page: a programme's page filtered by format,
  région and a date range (target p95 ≤ 80 ms), the general agenda with filters and text, the
  API, and the iCalendar feed of the 300-event programme (target ≤ 150 ms);
- each page is also timed once *before* the warm-up ("premier appel"): for the feed this is
  the cost of building it, before the cache keyed by the programme's last change serves it.
Dates are relative to the day of the measure, like the generated events, so `--existing`
re-measures the same kind of page on a database generated days before.
"""

import datetime
import subprocess
from pathlib import Path

import psycopg

from bench import load
from bench.load import run_steps

REGISTRATIONS_PER_EVENT = 25
PROGRAMME = "/agenda/programmes/programme-de-charge/"
FEED = f"{PROGRAMME}calendrier.ics"
TARGETS_MS = {"page": 80, "feed": 150}


def _pages(today: datetime.date) -> dict[str, str]:
    dates = f"du={today.isoformat()}&au={(today + datetime.timedelta(days=120)).isoformat()}"
    return {
        f"{PROGRAMME}?format=webinar&region=11&{dates}": (
            "Programme de 300 événements, format + région + dates"
        ),
        f"{PROGRAMME}?format=workshop&format=conference&modalite=online": (
            "Programme, 2 formats + modalité, toute l’édition"
        ),
        f"/agenda/?format=webinar&region=11&{dates}": "Agenda général, format + région + dates",
        f"/agenda/?q=numerique&region=84&{dates}": "Agenda général, recherche + région + dates",
        "/agenda/?places=1&accessible=1": "Agenda général, avec places + accessible (à venir)",
        f"/api/v1/events?q=numerique&format=webinar&{dates}": "API, recherche + format + dates",
        FEED: "Flux iCal du programme de 300 événements",
    }


PAGES = _pages(datetime.date.today())


def prepare(essaim: str, env: dict[str, str], *, count: int, cwd: Path, psql_url: str) -> None:
    steps = [
        ("generate", "events", "--count", str(count), "--seed", "2020"),
        ("generate", "registrations", "--count", str(count * REGISTRATIONS_PER_EVENT),
         "--seed", "2020"),
    ]  # fmt: skip
    run_steps(essaim, steps, env=env, cwd=cwd)
    # Setting the place counters rewrote every event row once: compact the table as a live
    # database's would be, then let the planner know the data.
    subprocess.run(["psql", psql_url, "-qc", "VACUUM FULL agenda_event"], check=True)
    subprocess.run(["psql", psql_url, "-qc", "VACUUM ANALYZE"], check=True)


def first_calls(root: str) -> dict[str, float]:
    """Each agenda page once, before any warm-up (empty caches): milliseconds."""
    return load.first_calls(root, PAGES)


def _counts(psql_url: str) -> dict[str, int]:
    with psycopg.connect(psql_url) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM agenda_event),"
            " (SELECT count(*) FROM agenda_eventsession),"
            " (SELECT count(*) FROM agenda_registration),"
            " (SELECT count(*) FROM agenda_event e JOIN agenda_programme p"
            "  ON p.id = e.programme_id WHERE p.slug = 'programme-de-charge')"
        ).fetchone()
    return dict(zip(("events", "sessions", "registrations", "programme"), row, strict=True))


def describe(first: dict[str, float], *, psql_url: str) -> dict[str, str]:
    """Lines for the report's "Machine et données" list."""
    counts = _counts(psql_url)
    firsts = ", ".join(f"`{path}` {ms:.0f} ms" for path, ms in first.items())
    return {
        "Agenda": (
            f"{counts['events']} événements ({counts['sessions']} séances), "
            f"{counts['registrations']} inscriptions ; {counts['programme']} événements dans "
            "le « Programme de charge » ; dates des filtres : du jour de la mesure à +120 jours"
        ),
        "Agenda, cibles de l’issue 4": (
            f"page de programme filtrée p95 ≤ {TARGETS_MS['page']} ms, "
            f"flux iCal d’un programme de 300 événements ≤ {TARGETS_MS['feed']} ms"
        ),
        "Agenda, premier appel (caches vides ; le flux iCal est ensuite servi par un cache "
        "invalidé à chaque modification du programme ou de ses événements)": firsts,
    }
