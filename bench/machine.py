"""What the figures were measured on, so two runs can be compared honestly."""

import os
import platform
import re
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path


def _cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
    except OSError:
        return platform.processor() or "inconnu"
    match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
    return match.group(1).strip() if match else "inconnu"


def _ram_gib() -> str:
    try:
        text = Path("/proc/meminfo").read_text()
    except OSError:
        return "inconnue"
    match = re.search(r"^MemTotal:\s*(\d+) kB", text, re.MULTILINE)
    return f"{int(match.group(1)) / 1024 / 1024:.1f} Gio".replace(".", ",") if match else "inconnue"


def busy() -> bool:
    """Other programs were competing for the processors: the figures are pessimistic."""
    return os.getloadavg()[0] > (os.cpu_count() or 1)


def describe(*, postgres_version: str) -> dict[str, str]:
    load1, load5, _load15 = os.getloadavg()
    return {
        "Date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "Processeurs (nproc)": str(os.cpu_count()),
        "Modèle": _cpu_model(),
        "Mémoire": _ram_gib(),
        "Système": f"{platform.system()} {platform.release()}",
        "Python": platform.python_version(),
        "PostgreSQL": postgres_version,
        "Django / gunicorn": f"{version('django')} / {version('gunicorn')}",
        "Charge avant la mesure (1 / 5 min)": f"{load1:.2f} / {load5:.2f}".replace(".", ","),
    }
