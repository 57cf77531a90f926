"""The map of France drawn by the catalogue: areas, shading classes, links, table rows.

Geometry: essaim/catalogue/geometry/france.py (CC BY 4.0, see its LICENSE.md). A région is drawn
as the group of its départements' outlines; overseas départements sit in insets.
"""

import math
from dataclasses import dataclass, field, replace

from django.urls import reverse

from essaim.catalogue.filters import Filters
from essaim.catalogue.geometry.france import (
    DEPARTMENT_PATHS,
    INSET_SIZE,
    INSETS,
    REGION_OF_DEPARTMENT,
    VIEWBOX,
)
from essaim.core.models import Territory
from essaim.core.text import fold

SHADES = 5


@dataclass
class Area:
    code: str
    name: str
    count: int
    paths: list[str]
    shade: int = 0
    href: str = ""
    highlighted: bool = False


@dataclass
class FranceMap:
    level: str
    areas: list[Area]
    viewbox: str = " ".join(map(str, VIEWBOX))
    insets: list[dict] = field(default_factory=list)
    legend: list[dict] = field(default_factory=list)
    total: int = 0

    @property
    def rows(self) -> list[Area]:
        """The table alternative: every area, by name."""
        return sorted(self.areas, key=lambda a: fold(a.name))


def build_map(
    level: str, counts: dict, *, filters: Filters | None = None, highlight=frozenset()
) -> FranceMap:
    """Areas of `level` ("region" or "department") shaded by `counts` (code → count).

    With `filters`, each area links to the list filtered by it (other filters kept).
    """
    names = dict(Territory.objects.filter(level=level).values_list("code", "name"))
    groups: dict[str, list[str]] = {}
    for department, path in DEPARTMENT_PATHS.items():
        code = REGION_OF_DEPARTMENT[department] if level == "region" else department
        groups.setdefault(code, []).append(path)
    maximum = max(counts.values(), default=0)
    list_url = reverse("catalogue:list")
    areas = []
    for code, paths in sorted(groups.items()):
        count = counts.get(code, 0)
        area = Area(
            code=code,
            name=names.get(code, code),
            count=count,
            paths=paths,
            shade=_shade(count, maximum),
            highlighted=code in highlight,
        )
        if filters is not None:
            attr = "regions" if level == "region" else "departments"
            linked = replace(filters.without("regions", "departments"), **{attr: (code,)})
            area.href = list_url + linked.querystring()
        areas.append(area)
    insets = [
        {"x": x, "y": y, "size": INSET_SIZE, "label": label, "label_y": y + INSET_SIZE + 16}
        for _code, label, x, y in INSETS
    ]
    for inset in insets:
        inset["label_x"] = inset["x"] + INSET_SIZE / 2
    return FranceMap(
        level=level,
        areas=areas,
        insets=insets,
        legend=_legend(maximum),
        total=sum(counts.values()),
    )


def _shade(count: int, maximum: int) -> int:
    if count <= 0 or maximum <= 0:
        return 0
    return max(1, min(SHADES, math.ceil(SHADES * count / maximum)))


def _legend(maximum: int) -> list[dict]:
    """One entry per shade in use: the range of counts it stands for."""
    legend = [{"shade": 0, "low": 0, "high": 0}]
    if maximum <= 0:
        return legend
    previous = 0
    for shade in range(1, SHADES + 1):
        high = math.floor(maximum * shade / SHADES)
        if high > previous:
            legend.append({"shade": shade, "low": previous + 1, "high": high})
            previous = high
    return legend
