"""`make bench`: measure Essaim as it runs in production, on fresh data, with wrk.

1. (re)creates an empty PostgreSQL database (essaim_bench by default);
2. migrates it, loads the territories and the demo data, generates organisations and people;
3. starts gunicorn as `make run` does (ESSAIM_PRODUCTION=true, DEBUG off, collected static
   files), with 2 workers on port 8107;
4. sends a fixed number of requests to each page with wrk and reports p50/p95/p99 latencies;
5. prints a Markdown table and writes it into BENCHMARKS.md.

`--initiatives 100000` adds the catalogue (issue 3, see bench/catalogue.py):
`make bench BENCH_ARGS="--initiatives 100000"`; `--events 20000` adds the agenda (issue 4, see
bench/agenda.py, its own section of BENCHMARKS.md). `--existing` measures a database prepared
beforehand (e.g. kept with `--keep-database`) without recreating it.

`/healthz` is the ceiling: a minimal Django view through the whole middleware stack, so the
other pages' figures read as "Django's floor + what the page costs".
"""

import argparse
import os
import secrets
import shlex
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import dj_database_url
import psycopg
from psycopg import sql

from bench import agenda, catalogue, consultations, load, procedures, report
from bench.load import ensure_wrk, measure
from bench.machine import busy, describe

