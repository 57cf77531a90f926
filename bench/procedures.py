"""The démarches' part of `make bench` (issue 7), in its own section of BENCHMARKS.md.

Enabled with `--dossiers N` (`make bench-procedures`: N = 1,000,000):
- `essaim generate dossiers --count N` (COPY in batches; five instructor groups, the load
  instructor in the first: N/5 dossiers) and `essaim generate big-form` (a published form of
  300 questions, 100 of them under a condition, one draft with every answer), VACUUM ANALYZE;
- sessions are opened for the load instructor and applicant (cookies sent by wrk);
- wrk measures the instructors' table filtered by state (target p95 ≤ 100 ms) and the big form's
  pages: one part (one section per page, as without JavaScript) and the summary, which
  validates all 300 answers (target p95 ≤ 30 ms);
- in-process micro-benchmark of the form engine on the big form: evaluate + validate every
  answer, and build every field's view (target p95 ≤ 30 ms);
- the instructor's CSV and XLSX exports (N/5 dossiers) are downloaded once each while the
  gunicorn workers' peak resident memory (VmHWM) is recorded: under 200 MB.
"""

import json
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import psycopg

from bench.catalogue import _peak_mb, _workers
from bench.load import run_steps

MEMORY_LIMIT_MB = 200
TARGETS_MS = {"table": 100, "form": 30}
PAGES: dict[str, str] = {}  # filled by `pages()` once the data exists
HEADERS: dict[str, tuple[str, ...]] = {}
EXPORTS: dict[str, str] = {}

_SESSION_SCRIPT = """
import django, json
django.setup()
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from importlib import import_module
from essaim.accounts.models import User
from essaim.procedures import generators
from essaim.procedures.models import Dossier, Procedure
store = import_module(settings.SESSION_ENGINE).SessionStore
cookies = {}
for role, email in (("instructor", generators.INSTRUCTOR_EMAIL),
                    ("applicant", generators.APPLICANT_EMAIL)):
    user = User.objects.get(email=email)
    session = store()
    session[SESSION_KEY] = str(user.pk)
    # The model backend: axes' own backend cannot load a user from a session.
    backends = [b for b in settings.AUTHENTICATION_BACKENDS if "axes" not in b]
    session[BACKEND_SESSION_KEY] = backends[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    cookies[role] = f"{settings.SESSION_COOKIE_NAME}={session.session_key}"
table = Procedure.objects.get(slug=generators.LOAD_SLUG).pk
draft = Dossier.objects.filter(procedure__slug=generators.BIG_SLUG).first().public_id
print(json.dumps({"cookies": cookies, "table": table, "draft": str(draft)}))
"""

_MICRO_SCRIPT = """
import django, json, time
django.setup()
from essaim.procedures import engine, generators, rendering
from essaim.procedures.spec import FieldSpec, FormSpec, SectionSpec
spec = FormSpec(sections=tuple(
    SectionSpec(index=index, title=title, fields=tuple(
        FieldSpec(**{**field, "options": tuple(field.get("options", ()))}, section_index=index)
        for field in fields))
    for index, (title, fields) in enumerate(generators.big_form_sections())))
answers = generators.big_form_answers()
class Dossier:  # what the views read of a dossier
    answers = answers
    invalid_inputs = {}
    public_id = "00000000-0000-0000-0000-000000000000"
timings = []
for _ in range(300):
    started = time.perf_counter()
    evaluation = engine.evaluate(spec, answers, validate=True)
    for section in spec.sections:
        rendering.section_views(section, dossier=Dossier, evaluation=evaluation)
    timings.append((time.perf_counter() - started) * 1000)
timings.sort()
assert evaluation.is_complete, evaluation.problems[:3]
print(json.dumps({"fields": len(spec.by_key), "p50": timings[150], "p95": timings[285],
                  "conditions": sum(1 for f in spec.by_key.values() if f.condition)}))
"""


def prepare(essaim: str, env: dict[str, str], *, count: int, cwd: Path, psql_url: str) -> None:
    steps = [
        ("generate", "dossiers", "--count", str(count), "--seed", "2020"),
        ("generate", "big-form", "--count", "1", "--seed", "2020"),
    ]
    run_steps(essaim, steps, env=env, cwd=cwd)
    started = time.monotonic()
    subprocess.run(["psql", psql_url, "-qc", "VACUUM ANALYZE"], check=True)
    print(f"  VACUUM ANALYZE : {time.monotonic() - started:.1f} s", flush=True)


