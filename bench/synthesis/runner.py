"""`python -m bench synthesis`: quality, duplicates and speed of the synthesis engine.

1. quality: AMI and purity per labelled question (Grande Annotation), engine vs baselines;
2. duplicates: precision on the pairs labelled by hand in tests/synthesis/data;
3. speed: wall and CPU time, peak memory, for N answers of the 429,112 Grand Débat answers,
   each size in a process of its own;
then writes the « Synthèse » section of BENCHMARKS.md (between its own markers).
"""

import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

from bench.synthesis import duplicates, quality
from bench.synthesis.corpora import ANSWERS, LABELLED, labelled_questions
from bench.synthesis.report import render, write

PROJECT_DIR = Path(__file__).resolve().parents[2]


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench synthesis",
        description="Mesure la qualité et la vitesse du moteur de synthèse sur les corpus réels.",
    )
    parser.add_argument(
        "--labelled", type=Path, default=LABELLED,
        help="Dossier granddebat_grande_annotation_labelled (%(default)s).",
    )  # fmt: skip
    parser.add_argument(
        "--answers", type=Path, default=ANSWERS,
        help="Dossier granddebat_answers_by_question (%(default)s).",
    )  # fmt: skip
    parser.add_argument(
        "--sizes", default="10000,100000",
        help="Tailles mesurées, séparées par des virgules (%(default)s).",
    )  # fmt: skip
    parser.add_argument("--skip-quality", action="store_true", help="Sans la mesure de qualité.")
    parser.add_argument("--output", type=Path, default=PROJECT_DIR / "BENCHMARKS.md")
    parser.add_argument("--no-write", action="store_true", help="Affiche sans écrire le fichier.")
    return parser.parse_args(argv)


def machine() -> dict[str, str]:
    from bench.machine import _cpu_model, _ram_gib

    load1, load5, _ = os.getloadavg()
    return {
        "Date (UTC)": datetime.now(UTC).strftime("%Y-%m-%d %H:%M"),
        "Processeurs (nproc)": str(os.cpu_count()),
        "Modèle": _cpu_model(),
        "Mémoire": _ram_gib(),
        "Python": platform.python_version(),
        "Charge au début (1 / 5 min)": f"{load1:.2f} / {load5:.2f}".replace(".", ","),
    }


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    for folder in (args.labelled, args.answers):
        if not folder.is_dir():
            raise SystemExit(
                f"Corpus introuvable : {folder}. Donnez son chemin (--labelled, --answers)."
            )
    facts = machine()
    print("Qualité (Grande Annotation)…", flush=True)
    scores = [] if args.skip_quality else quality.evaluate(labelled_questions(args.labelled))
    print("Doublons…", flush=True)
    duplicate_scores = duplicates.evaluate()
    print(f"  précision {duplicate_scores['precision']:.3f}", flush=True)
    speeds = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        print(f"Vitesse, {size} contributions…", flush=True)
        done = subprocess.run(
            [sys.executable, "-m", "bench.synthesis.speed", str(size), str(args.answers)],
            cwd=PROJECT_DIR, check=True, capture_output=True, text=True,
        )  # fmt: skip
        speeds.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {speeds[-1]['seconds']:.1f} s, {speeds[-1]['peak_mib']:.0f} Mio", flush=True)
    load1, load5, _ = os.getloadavg()
    facts["Charge à la fin (1 / 5 min)"] = f"{load1:.2f} / {load5:.2f}".replace(".", ",")
    command = "make bench-synthesis" + (
        f" BENCH_ARGS={shlex.quote(' '.join(argv))}" if argv else ""
    )
    section = render(quality=scores, duplicates=duplicate_scores, speeds=speeds, machine=facts,
                     command=command)  # fmt: skip
    print("\n" + section)
    if not args.no_write:
        write(args.output, section)
        print(f"Résultat écrit dans {args.output}")
    return 0