PROJECT_DIR = Path(__file__).resolve().parent.parent
ESSAIM = str(Path(sys.executable).with_name("essaim"))
PAGES = {
    "/healthz": "Plancher Django (healthz)",
    "/": "Accueil",
    "/organisations/siilab/": "Page d’une organisation",
    "/api/v1/organisations?q=lab": "API, recherche d’organisations",
}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="make bench",
        description="Mesure les temps de réponse d’Essaim en conditions de production.",
    )
    parser.add_argument(
        "--database-url",
        default="postgres://postgres@127.0.0.1:5432/essaim_bench",
        help="Base PostgreSQL à créer pour la mesure ; elle est effacée si elle existe "
        "(par défaut : %(default)s).",
    )
    parser.add_argument("--port", type=int, default=8107, help="Port de gunicorn (%(default)s).")
    parser.add_argument("--workers", type=int, default=2, help="Workers gunicorn (%(default)s).")
    parser.add_argument(
        "--requests", type=int, default=1000, help="Requêtes par mesure (%(default)s)."
    )
    parser.add_argument(
        "--concurrency",
        default="1,4",
        help="Connexions simultanées, une mesure par valeur (par défaut : %(default)s).",
    )
    parser.add_argument("--organisations", type=int, default=5000, help="(%(default)s)")
    parser.add_argument("--users", type=int, default=5000, help="(%(default)s)")
    parser.add_argument(
        "--output",
        default=str(PROJECT_DIR / "BENCHMARKS.md"),
        help="Fichier où écrire le résultat (par défaut : BENCHMARKS.md).",
    )
    parser.add_argument("--no-write", action="store_true", help="Affiche sans écrire le fichier.")
    parser.add_argument("--keep-database", action="store_true", help="Garde la base à la fin.")
    parser.add_argument(
        "--initiatives",
        type=int,
        default=0,
        help="Génère ce nombre d’initiatives et mesure le catalogue : recherche + facettes, "
        "export CSV complet (100000 pour les chiffres de l’issue 3 ; quelques minutes de plus). "
        "Par défaut : %(default)s, catalogue non mesuré.",
    )
    parser.add_argument(
        "--events",
        type=int,
        default=0,
        help="Génère ce nombre d’événements (et 25 inscriptions par événement) et mesure "
        "l’agenda : programme filtré, agenda général, flux iCal d’un programme de 300 "
        "événements (20000 pour les chiffres de l’issue 4 ; section « agenda » de "
        "BENCHMARKS.md). Par défaut : %(default)s, agenda non mesuré.",
    )
    parser.add_argument(
        "--proposals",
        type=int,
        default=0,
        help="Génère ce nombre de propositions dans une consultation (20 soutiens par "
        "proposition, 20 000 commentaires sur la plus soutenue) et mesure la liste filtrée, la "
        "page très commentée, la suggestion de propositions semblables et l’export CSV "
        "(100000 pour les chiffres de l’issue 5 ; section « consultations » de BENCHMARKS.md). "
        "Par défaut : %(default)s, consultations non mesurées.",
    )
    parser.add_argument(
        "--dossiers",
        type=int,
        default=0,
        help="Génère ce nombre de dossiers (cinq groupes instructeurs) et un formulaire de 300 "
        "champs ; mesure le tableau filtré des instructeurs, le formulaire, le moteur et les "
        "exports CSV/XLSX (1000000 pour les chiffres de l’issue 7 ; section « procedures » de "
        "BENCHMARKS.md). Par défaut : %(default)s, démarches non mesurées.",
    )
    parser.add_argument(
        "--existing",
        action="store_true",
        help="Utilise la base telle quelle, déjà préparée (ni effacée, ni remplie, ni supprimée).",
    )
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="Prépare et garde la base sans rien mesurer, pour mesurer plus tard avec --existing "
        "sur une machine calme (la génération occupe les processeurs).",
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    args = parse_args(argv)
    wrk = ensure_wrk()
    database = dj_database_url.parse(args.database_url)
    if args.initiatives:
        PAGES.update(catalogue.PAGES)
    if args.events:
        PAGES.update(agenda.PAGES)
    postgres_version = server_version(database) if args.existing else recreate_database(database)
    catalogue_facts = agenda_facts = consultation_facts = procedure_facts = {}
    with tempfile.TemporaryDirectory(prefix="essaim-bench-") as tmp:
        env = production_env(args.database_url, static_root=f"{tmp}/static")
        if args.existing:
            run_step(env, ("collectstatic", "--noinput", "-v0"))
        else:
            prepare(env, organisations=args.organisations, users=args.users)
            if args.initiatives:
                catalogue.prepare(ESSAIM, env, count=args.initiatives, cwd=PROJECT_DIR,
                                  psql_url=args.database_url)  # fmt: skip
            if args.events:
                agenda.prepare(ESSAIM, env, count=args.events, cwd=PROJECT_DIR,
                               psql_url=args.database_url)  # fmt: skip
            if args.proposals:
                consultations.prepare(ESSAIM, env, count=args.proposals, cwd=PROJECT_DIR,
                                      psql_url=args.database_url)  # fmt: skip
            if args.dossiers:
                procedures.prepare(ESSAIM, env, count=args.dossiers, cwd=PROJECT_DIR,
                                   psql_url=args.database_url)  # fmt: skip
            if args.prepare_only:
                print(f"Base prête : {args.database_url}", flush=True)
                return 0
        if args.proposals:
            PAGES.update(consultations.pages(args.database_url))
        if args.dossiers:
            PAGES.update(procedures.pages(env, cwd=PROJECT_DIR))
        machine = describe(postgres_version=postgres_version)
        shared = busy()
        root = f"http://127.0.0.1:{args.port}"
        long_exports = args.initiatives or args.proposals or args.dossiers
        timeout = catalogue.WORKER_TIMEOUT if long_exports else 30
        server = start_gunicorn(
            env, port=args.port, workers=args.workers, log=f"{tmp}/web.log", timeout=timeout
        )
        try:
            wait_until_ready(root, server)
            first = catalogue.first_calls(root) if args.initiatives else {}
            distinct = catalogue.distinct_searches(root) if args.initiatives else {}
            if args.events:
                agenda_facts = agenda.describe(agenda.first_calls(root), psql_url=args.database_url)
            consultation_first = consultations.first_calls(root) if args.proposals else {}
            engine = procedures.micro(env, PROJECT_DIR) if args.dossiers else {}
            measures = run_measures(wrk, root, args)
            if args.dossiers:
                procedure_facts = procedures.describe(
                    engine, procedures.export_memory(root, server.pid), psql_url=args.database_url
                )
            if args.initiatives:
                export = catalogue.export_memory(root, server.pid)
                print(f"  export CSV : {export}", flush=True)
                catalogue_facts = catalogue.describe(first, export, distinct)
            if args.proposals:
                export = catalogue.export_memory(root, server.pid, path=consultations.EXPORT)
                print(f"  export CSV des propositions : {export}", flush=True)
                consultation_facts = consultations.describe(
                    consultation_first, export, psql_url=args.database_url
                )
        finally:
            server.terminate()
            server.wait(timeout=30)
    if not (args.keep_database or args.existing):
        drop_database(database)
    section = report.render(
        measures=measures,
        labels=PAGES,
        machine=machine,
        setup={
            "Données": f"{args.organisations} organisations et {args.users} personnes "
            "générées, plus les territoires et les données de démonstration"
            + (
                f", {args.initiatives} initiatives générées (VACUUM ANALYZE ensuite)"
                if args.initiatives
                else ""
            ),
            "Serveur": f"gunicorn, {args.workers} workers synchrones (délai {timeout} s), "
            "production (ESSAIM_PRODUCTION=true, DEBUG=false, journaux JSON)",
            "Client": "wrk sur la même machine (il prend sa part des processeurs)",
            **catalogue_facts,
            **agenda_facts,
            **consultation_facts,
            **procedure_facts,
        },
        busy=shared,
        command="make bench" + (f" BENCH_ARGS={shlex.quote(' '.join(argv))}" if argv else ""),
        **(
            {"title": "Démarches (issue 7) : dernière mesure"}
            if args.dossiers
            else {"title": "Consultations (issue 5) : dernière mesure"}
            if args.proposals
            else {"title": "Agenda (issue 4) : dernière mesure"}
            if args.events
            else {}
        ),
    )
    print("\n" + section)
    if not args.no_write:
        area = (
            "procedures"
            if args.dossiers
            else "consultations"
            if args.proposals
            else "agenda"
            if args.events
            else "results"
        )
        report.write(Path(args.output), section, area=area)
        print(f"Résultat écrit dans {args.output}")
    return 0


