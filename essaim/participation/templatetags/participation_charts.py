"""Charts of a campaign's figures, readable without JavaScript: inline SVG computed on the
server from the rows of `figures.shown_figures` (the same numbers as the tables, which stay
below each chart as their text alternative). Coordinates are whole numbers: the template
writes them unlocalised (a French « 540,0 » is no SVG length)."""

from django import template
from django.utils.translation import gettext as _

register = template.Library()

WIDTH = 600  # bars: the SVG's own units; it scales down to the column's width
ROW = 34
COLUMN = 14  # columns: one per day
PLOT = 120
VALUE_ROOM = 60


def _bars(rows, metric):
    top = max((row[metric] for row in rows), default=0) or 1
    return {
        "width": WIDTH,
        "height": ROW * len(rows),
        "bars": [
            {
                "label": row["label"],
                "value": row[metric],
                "label_y": i * ROW + 13,
                "y": i * ROW + 17,
                "width": round(row[metric] / top * (WIDTH - VALUE_ROOM)),
                "value_x": round(row[metric] / top * (WIDTH - VALUE_ROOM)) + 6,
                "value_y": i * ROW + 28,
            }
            for i, row in enumerate(rows)
        ],
    }


def _columns(rows, metric):
    top = max((row[metric] for row in rows), default=0)
    width = max(COLUMN * len(rows), 280)
    columns = []
    for i, row in enumerate(rows):
        height = round(row[metric] / top * PLOT) if top else 0
        columns.append(
            {
                "label": row["label"],
                "value": row[metric],
                "x": i * COLUMN + 2,
                "y": 16 + PLOT - height,
                "height": height,
            }
        )
    return {"width": width, "height": PLOT + 36, "columns": columns, "top": top, "base": 16 + PLOT}


@register.inclusion_tag("participation/_chart.html")
def figures_chart(rows, metric: str, title: str, kind: str = "bars"):
    """An accessible chart of one metric over breakdown `rows`: horizontal `bars` (themes,
    territories) or `columns` (days). The SVG has role="img" and an aria-label that says what
    it shows; the figure's caption is `title`."""
    rows = list(rows or [])
    if kind == "columns":
        chart = _columns(rows, metric)
        peak = max(rows, key=lambda r: r[metric], default=None)
        summary = (
            _("%(title)s, du %(first)s au %(last)s : au plus %(top)s, le %(day)s.")
            % {
                "title": title,
                "first": rows[0]["label"],
                "last": rows[-1]["label"],
                "top": peak[metric],
                "day": peak["label"],
            }
            if peak
            else title
        )
    else:
        chart = _bars(rows, metric)
        summary = _("%(title)s : %(items)s.") % {
            "title": title,
            "items": " ; ".join(f"{row['label']} {row[metric]}" for row in rows),
        }
    return {"chart": chart, "kind": kind, "title": title, "summary": summary, "rows": rows}