def _python(env, script: str, cwd: Path) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", script], env=env, cwd=cwd, check=True, capture_output=True,
        text=True,
    )  # fmt: skip
    return json.loads(result.stdout.strip().splitlines()[-1])


def pages(env, *, cwd: Path) -> dict[str, str]:
    """The measured pages, with the cookies of the load instructor and applicant."""
    found = _python(env, _SESSION_SCRIPT, cwd)
    table, draft = f"/demarches/instruction/{found['table']}/", found["draft"]
    instructor = (f"Cookie: {found['cookies']['instructor']}",)
    applicant = (f"Cookie: {found['cookies']['applicant']}",)
    entries = {
        f"{table}?etat=in_instruction": ("Instruction, tableau filtré par état", instructor),
        f"{table}?etat=submitted&retard=1": ("Instruction, dossiers en retard", instructor),
        f"{table}?etat=accepted&page=400": ("Instruction, 400e page filtrée", instructor),
        f"/demarches/dossiers/{draft}/etape/3/": ("Formulaire de 300 champs, partie 4", applicant),
        f"/demarches/dossiers/{draft}/recapitulatif/": (
            "Formulaire de 300 champs, récapitulatif (valide les 300 réponses)", applicant,
        ),
    }  # fmt: skip
    for path, (label, headers) in entries.items():
        PAGES[path] = label
        HEADERS[path] = headers
    EXPORTS.update({f"{table}export.csv": instructor[0], f"{table}export.xlsx": instructor[0]})
    return PAGES


def micro(env, cwd: Path) -> dict:
    """The form engine in-process on the big form: p50/p95 ms of evaluate + views."""
    return _python(env, _MICRO_SCRIPT, cwd)


def export_memory(root: str, master_pid: int) -> dict[str, dict]:
    """Each export downloaded once: size, seconds, workers' peak memory (VmHWM) after it."""
    results = {}
    for path, cookie in EXPORTS.items():
        workers = _workers(master_pid)
        before = max(_peak_mb(pid) for pid in workers)
        started = time.monotonic()
        size = 0
        request = urllib.request.Request(root + path, headers={"Cookie": cookie.split(": ", 1)[-1]})
        with urllib.request.urlopen(request, timeout=3600) as response:
            while chunk := response.read(1 << 16):
                size += len(chunk)
        results[path.rsplit(".", 1)[-1].upper()] = {
            "before_mb": before,
            "peak_mb": max(_peak_mb(pid) for pid in workers),
            "seconds": time.monotonic() - started,
            "size_mb": size / 1e6,
        }
        print(f"  export {path} : {results[path.rsplit('.', 1)[-1].upper()]}", flush=True)
    return results


def _count(psql_url: str) -> int:
    with psycopg.connect(psql_url) as connection:
        return connection.execute("SELECT count(*) FROM procedures_dossier").fetchone()[0]


def describe(engine: dict, exports: dict, *, psql_url: str) -> dict[str, str]:
    """Lines for the report's "Machine et données" list."""
    lines = {
        "Démarches": f"{_count(psql_url):,} dossiers en base ; l’instructeur mesuré en voit un "
        "cinquième (un groupe sur cinq)".replace(",", "\u00a0"),
        "Démarches, cibles de l’issue 7": (
            f"formulaire de 300 champs et 100 conditions validé et rendu en ≤ "
            f"{TARGETS_MS['form']} ms p95 ; tableau filtré des instructeurs p95 ≤ "
            f"{TARGETS_MS['table']} ms avec 1 000 000 de dossiers ; exports CSV et XLSX de "
            f"200 000 dossiers en flux sous {MEMORY_LIMIT_MB} Mo"
        ),
        "Démarches, moteur du formulaire (dans le processus)": (
            f"{engine['fields']} champs dont {engine['conditions']} sous condition : évaluation "
            f"+ validation de toutes les réponses + vues de tous les champs, p50 "
            f"{engine['p50']:.1f} ms, p95 {engine['p95']:.1f} ms (300 itérations)"
        ).replace(".", ","),
    }
    for kind, export in exports.items():
        verdict = "sous" if export["peak_mb"] < MEMORY_LIMIT_MB else "AU-DESSUS de"
        lines[f"Démarches, export {kind} de l’instructeur"] = (
            f"{export['size_mb']:.1f} Mo en {export['seconds']:.1f} s ; pic de mémoire "
            f"résidente du worker (VmHWM) {export['peak_mb']:.0f} Mo (avant : "
            f"{export['before_mb']:.0f} Mo), {verdict} la limite de {MEMORY_LIMIT_MB} Mo"
        ).replace(".", ",")
    return lines