def _maintenance(database: dict) -> psycopg.Connection:
    return psycopg.connect(
        dbname="postgres",
        host=database["HOST"] or None,
        port=database["PORT"] or None,
        user=database["USER"] or None,
        password=database["PASSWORD"] or None,
        autocommit=True,
    )


def recreate_database(database: dict) -> str:
    """Drop and create the bench database; return PostgreSQL's version."""
    with _maintenance(database) as connection:
        name = sql.Identifier(database["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))
        connection.execute(sql.SQL("CREATE DATABASE {}").format(name))
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


def server_version(database: dict) -> str:
    with _maintenance(database) as connection:
        return connection.execute("SHOW server_version").fetchone()[0].split()[0]


def drop_database(database: dict) -> None:
    with _maintenance(database) as connection:
        name = sql.Identifier(database["NAME"])
        connection.execute(sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(name))


def production_env(database_url: str, *, static_root: str) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "essaim.settings",
        "ESSAIM_PRODUCTION": "true",
        "DEBUG": "false",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "STATIC_ROOT": static_root,
        "EMAIL_URL": "locmem://",
    }


def prepare(env: dict[str, str], *, organisations: int, users: int) -> None:
    steps = [
        ("migrate", "--noinput", "-v0"),
        ("collectstatic", "--noinput", "-v0"),
        ("load_territories",),
        ("load_demo",),
    ]
    # `--users 0` (or `--organisations 0`) skips that generator: `essaim generate` wants a
    # positive count.
    for kind, count in (("organisations", organisations), ("users", users)):
        if count:
            steps.append(("generate", kind, "--count", str(count), "--seed", "2020"))
    load.run_steps(ESSAIM, steps, env=env, cwd=PROJECT_DIR)


def run_step(env: dict[str, str], step: tuple[str, ...]) -> None:
    load.run_steps(ESSAIM, [step], env=env, cwd=PROJECT_DIR)


def start_gunicorn(env: dict[str, str], *, port: int, workers: int, log: str, timeout: int = 30):
    """Start gunicorn with `make run`'s options; its logs go to `log`, not to the report.

    `timeout`: gunicorn's (30 s by default), raised to let the full CSV export finish.
    """
    command = [
        sys.executable, "-m", "gunicorn", "essaim.wsgi", "--timeout", str(timeout),
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--access-logfile", "-",
    ]  # fmt: skip
    with open(log, "w") as output:
        return subprocess.Popen(command, env=env, cwd=PROJECT_DIR, stdout=output, stderr=output)


def wait_until_ready(root: str, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 180  # a loaded machine boots the workers slowly
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit("gunicorn s’est arrêté au démarrage : voir son journal.")
        try:
            for path in PAGES:
                # The catalogue's and agenda's pages are timed cold by their first_calls.
                if path not in {**catalogue.PAGES, **agenda.PAGES, **consultations.PAGES,
                                **procedures.PAGES}:  # fmt: skip
                    urllib.request.urlopen(root + path, timeout=5).close()
            return
        except urllib.error.HTTPError as exc:
            raise SystemExit(f"{exc.url} répond {exc.code} au lieu de 200.") from exc
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"gunicorn ne répond pas sur {root} après 180 secondes.")


def run_measures(wrk: str, root: str, args: argparse.Namespace) -> list:
    concurrencies = [int(c) for c in args.concurrency.split(",")]
    for path in PAGES:  # warm-up: imports, template caches, database connections
        measure(wrk, root, path, requests=50, concurrency=2,
                headers=procedures.HEADERS.get(path, ()))  # fmt: skip
    measures = []
    for concurrency in concurrencies:
        for path in PAGES:
            m = measure(wrk, root, path, requests=args.requests, concurrency=concurrency,
                        headers=procedures.HEADERS.get(path, ()))  # fmt: skip
            print(f"  {path} ×{concurrency} : p50 {m.p50_ms:.1f} ms, p95 {m.p95_ms:.1f} ms",
                  flush=True)  # fmt: skip
            measures.append(m)
    return measures
