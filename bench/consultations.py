"""The consultations' part of `make bench` (issue 5), in its own section of BENCHMARKS.md.

Enabled with `--proposals N` (`make bench-consultations`: N = 100000, with 20 supports per
proposal — 2,000,000 — and 20,000 comments on the most supported proposal):
- `essaim generate proposals|supports|comments` (COPY in batches), then VACUUM ANALYZE, then
  `essaim refresh_consultation_figures` (the figures snapshot, printed per campaign);
- wrk measures the campaign's proposal list filtered by theme and text and sorted by supports
  (target p95 ≤ 100 ms), the busy proposal's page, first and deep in its threads (keyset
  pagination, target p95 ≤ 100 ms), the « proposals that mean the same thing » suggestion for a
  reworded text (target ≤ 150 ms) and the API list;
- each page is also timed once *before* the warm-up ("premier appel");
- the full CSV export of the proposals is downloaded once while the gunicorn workers' peak
  resident memory (VmHWM) is recorded (catalogue.export_memory): it must stay under 200 MB.
"""

import subprocess
import time
import urllib.parse
import urllib.request
from pathlib import Path

import psycopg

from bench import load
from bench.load import run_steps

SUPPORTS_PER_PROPOSAL = 20
BUSY_COMMENTS = 20_000
CAMPAIGN = "/consultations/consultation-de-charge/"
EXPORT = f"{CAMPAIGN}export.csv"
MEMORY_LIMIT_MB = 200
TARGETS_MS = {"list": 100, "proposal": 100, "similar": 150}
# A proposal reworded: few words in common with « Un parapheur électronique pour tous les
# services », the same idea (visas, circuit, papier → signature, numérique, papier).
SIMILAR_TEXT = {
    "title": "Faire circuler les visas en ligne",
    "body": "Les documents à viser attendent des jours sur les bureaux : un circuit de "
    "validation numérique éviterait les allers-retours de papier.",
}
PAGES: dict[str, str] = {}  # filled by `pages()` once the data exists


def prepare(essaim: str, env: dict[str, str], *, count: int, cwd: Path, psql_url: str) -> None:
    steps = [
        ("generate", "proposals", "--count", str(count), "--seed", "2020"),
        ("generate", "supports", "--count", str(count * SUPPORTS_PER_PROPOSAL), "--seed", "2020"),
        ("generate", "comments", "--count", str(BUSY_COMMENTS), "--seed", "2020"),
    ]
    run_steps(essaim, steps, env=env, cwd=cwd)
    started = time.monotonic()
    subprocess.run(["psql", psql_url, "-qc", "VACUUM ANALYZE"], check=True)
    print(f"  VACUUM ANALYZE : {time.monotonic() - started:.1f} s", flush=True)
    # The figures snapshot every page shows (the worker keeps it fresh afterwards).
    started = time.monotonic()
    subprocess.run([essaim, "refresh_consultation_figures"], env=env, cwd=cwd, check=True)
    print(f"  essaim refresh_consultation_figures : {time.monotonic() - started:.1f} s", flush=True)


def _busy(psql_url: str) -> tuple[int, int]:
    """The proposal with the most comments, and a cursor 5,000 threads deep into them."""
    with psycopg.connect(psql_url) as connection:
        (busy,) = connection.execute(
            "SELECT p.id FROM participation_proposal p JOIN participation_campaign c"
            " ON c.id = p.campaign_id WHERE c.slug = 'consultation-de-charge'"
            " ORDER BY p.comment_count DESC, p.id LIMIT 1"
        ).fetchone()
        row = connection.execute(
            "SELECT id FROM participation_comment WHERE proposal_id = %s AND root_id IS NULL"
            " AND hidden_at IS NULL ORDER BY id OFFSET 5000 LIMIT 1",
            [busy],
        ).fetchone()
    return busy, (row[0] if row else 0)


def pages(psql_url: str) -> dict[str, str]:
    busy, deep = _busy(psql_url)
    proposal = f"{CAMPAIGN}propositions/{busy}/"
    PAGES.update(
        {
            f"{CAMPAIGN}?theme=e-administration&q=papier&tri=soutiens": (
                "Liste des propositions, thème + texte, triée par soutiens"
            ),
            f"{CAMPAIGN}?tri=soutiens": "Liste des propositions, sans filtre, triée par soutiens",
            proposal: "Proposition de 20 000 commentaires, première page des fils",
            f"{proposal}?apres={deep}": "La même, 250e page des fils (pagination par clé)",
            f"{CAMPAIGN}semblables/?{urllib.parse.urlencode(SIMILAR_TEXT)}": (
                "Suggestion « propositions qui disent la même chose » (texte reformulé)"
            ),
            "/api/v1/proposals?campaign=consultation-de-charge"
            "&theme=e-administration&text=papier": ("API, propositions thème + texte"),
        }
    )
    return PAGES


def first_calls(root: str) -> dict[str, float]:
    """Each page once, before any warm-up (empty caches): milliseconds."""
    return load.first_calls(root, PAGES, timeout=120)


def _counts(psql_url: str) -> dict[str, int]:
    with psycopg.connect(psql_url) as connection:
        row = connection.execute(
            "SELECT (SELECT count(*) FROM participation_proposal p JOIN participation_campaign c"
            "  ON c.id = p.campaign_id WHERE c.slug = 'consultation-de-charge'),"
            " (SELECT count(*) FROM participation_support),"
            " (SELECT max(comment_count) FROM participation_proposal),"
            " (SELECT max(support_count) FROM participation_proposal)"
        ).fetchone()
    return dict(zip(("proposals", "supports", "comments", "top"), row, strict=True))


def describe(first: dict[str, float], export: dict[str, float], *, psql_url: str) -> dict:
    """Lines for the report's "Machine et données" list."""
    counts = _counts(psql_url)
    firsts = ", ".join(f"`{path}` {ms:.0f} ms" for path, ms in first.items())
    verdict = "sous" if export["peak_mb"] < MEMORY_LIMIT_MB else "AU-DESSUS de"
    added = export["peak_mb"] - export["before_mb"]
    return {
        "Consultations": (
            f"{counts['proposals']} propositions dans une consultation, {counts['supports']} "
            f"soutiens (jusqu’à {counts['top']} sur une proposition), {counts['comments']} "
            "commentaires visibles sur la proposition la plus soutenue (fils : un tiers de "
            "premiers messages, le reste en réponses)"
        ),
        "Consultations, cibles de l’issue 5": (
            f"liste filtrée et triée par soutiens p95 ≤ {TARGETS_MS['list']} ms, page de la "
            f"proposition très commentée p95 ≤ {TARGETS_MS['proposal']} ms, suggestion ≤ "
            f"{TARGETS_MS['similar']} ms, export CSV complet en flux sous "
            f"{MEMORY_LIMIT_MB} Mo. Decidim : 7,4 s pour une liste de 900 propositions, "
            "mémoire épuisée à l’export de 250 000 réponses"
        ),
        "Consultations, premier appel (caches vides)": firsts.replace(".", ","),
        "Consultations, export CSV complet": (
            f"{export['rows']} lignes, {export['size_mb']:.1f} Mo en {export['seconds']:.1f} s ; "
            f"pic de mémoire résidente du worker (VmHWM) {export['peak_mb']:.0f} Mo "
            f"(avant l’export : {export['before_mb']:.0f} Mo), {verdict} la limite de "
            f"{MEMORY_LIMIT_MB} Mo ; l’export lui-même ajoute {added:.0f} Mo (flux par lots "
            "de 2 000 lignes) : le reste est le socle du worker, l’application importée"
        ).replace(".", ","),
    }
