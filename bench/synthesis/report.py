"""The « Synthèse » section of BENCHMARKS.md, between its own markers."""

from pathlib import Path

START = "<!-- bench:synthesis:start -->"
END = "<!-- bench:synthesis:end -->"


def _n(value: float, digits: int = 1) -> str:
    return f"{value:.{digits}f}".replace(".", ",")


def _int(value: float) -> str:
    """« 1 000 000 », with narrow no-break spaces."""
    return f"{value:,.0f}".replace(",", "\u202f")


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
            "groupe de plus. Le moteur : TF-IDF des lemmes et des paires de mots voisins, NMF sur "
            "un échantillon d’au plus 4 000 textes dont chacun emprunte les mots de ses 10 plus "
            "proches voisins, puis k-moyennes sphériques sur tous les textes ; mêmes réglages "
            "pour toutes les questions.",
            "",
            "| Méthode | AMI | Pureté | Groupes par question (moyenne) | Durée totale (s) |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {q['method']} | {_n(q['ami'], 3)} | {_n(q['purity'], 3)} | {_n(q['clusters'])} "
            f"| {_n(q['seconds'])} |"
            for q in quality
        ]
        lines += ["", *_per_question(quality), ""]
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
            f"| {_int(s['count'])} | {_n(s['seconds'])} | {_n(s['cpu_seconds'])} "
            f"| {_int(s['peak_mib'])} | {s['themes']} | {_int(s['unclassified'])} "
            f"| {_int(s['duplicate_groups'])} "
            f"| {_n(s['load'], 2)} |"
            for s in speeds
        ]
        lines.append("")
    lines += ["### Machine", ""] + [f"- {k} : {v}" for k, v in machine.items()]
    return "\n".join(lines) + "\n"


def _per_question(quality: list[dict]) -> list[str]:
    """AMI question by question, one column per method (same settings for every question)."""
    lines = [
        "AMI par question :",
        "",
        "| Question | Réponses | " + " | ".join(q["method"] for q in quality) + " |",
        "|---|---:|" + "---:|" * len(quality),
    ]
    for i, (question, answers, _score) in enumerate(quality[0]["per_question"]):
        short = question if len(question) <= 70 else question[:69].rstrip() + "…"
        scores = " | ".join(_n(q["per_question"][i][2], 3) for q in quality)
        lines.append(f"| {short.replace('|', '/')} | {answers} | {scores} |")
    return lines


def write(path: Path, section: str, *, start: str = START, end: str = END) -> None:
    text = path.read_text() if path.exists() else "# Mesures de performance\n"
    if start not in text or end not in text:
        text = text.rstrip() + f"\n\n{start}\n{end}\n"
    before, rest = text.split(start, 1)
    _old, after = rest.split(end, 1)
    path.write_text(f"{before}{start}\n{section}{end}{after}")
