"""The catalogue's part of `make bench` (issue 3): 100,000 initiatives, search + facets, export.

Enabled with `--initiatives N` (N = 100000 for the issue's figures; it adds a few minutes):
- `essaim generate initiatives --count N`, then VACUUM ANALYZE so the planner knows the data;
- wrk measures the catalogue pages below like every other page;
- each catalogue page is also timed once *before* the warm-up, cache empty ("premier appel");
- the CSV export of the whole catalogue is downloaded once while the gunicorn workers' peak
  resident memory (VmHWM, read from /proc) is recorded: it must stay under 150 MB.
"""

import random
import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

from bench import load
from bench.load import run_steps

# Search + three facets (the target), the same without text, a broad word alone, the API.
QUERY = "q=numerique&theme=sante&region=32&etape=experiment"
PAGES = {
    f"/initiatives/?{QUERY}": "Catalogue, recherche « numerique » + 3 facettes",
    "/initiatives/?theme=sante&region=32&etape=experiment": "Catalogue, 3 facettes sans texte",
    "/initiatives/?q=numerique": "Catalogue, un mot fréquent seul (17 % du catalogue)",
    f"/api/v1/initiatives?{QUERY}": "API, recherche + 3 facettes",
}
EXPORT = "/initiatives/export.csv"
MEMORY_LIMIT_MB = 150
# A sync worker cannot signal it is alive while it streams: gunicorn's default 30 s would kill
# it in the middle of a long export on a busy machine.
WORKER_TIMEOUT = 900


def prepare(essaim: str, env: dict[str, str], *, count: int, cwd: Path, psql_url: str) -> None:
    step = ("generate", "initiatives", "--count", str(count), "--seed", "2020")
    run_steps(essaim, [step], env=env, cwd=cwd)
    subprocess.run(["psql", psql_url, "-qc", "VACUUM ANALYZE"], check=True)


def first_calls(root: str) -> dict[str, float]:
    """Each catalogue page once, before any warm-up (empty caches): milliseconds."""
    return load.first_calls(root, PAGES)


# Distinct searches, each asked once: nothing in the caches for them (a realistic mix, unlike
# wrk repeating one URL). Words of the generated texts, every theme, région and stage.
WORDS = ["numerique", "sante", "demarches", "usagers", "agents", "formulaire", "emploi",
         "seniors", "accessibilite", "budget participatif", "mediation", "vaccination"]  # fmt: skip
THEMES = ["sante", "securite", "emploi", "inclusion-numerique", "handicap", "environnement",
          "simplification", "participation-citoyenne", "culture", "social"]  # fmt: skip
REGIONS = ["11", "24", "27", "28", "32", "44", "52", "53", "75", "76", "84", "93", "94"]
STAGES = ["exploration", "prototype", "experiment", "scaling", "sustained"]
DISTINCT_SEARCHES = 300


def distinct_searches(root: str, count: int = DISTINCT_SEARCHES) -> dict[str, float]:
    """`count` different searches (a word and three facets), each once, in a row: p50/p95 ms."""
    pick = random.Random(2020)
    seen, timings = set(), []
    while len(timings) < count:
        query = urllib.parse.urlencode({
            "q": pick.choice(WORDS), "theme": pick.choice(THEMES),
            "region": pick.choice(REGIONS), "etape": pick.choice(STAGES),
        })  # fmt: skip
        if query in seen:
            continue
        seen.add(query)
        started = time.monotonic()
        urllib.request.urlopen(f"{root}/initiatives/?{query}", timeout=60).read()
        timings.append((time.monotonic() - started) * 1000)
    timings.sort()
    return {"count": count, "p50": timings[count // 2], "p95": timings[int(count * 0.95)]}


def _workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def export_memory(root: str, master_pid: int, path: str = EXPORT) -> dict[str, float]:
    """Download the whole CSV export at `path`; the workers' peak memory before and after, its
    size (also used by bench/consultations.py)."""
    workers = _workers(master_pid)
    before = max(_peak_mb(pid) for pid in workers)
    started = time.monotonic()
    size = rows = 0
    with urllib.request.urlopen(root + path, timeout=WORKER_TIMEOUT) as response:
        while chunk := response.read(1 << 16):
            size += len(chunk)
            rows += chunk.count(b"\r\n")
    seconds = time.monotonic() - started
    after = max(_peak_mb(pid) for pid in workers)
    return {"before_mb": before, "peak_mb": after, "seconds": seconds,
            "size_mb": size / 1e6, "rows": rows - 1}  # fmt: skip


def describe(
    first: dict[str, float], export: dict[str, float], distinct: dict[str, float]
) -> dict[str, str]:
    """Lines for the report's "Machine et données" list."""
    firsts = ", ".join(f"`{path}` {ms:.0f} ms" for path, ms in first.items())
    verdict = "sous" if export["peak_mb"] < MEMORY_LIMIT_MB else "AU-DESSUS de"
    return {
        "Catalogue, premier appel (caches vides)": firsts.replace(".", ","),
        "Catalogue, recherches toutes différentes (un mot + 3 facettes, chacune une fois, "
        "caches vides pour elles)": (
            f"{distinct['count']} recherches : p50 {distinct['p50']:.1f} ms, "
            f"p95 {distinct['p95']:.1f} ms"
        ).replace(".", ","),
        "Export CSV complet": (
            f"{export['rows']} lignes, {export['size_mb']:.1f} Mo en {export['seconds']:.1f} s ; "
            f"pic de mémoire résidente du worker (VmHWM) {export['peak_mb']:.0f} Mo "
            f"(avant l’export : {export['before_mb']:.0f} Mo), {verdict} la limite de "
            f"{MEMORY_LIMIT_MB} Mo"
        ).replace(".", ","),
    }
