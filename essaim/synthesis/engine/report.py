"""report.html: a self-contained, accessible French report of a synthesis (no JavaScript).

The chart is a list of bars drawn with CSS whose figures are also written out, and a table
gives the same figures; each theme opens its quotes in a <details>.
"""

from html import escape

STYLE = """
body{font-family:Marianne,Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#161616;line-height:1.5}
h1,h2,h3{line-height:1.25}
table{border-collapse:collapse;width:100%;margin:1rem 0}
th,td{border:1px solid #929292;padding:.35rem .5rem;text-align:left;vertical-align:top}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.bars{list-style:none;padding:0}
.bars li{margin:.3rem 0}
.bar{display:block;height:.9rem;background:#000091;min-width:2px}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid #000091;background:#f6f6f6}
details{margin:.75rem 0}
summary{cursor:pointer;font-weight:bold}
.note{color:#3a3a3a}
"""


def _number(value: float, digits: int = 0) -> str:
    text = f"{value:,.{digits}f}".replace(",", "\u202f").replace(".", ",")
    return text


def _percent(share: float) -> str:
    return _number(share * 100, 1) + "\u00a0%"


def render(document: dict, *, title: str = "Synthèse des contributions",
           reading: list[str] | None = None) -> str:  # fmt: skip
    """The whole HTML page for a `themes_document()`."""
    themes = document["themes"]
    total = document["contributions"]
    biggest = max((t["size"] for t in themes), default=1) or 1
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{STYLE}</style></head><body><main>",
        f"<h1>{escape(title)}</h1>",
        f"<p>{_number(total)} contributions, {len(themes)} thèmes, "
        f"{_number(document['unclassified']['size'])} contributions non classées, "
        f"{len(document['duplicate_groups'])} groupes de doublons.</p>",
    ]
    if reading:
        parts.append("<h2>Lecture du fichier</h2><ul>")
        parts += [f"<li>{escape(line)}</li>" for line in reading]
        parts.append("</ul>")
    parts.append('<h2 id="graphique">Thèmes par nombre de contributions</h2>')
    parts.append('<ul class="bars" aria-describedby="graphique">')
    for theme in themes:
        width = max(theme["size"] / biggest * 100, 0.5)
        parts.append(
            f'<li><a href="#{escape(theme["id"])}">{escape(theme["label"])}</a> : '
            f"{_number(theme['size'])} ({_percent(theme['share'])})"
            f'<span class="bar" style="width:{width:.1f}%" aria-hidden="true"></span></li>'
        )
    parts.append("</ul>")
    parts.append(
        "<table><caption>Les mêmes chiffres en tableau</caption><thead><tr>"
        '<th scope="col">Thème</th><th scope="col">Autres expressions fréquentes</th>'
        '<th scope="col">Contributions</th><th scope="col">Part</th></tr></thead><tbody>'
    )
    for theme in themes:
        parts.append(
            f'<tr><th scope="row">{escape(theme["label"])}</th>'
            f"<td>{escape(', '.join(theme['other_phrases']))}</td>"
            f'<td class="n">{_number(theme["size"])}</td>'
            f'<td class="n">{_percent(theme["share"])}</td></tr>'
        )
    parts.append("</tbody></table>")
    parts.append("<h2>Les thèmes et leurs citations</h2>")
    for theme in themes:
        parts.append(_theme_section(theme))
    parts.append(_unclassified(document["unclassified"]))
    parts.append(_duplicates(document["duplicate_groups"]))
    parts.append(
        '<h2>Méthode</h2><p class="note">Thèmes trouvés automatiquement par le moteur de '
        "synthèse d’Essaim (lemmes français, TF-IDF, NMF puis k-moyennes sphériques), intitulés "
        "par l’expression la plus caractéristique de chaque thème. Les citations sont des "
        "contributions reproduites telles quelles. Une personne doit relire ces résultats avant "
        f"toute publication. Graine : {document['seed']}.</p>"
    )
    parts.append("</main></body></html>")
    return "\n".join(parts) + "\n"


def _theme_section(theme: dict) -> str:
    lines = [
        f'<section id="{escape(theme["id"])}"><h3>{escape(theme["label"])}</h3>',
        f"<p>{_number(theme['size'])} contributions ({_percent(theme['share'])}).</p>",
    ]
    if theme["quotes"]:
        lines.append(f"<details><summary>Citations ({len(theme['quotes'])})</summary>")
        for quote in theme["quotes"]:
            text = quote["text"]
            text = text if len(text) <= 1200 else text[:1200] + "…"
            lines.append(
                f"<blockquote><p>{escape(text)}</p></blockquote>"
                f'<p class="note">Contribution {escape(quote["id"])}</p>'
            )
        lines.append("</details>")
    if theme["by_period"]:
        lines.append("<details><summary>Évolution dans le temps</summary><table>")
        lines.append('<thead><tr><th scope="col">Période</th><th scope="col">Contributions</th>'
                     "</tr></thead><tbody>")  # fmt: skip
        lines += [
            f'<tr><th scope="row">{escape(p)}</th><td class="n">{_number(n)}</td></tr>'
            for p, n in theme["by_period"].items()
        ]
        lines.append("</tbody></table></details>")
    if theme["by_territory"]:
        top = sorted(theme["by_territory"].items(), key=lambda item: (-item[1], item[0]))[:15]
        lines.append("<details><summary>Territoires les plus représentés</summary><ul>")
        lines += [f"<li>{escape(t)} : {_number(n)}</li>" for t, n in top]
        lines.append("</ul></details>")
    lines.append("</section>")
    return "\n".join(lines)


def _unclassified(unclassified: dict) -> str:
    lines = [
        "<h2>Contributions non classées</h2>",
        f"<p>{_number(unclassified['size'])} contributions ne sont dans aucun thème ; elles "
        "restent dans contributions.csv pour être lues.</p><ul>",
    ]
    lines += [f"<li>{escape(r)} : {_number(n)}</li>" for r, n in unclassified["by_reason"].items()]
    lines.append("</ul>")
    return "\n".join(lines)


def _duplicates(groups: list[dict]) -> str:
    lines = [
        "<h2>Doublons et campagnes</h2>",
        f"<p>{len(groups)} groupes de contributions identiques ou presque "
        "(copier-coller, reformulations légères).</p>",
    ]
    if groups:
        lines.append('<table><thead><tr><th scope="col">Groupe</th><th scope="col">Taille</th>'
                     '<th scope="col">Exemple</th></tr></thead><tbody>')  # fmt: skip
        for group in groups[:30]:
            example = group["example"]["text"]
            example = example if len(example) <= 300 else example[:300] + "…"
            lines.append(
                f'<tr><th scope="row">{escape(group["id"])}</th>'
                f'<td class="n">{_number(group["size"])}</td><td>{escape(example)}</td></tr>'
            )
        lines.append("</tbody></table>")
    return "\n".join(lines)
