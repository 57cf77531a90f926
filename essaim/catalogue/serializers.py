"""One description of an initiative as open data, shared by the CSV/JSON exports and the API."""

from essaim.catalogue.search_text import html_to_text

EXPORT_COLUMNS = [
    ("slug", "identifiant"),
    ("url", "adresse"),
    ("title", "titre"),
    ("pitch", "résumé"),
    ("stage", "étape"),
    ("themes", "thèmes"),
    ("carriers", "porteurs"),
    ("labs", "laboratoires"),
    ("beneficiaries", "bénéficiaires"),
    ("territory", "territoire"),
    ("territory_code", "code INSEE"),
    ("region", "région"),
    ("department", "département"),
    ("is_national", "portée nationale"),
    ("started_on", "date de lancement"),
    ("budget_eur", "budget (euros)"),
    ("facet", "type d’innovation"),
    ("government_level", "niveau d’administration"),
    ("origin", "initiative d’origine"),
    ("website", "site internet"),
    ("published_at", "publiée le"),
    ("updated_at", "modifiée le"),
]


def _territory(territory) -> dict | None:
    if territory is None:
        return None
    return {"level": territory.level, "code": territory.code, "name": territory.name}


def initiative_data(initiative, *, request) -> dict:
    """The public facts of a published initiative (prefetch themes, carriers, labs)."""
    origin = initiative.origin
    return {
        "slug": initiative.slug,
        "url": request.build_absolute_uri(initiative.get_absolute_url()),
        "title": initiative.title,
        "pitch": initiative.pitch,
        "problem": html_to_text(initiative.problem).strip(),
        "solution": html_to_text(initiative.solution).strip(),
        "lessons": html_to_text(initiative.lessons).strip(),
        "stage": initiative.stage,
        "stage_label": str(initiative.get_stage_display()),
        "stopped_reason": initiative.stopped_reason,
        "themes": [{"slug": t.slug, "name": t.name} for t in initiative.themes.all()],
        "carriers": [
            {"slug": o.slug, "name": o.name, "kind": o.kind} for o in initiative.carriers.all()
        ],
        "labs": [{"slug": o.slug, "name": o.name} for o in initiative.labs.all()],
        "beneficiaries": list(initiative.beneficiaries or []),
        "territory": _territory(initiative.territory),
        "region": _territory(initiative.region),
        "department": _territory(initiative.department),
        "is_national": initiative.is_national,
        "started_on": initiative.started_on,
        "budget_eur": initiative.budget_eur,
        "funding": initiative.funding,
        "facet": initiative.facet,
        "government_level": initiative.government_level,
        "website": initiative.website,
        "video_url": initiative.video_url,
        "contact_email": initiative.contact_email,
        "origin": origin.slug if origin is not None and not origin.is_draft else None,
        "published_at": initiative.published_at,
        "updated_at": initiative.updated_at,
    }


def export_row(initiative, *, request) -> list:
    """One CSV row, in the order of EXPORT_COLUMNS; lists joined with " | "."""
    data = initiative_data(initiative, request=request)
    values = {
        **data,
        "stage": data["stage_label"],
        "themes": " | ".join(t["name"] for t in data["themes"]),
        "carriers": " | ".join(o["name"] for o in data["carriers"]),
        "labs": " | ".join(o["name"] for o in data["labs"]),
        "beneficiaries": " | ".join(initiative.get_beneficiaries_display()),
        "territory": data["territory"]["name"] if data["territory"] else "",
        "territory_code": data["territory"]["code"] if data["territory"] else "",
        "region": data["region"]["name"] if data["region"] else "",
        "department": data["department"]["name"] if data["department"] else "",
        "is_national": "oui" if initiative.is_national else "non",
        "facet": str(initiative.get_facet_display()) if initiative.facet else "",
        "government_level": (
            str(initiative.get_government_level_display()) if initiative.government_level else ""
        ),
        "budget_eur": str(initiative.budget_eur).replace(".", ",")
        if initiative.budget_eur is not None
        else "",
        "published_at": initiative.published_at.isoformat() if initiative.published_at else "",
        "updated_at": initiative.updated_at.isoformat(),
        "started_on": initiative.started_on.isoformat() if initiative.started_on else "",
        "origin": data["origin"] or "",
    }
    return [_cell(values[key]) for key, _label in EXPORT_COLUMNS]


def _cell(value) -> str:
    """Neutralise spreadsheet formulas (CSV injection): a cell never starts with = + - @."""
    text = "" if value is None else str(value)
    if text[:1] in {"=", "+", "-", "@", "\t", "\r"}:
        return "'" + text
    return text
