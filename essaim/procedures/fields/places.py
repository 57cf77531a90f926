"""Postal address (BAN-compatible), commune / département / région (COG), country (ISO 3166)."""

import difflib
import gettext
import re
from functools import lru_cache

import pycountry
from django.utils.translation import gettext as _

from essaim.core.models import Commune, Department, Region
from essaim.core.text import fold
from essaim.procedures.enums import FieldType
from essaim.procedures.fields.base import FieldError, FieldKind, register, typed_text

_WITH_DEPARTMENT = re.compile(r"^(?P<name>.+?)\s*\((?P<department>\d[\dAB]\d?)\)$", re.I)
_POSTCODE = re.compile(r"^\d{5}$")


def find_territory(manager, text: str, *, what: str, example: str, department_hint: str = ""):
    """The one territory of `manager` named or coded `text`; FieldError otherwise.

    Accepts the INSEE code, the exact name (accents and case ignored), or for a commune
    "Name (département)" as the suggestion list shows it. `department_hint` (the département a
    postcode points to) settles a name several communes share. When nothing matches, the error
    suggests the closest names ("vouliez-vous dire")."""
    text = (text or "").strip()[:120]
    found = manager.filter(code=text.upper()).select_related("parent").first()
    if found:
        return found
    department = None
    match = _WITH_DEPARTMENT.match(text)
    if match:
        text, department = match["name"], match["department"].upper()
    candidates = manager.filter(search_name=fold(text)).select_related("parent")
    if department:
        candidates = candidates.filter(parent__code=department)
    candidates = list(candidates[:50])
    if len(candidates) > 1 and department_hint:
        hinted = [c for c in candidates if c.parent and c.parent.code == department_hint]
        candidates = hinted or candidates
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise FieldError(
            _(
                "Plusieurs %(what)s s’appellent « %(name)s » : précisez le département, par "
                "exemple « %(example)s »."
            )
            % {
                "what": what,
                "name": text,
                "example": f"{candidates[0].name} ({candidates[0].parent.code})",
            }
        )
    close = suggestions(manager, text)
    if close:
        raise FieldError(
            _(
                "Nous ne trouvons pas « %(text)s » parmi les %(what)s. Vouliez-vous dire : "
                "%(close)s ? Sinon, vérifiez l’orthographe ou saisissez le code INSEE."
            )
            % {"text": text, "what": what, "close": ", ".join(f"« {c} »" for c in close)}
        )
    raise FieldError(
        _(
            "Nous ne trouvons pas « %(text)s » parmi les %(what)s : vérifiez l’orthographe, ou "
            "saisissez le code INSEE, par exemple « %(example)s »."
        )
        % {"text": text, "what": what, "example": example}
    )


def suggestions(manager, text: str, *, limit: int = 3) -> list[str]:
    """Labels of the territories closest to `text`: those whose name contains it (best first),
    else the names that differ by a typo or two (same first letter)."""
    folded = fold(text)
    if len(folded) < 2:
        return []
    found = list(manager.search(text).select_related("parent")[:limit])
    if not found:
        names = dict(
            manager.filter(search_name__startswith=folded[0])
            .order_by()
            .values_list("search_name", "pk")[:20000]
        )
        close = difflib.get_close_matches(folded, list(names), n=limit, cutoff=0.75)
        by_pk = manager.select_related("parent").in_bulk([names[name] for name in close])
        found = [by_pk[names[name]] for name in close if names[name] in by_pk]
    return [territory.label for territory in found]


def department_of_postcode(postcode: str) -> str:
    """The département a French postcode points to (its first two digits, three overseas;
    Corsica's 20 is left out: 2A and 2B share it)."""
    if postcode.startswith("97") or postcode.startswith("98"):
        return postcode[:3]
    return "" if postcode.startswith("20") else postcode[:2]


class _TerritoryKind(FieldKind):
    template = "procedures/fields/territory.html"
    what, example, manager = "", "", None

    def clean_text(self, text, spec):
        return find_territory(self.manager, text, what=self.what, example=self.example).code

    def display(self, value, spec):
        if not value:
            return ""
        territory = self.manager.filter(code=value).select_related("parent").first()
        return territory.label if territory else value

    def widget_value(self, value):
        return self.display(value, None)  # display does not read the spec here


@register
class CommuneKind(_TerritoryKind):
    type = FieldType.COMMUNE
    what, example, manager = "communes", "Lille (59)", Commune.objects


@register
class DepartmentKind(_TerritoryKind):
    type = FieldType.DEPARTMENT
    what, example, manager = "départements", "Nord", Department.objects


@register
class RegionKind(_TerritoryKind):
    type = FieldType.REGION
    what, example, manager = "régions", "Hauts-de-France", Region.objects


@register
class AddressKind(FieldKind):
    """{"line": "12 rue de la Paix", "postcode": "75002", "commune_code": "75056",
    "commune": "Paris"} — the BAN's name / postcode / citycode / city."""

    type = FieldType.ADDRESS
    template = "procedures/fields/address.html"
    parts = ("line", "complement", "postcode", "commune")

    def raw_from_post(self, data, files, name, spec=None):
        return {part: data.get(f"{name}__{part}", "") for part in self.parts}

    def clean(self, raw, spec):
        if raw in (None, ""):
            return None
        if not isinstance(raw, dict):
            raise FieldError(_("Saisissez l’adresse : numéro et voie, code postal et commune."))
        values = {p: typed_text(str(raw.get(p) or "")).strip()[:200] for p in self.parts}
        commune_text = values["commune"] or str(raw.get("commune_code") or "")
        if not any(values.values()) and not commune_text:
            return None
        if not values["line"]:
            raise FieldError(_("Indiquez le numéro et la voie, par exemple 12 rue de la Paix."))
        if not _POSTCODE.match(values["postcode"]):
            raise FieldError(_("Le code postal compte 5 chiffres, par exemple 59000."))
        commune = find_territory(
            Commune.objects,
            commune_text,
            what="communes",
            example="Lille (59)",
            department_hint=department_of_postcode(values["postcode"]),
        )
        return {
            "line": values["line"],
            "complement": values["complement"],
            "postcode": values["postcode"],
            "commune_code": commune.code,
            "commune": commune.name,
        }

    def display(self, value, spec):
        if not value:
            return ""
        lines = [value.get("line"), value.get("complement")]
        lines.append(f"{value.get('postcode', '')} {value.get('commune', '')}".strip())
        return "\n".join(line for line in lines if line)

    def widget_value(self, value):
        return value or {}


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, str]]:
    """(alpha-2 code, French name), sorted by French name."""
    translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["fr"])
    names = [(c.alpha_2, translation.gettext(c.name)) for c in pycountry.countries]
    return sorted(names, key=lambda item: fold(item[1]))


@register
class CountryKind(FieldKind):
    type = FieldType.COUNTRY
    template = "procedures/fields/country.html"

    def clean_text(self, text, spec):
        code = text.upper()
        by_code = dict(countries())
        if code in by_code:
            return code
        folded = fold(text)
        for alpha_2, name in countries():
            if fold(name) == folded:
                return alpha_2
        raise FieldError(_("Choisissez un pays dans la liste."))

    def display(self, value, spec):
        return dict(countries()).get(value or "", value or "")
