"""The Markdown report, printed and written into BENCHMARKS.md between two markers."""

from pathlib import Path

from bench.load import Measure

START = "<!-- bench:results:start -->"
END = "<!-- bench:results:end -->"
HEADER = """# Mesures de performance

Produites par `make bench` (le paquet `bench/`) : une base PostgreSQL neuve, des données
générées par `essaim generate`, gunicorn lancé comme par `make run` (production, DEBUG
désactivé), puis wrk envoie un nombre fixe de requêtes à chaque page. La section ci-dessous
est réécrite à chaque exécution ; comparez des mesures prises sur la même machine.

"""


def _ms(value: float) -> str:
    return f"{value:.1f}".replace(".", ",")


def render(*, measures: list[Measure], labels: dict[str, str], machine: dict[str, str],
           setup: dict[str, str], command: str, busy: bool) -> str:  # fmt: skip
    rows = [
        "| Page | Requêtes | Connexions simultanées | p50 (ms) | p95 (ms) | p99 (ms) "
        "| Requêtes/s | Erreurs |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for m in measures:
        rows.append(
            f"| {labels[m.path]} `{m.path}` | {m.requests} | {m.concurrency} | {_ms(m.p50_ms)} "
            f"| {_ms(m.p95_ms)} | {_ms(m.p99_ms)} | {m.rate:.0f} | {m.errors} |"
        )
    facts = "\n".join(f"- {key} : {value}" for key, value in {**machine, **setup}.items())
    warning = (
        "> **Machine occupée** par d’autres programmes pendant la mesure (charge supérieure au "
        "nombre de processeurs) : les chiffres sont pessimistes, surtout p95 et p99.\n\n"
        if busy
        else ""
    )
    return (
        f"## Dernière mesure\n\nCommande : `{command}`\n\n{warning}" + "\n".join(rows) + "\n\n"
        f"### Machine et données\n\n{facts}\n"
    )


def write(path: Path, section: str) -> None:
    """Replace the results section of `path` (created with its header if missing)."""
    text = path.read_text() if path.exists() else HEADER + f"{START}\n{END}\n"
    if START not in text or END not in text:
        text = text.rstrip() + f"\n\n{START}\n{END}\n"
    before, rest = text.split(START, 1)
    _old, after = rest.split(END, 1)
    path.write_text(f"{before}{START}\n{section}{END}{after}")
