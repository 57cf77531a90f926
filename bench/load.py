"""Drive wrk (Debian's package) against one URL for a fixed number of requests; run `essaim`
steps and first calls, timed, for every area's bench."""

import json
import os
import shutil
import subprocess
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

SCRIPT = Path(__file__).with_name("count.lua")


def run_steps(essaim: str, steps, *, env: dict[str, str], cwd: Path) -> None:
    """Run each `essaim` command line of `steps`, printing how long it took."""
    for step in steps:
        started = time.monotonic()
        subprocess.run([essaim, *step], env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        print(f"  essaim {' '.join(step)} : {time.monotonic() - started:.1f} s", flush=True)


def first_calls(root: str, paths, *, timeout: int = 60) -> dict[str, float]:
    """Each page once, before any warm-up (empty caches): milliseconds."""
    timings = {}
    for path in paths:
        started = time.monotonic()
        urllib.request.urlopen(root + path, timeout=timeout).read()
        timings[path] = (time.monotonic() - started) * 1000
    return timings


@dataclass(frozen=True)
class Measure:
    path: str
    concurrency: int
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    errors: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0


def ensure_wrk() -> str:
    """Return wrk's path, installing Debian's package the first time if needed."""
    if found := shutil.which("wrk"):
        return found
    print("Installation de wrk (paquet Debian)…", flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo", "-n"]
    install = [*sudo, "apt-get", "install", "-y", "-qq", "wrk"]
    if subprocess.run(install, check=False).returncode != 0:
        subprocess.run([*sudo, "apt-get", "update", "-qq"], check=False)
        subprocess.run(install, check=False)
    if found := shutil.which("wrk"):
        return found
    raise SystemExit("wrk est introuvable et n’a pas pu être installé : apt-get install wrk")


def measure(
    wrk: str, root: str, path: str, *, requests: int, concurrency: int, headers=()
) -> Measure:
    """Send `requests` GETs to root+path over `concurrency` connections; return the latencies.

    `headers`: extra request headers, e.g. ("Cookie: sessionid=…",) for a signed-in page."""
    extra = [arg for header in headers for arg in ("-H", header)]
    result = subprocess.run(
        [wrk, "-t", "1", "-c", str(concurrency), "-d", "120s", "--timeout", "10s",
         *extra, "-s", str(SCRIPT), root + path],
        env={**os.environ, "BENCH_REQUESTS": str(requests)},
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return Measure(
        path=path,
        concurrency=concurrency,
        requests=figures["requests"],
        seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000,
        p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        errors=figures["non_2xx"] + figures["socket_errors"],
    )
