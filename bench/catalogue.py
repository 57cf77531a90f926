"""The catalogue's part of `make bench` (issue 3): 100,000 initiatives, search + facets, export.

Enabled with `--initiatives N` (N = 100000 for the issue's figures; it adds a few minutes):
- `essaim generate initiatives --count N`, then VACUUM ANALYZE so the planner knows the data;
- wrk measures the catalogue pages below like every other page;
- each catalogue page is also timed once *before* the warm-up, cache empty ("premier appel");
- the CSV export of the whole catalogue is downloaded once while the gunicorn workers' peak
  resident memory (VmHWM, read from /proc) is recorded: it must stay under 150 MB.
"""

import subprocess
import time
import urllib.request
from pathlib import Path

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
    started = time.monotonic()
    step = ["generate", "initiatives", "--count", str(count), "--seed", "2020"]
    subprocess.run([essaim, *step], env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
    print(f"  essaim {' '.join(step)} : {time.monotonic() - started:.1f} s", flush=True)
    subprocess.run(["psql", psql_url, "-qc", "VACUUM ANALYZE"], check=True)


def first_calls(root: str) -> dict[str, float]:
    """Each catalogue page once, before any warm-up (empty caches): milliseconds."""
    timings = {}
    for path in PAGES:
        started = time.monotonic()
        urllib.request.urlopen(root + path, timeout=60).read()
        timings[path] = (time.monotonic() - started) * 1000
    return timings


def _workers(master_pid: int) -> list[int]:
    children = Path(f"/proc/{master_pid}/task/{master_pid}/children")
    return [int(pid) for pid in children.read_text().split()]


def _peak_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return 0.0


def export_memory(root: str, master_pid: int) -> dict[str, float]:
    """Download the whole CSV export; the workers' peak memory before and after, its size."""
    workers = _workers(master_pid)
    before = max(_peak_mb(pid) for pid in workers)
    started = time.monotonic()
    size = rows = 0
    with urllib.request.urlopen(root + EXPORT, timeout=WORKER_TIMEOUT) as response:
        while chunk := response.read(1 << 16):
            size += len(chunk)
            rows += chunk.count(b"\r\n")
    seconds = time.monotonic() - started
    after = max(_peak_mb(pid) for pid in workers)
    return {"before_mb": before, "peak_mb": after, "seconds": seconds,
            "size_mb": size / 1e6, "rows": rows - 1}  # fmt: skip


def describe(first: dict[str, float], export: dict[str, float]) -> dict[str, str]:
    """Lines for the report's "Machine et données" list."""
    firsts = ", ".join(f"`{path}` {ms:.0f} ms" for path, ms in first.items())
    verdict = "sous" if export["peak_mb"] < MEMORY_LIMIT_MB else "AU-DESSUS de"
    return {
        "Catalogue, premier appel (caches vides)": firsts.replace(".", ","),
        "Export CSV complet": (
            f"{export['rows']} lignes, {export['size_mb']:.1f} Mo en {export['seconds']:.1f} s ; "
            f"pic de mémoire résidente du worker (VmHWM) {export['peak_mb']:.0f} Mo "
            f"(avant l’export : {export['before_mb']:.0f} Mo), {verdict} la limite de "
            f"{MEMORY_LIMIT_MB} Mo"
        ).replace(".", ","),
    }
