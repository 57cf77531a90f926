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
           setup: dict[str, str], command: str, busy: bool,
           title: str = "Dernière mesure") -> str:  # fmt: skip
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
        f"## {title}\n\nCommande : `{command}`\n\n{warning}" + "\n".join(rows) + "\n\n"
        f"### Machine et données\n\n{facts}\n"
    )


def write(path: Path, section: str, *, area: str = "results") -> None:
    """Replace the section of `path` between the `area`'s markers (`results`: the general one;
    an issue's area, e.g. `agenda`, has its own); the file is created with its header."""
    start, end = f"<!-- bench:{area}:start -->", f"<!-- bench:{area}:end -->"
    text = path.read_text() if path.exists() else HEADER + f"{START}\n{END}\n"
    if start not in text or end not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{section}{end}{after}")
