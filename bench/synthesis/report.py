"""The « Synthèse » section of BENCHMARKS.md, between its own markers."""

from pathlib import Path

START = "<!-- bench:synthesis:start -->"
END = "<!-- bench:synthesis:end -->"


def _n(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def render(*, quality: list[dict], duplicates: dict, speeds: list[dict], machine: dict,
           command: str) -> str:  # fmt: skip
    lines = ["## Synthèse", "", f"Commande : `{command}`", ""]
    if quality:
        first = quality[0]
        lines += [
            f"### Accord avec les catégories des annotateurs ({first['answers']} réponses, "
            f"{first['questions']} questions d’au moins 40 réponses étiquetées)",
            "",
            "Chaque question est regroupée seule puis comparée à la catégorie la plus votée ; "
            "moyennes pondérées par le nombre de réponses. Les non classées comptent comme un "
            "groupe de plus.",
            "",
            "| Méthode | AMI | Pureté | Groupes par question (moyenne) | Durée totale (s) |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {q['method']} | {_n(q['ami'], 3)} | {_n(q['purity'], 3)} | {_n(q['clusters'])} "
            f"| {_n(q['seconds'])} |"
            for q in quality
        ]
        lines.append("")
    lines += [
        "### Doublons",
        "",
        f"Sur {duplicates['pairs']} paires étiquetées à la main "
        "(`tests/synthesis/data/duplicate_pairs.csv`) : le moteur en regroupe "
        f"{duplicates['grouped']}, précision {_n(duplicates['precision'], 3)}, "
        f"rappel {_n(duplicates['recall'], 3)}.",
        "",
    ]
    if speeds:
        lines += [
            "### Vitesse et mémoire (réponses du Grand Débat tirées au hasard)",
            "",
            "| Contributions | Durée (s) | Temps processeur (s) | Mémoire max (Mio) | Thèmes "
            "| Non classées | Groupes de doublons | Charge au départ |",
            "|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {s['count']} | {_n(s['seconds'])} | {_n(s['cpu_seconds'])} | {s['peak_mib']:.0f} "
            f"| {s['themes']} | {s['unclassified']} | {s['duplicate_groups']} "
            f"| {_n(s['load'], 2)} |"
            for s in speeds
        ]
        lines.append("")
    lines += ["### Machine", ""] + [f"- {k} : {v}" for k, v in machine.items()]
    return "\n".join(lines) + "\n"


def write(path: Path, section: str, *, start: str = START, end: str = END) -> None:
    text = path.read_text() if path.exists() else "# Mesures de performance\n"
    if start not in text or end not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{section}{end}{after}")
