"""A form imported from an XLSForm (the ODK standard: « survey » and « choices » sheets), read
with pyxform, turned into a definition (see `definitions`) plus a report, in French and row by
row, of what could not be carried over.

Mapped: text (multiline → long text), integer, decimal, date, dateTime, select_one (radio, or a
list with appearance minimal), select_multiple, note (explanation), acknowledge (terms),
image/file (supporting document), begin_group at the top level (a section; nested groups are
flattened, their condition joined to their questions'), begin_repeat (a repeatable block),
`required` (yes, or an expression → « obligatoire si »), `relevant` (see xpath_conditions),
`hint`, and these constraints: `. >= n and . <= m` on numbers, `string-length(.) <= n`,
`regex(., '…')` on texts, `. <= today()` on dates.
"""

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.procedures import conditions, xpath_conditions
from essaim.procedures.definitions import FORMAT, FORMAT_VERSION

SIMPLE_TYPES = {
    "text": "text",
    "integer": "integer",
    "decimal": "decimal",
    "date": "date",
    "dateTime": "datetime",
    "select one": "choice",
    "select all that apply": "multiple_choice",
    "note": "explanation",
    "acknowledge": "terms",
    "image": "attachment",
    "file": "attachment",
}
_BOUND = re.compile(r"^\.\s*(>=|>|<=|<)\s*(-?\d+(?:\.\d+)?)$")
_LENGTH = re.compile(r"^string-length\(\s*\.\s*\)\s*(<=|<)\s*(\d+)$")
_REGEX = re.compile(r"""^regex\(\s*\.\s*,\s*(['"])(.*)\1\s*\)$""")
_YES = {"yes", "true", "true()"}


class XlsFormError(ValueError):
    """The file is not a readable XLSForm; `message` says why, in French."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def read_xlsform(content: bytes, *, title: str = "") -> tuple[dict, list[str]]:
    """(definition, report) of the XLSForm `content` (XLSX, XLS or CSV bytes)."""
    # pyxform is loaded only when a form is imported, not by every web process at start-up.
    from pyxform.errors import PyXFormError
    from pyxform.xls2json import workbook_to_json
    from pyxform.xls2json_backends import get_xlsform

    try:
        workbook = get_xlsform(content)
        survey = workbook_to_json(
            workbook_dict=workbook,
            form_name="formulaire",
            fallback_form_name=workbook.fallback_form_name,
            default_language="default",
            warnings=[],
        )
    except (PyXFormError, ValueError, KeyError) as error:
        raise XlsFormError(
            _("Le fichier n’a pas pu être lu comme un XLSForm : %(error)s") % {"error": error}
        ) from error
    rows = {}
    for index, row in enumerate(workbook.survey or [], start=2):
        if row.get("name"):
            rows.setdefault(str(row["name"]), index)
    converter = _Converter(rows)
    sections = converter.convert(survey.get("children") or [], title or survey.get("title", ""))
    definition = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedure": {"title": title or survey.get("title") or _("Formulaire importé")},
        "instructor_groups": [],
        "versions": [{"number": 1, "published_at": None, "note": "", "sections": sections}],
    }
    return definition, converter.report


def _text(value) -> str:
    """A label or hint, which pyxform gives as a dict when there are several languages."""
    if isinstance(value, dict):
        for language, text in value.items():
            if "fr" in language.lower() or "fran" in language.lower():
                return str(text)
        return str(next(iter(value.values()), ""))
    return str(value or "")


class _Converter:
    def __init__(self, rows):
        self.rows, self.report, self.keys = rows, [], set()
        self.renamed: dict[str, str] = {}

    def note(self, item, message):
        row = self.rows.get(str(item.get("name", "")))
        where = _("Ligne %(row)s") % {"row": row} if row else _("Formulaire")
        name = item.get("name", "")
        self.report.append(f"{where} ({name}) : {message}")

    def convert(self, children, title) -> list[dict]:
        sections, loose = [], []
        for item in children:
            if item.get("type") == "group" and item.get("name") == "meta":
                continue  # pyxform's own instanceID
            if item.get("type") == "group":
                if loose:
                    sections.append(self.section(title or _("Questions"), loose))
                    loose = []
                condition = self.condition(item, "relevant")
                fields = self.fields(item.get("children") or [], None)
                sections.append(
                    {
                        "title": _text(item.get("label")) or item["name"],
                        "description": _text(item.get("hint")),
                        "condition": condition,
                        "fields": fields,
                    }
                )
            else:
                loose.append(item)
        if loose:
            sections.append(self.section(title or _("Questions"), loose))
        return sections

    def section(self, title, items) -> dict:
        return {
            "title": title,
            "description": "",
            "condition": None,
            "fields": self.fields(items, None),
        }

    def fields(self, items, inherited) -> list[dict]:
        found = []
        for item in items:
            kind = item.get("type")
            if kind == "group":
                self.note(
                    item,
                    _(
                        "groupe imbriqué : ses questions sont placées dans la partie "
                        "qui le contient."
                    ),
                )
                own = self.condition(item, "relevant")
                found.extend(self.fields(item.get("children") or [], _joined(inherited, own)))
                continue
            field = self.field(item, inherited)
            if field is not None:
                found.append(field)
        return found

    def field(self, item, inherited) -> dict | None:
        kind = item.get("type")
        if kind == "repeat":
            field_type = "repeatable"
        elif kind in SIMPLE_TYPES:
            field_type = SIMPLE_TYPES[kind]
        else:
            self.note(
                item,
                _("le type « %(type)s » n’a pas d’équivalent : question non reprise.")
                % {"type": kind},
            )
            return None
        key = self.key(item)
        field = {
            "key": key,
            "type": field_type,
            "label": _text(item.get("label")) or key,
            "help_text": _text(item.get("hint")),
            "required": False,
            "condition": _joined(inherited, self.condition(item, "relevant")),
            "required_condition": None,
            "options": [],
            "params": {},
        }
        self.required(item, field)
        appearance = str((item.get("control") or {}).get("appearance", "")) or str(
            item.get("appearance", "")
        )
        if field_type == "text" and "multiline" in appearance:
            field["type"] = "textarea"
        if field_type in {"choice", "multiple_choice"}:
            field["options"] = [
                {"value": str(c.get("name")), "label": _text(c.get("label")) or str(c["name"])}
                for c in item.get("choices") or []
            ]
            if field_type == "choice":
                field["params"]["display"] = "select" if "minimal" in appearance else "radio"
        if kind == "image":
            field["params"] = {"accept": ["jpeg", "png"], "max_files": 1}
        if field_type == "repeatable":
            field["children"] = self.fields(item.get("children") or [], None)
            count = str((item.get("control") or {}).get("jr:count", "") or "")
            if count:
                self.note(item, _("le nombre de répétitions imposé n’est pas repris."))
        self.constraint(item, field)
        self.keys.add(key)
        return field

    def key(self, item) -> str:
        name = str(item.get("name", ""))
        key = slugify(name).replace("-", "_")[:60] or "champ"
        if key != name:
            self.renamed[name] = key
            self.note(item, _("identifiant renommé en « %(key)s ».") % {"key": key})
        return key

    def condition(self, item, what):
        text = str((item.get("bind") or {}).get(what, "") or "").strip()
        if not text:
            return None
        try:
            condition = _renamed(xpath_conditions.translate(text), self.renamed)
        except conditions.ConditionError as error:
            self.note(
                item,
                _("condition « %(what)s » non reprise : %(error)s")
                % {"what": what, "error": error.message},
            )
            return None
        unknown = conditions.referenced_keys(condition) - self.keys
        if unknown:
            self.note(
                item,
                _(
                    "condition « %(what)s » non reprise : elle lit %(keys)s, qui "
                    "n’est pas une question reprise placée avant."
                )
                % {"what": what, "keys": ", ".join(sorted(unknown))},
            )
            return None
        return condition

    def required(self, item, field) -> None:
        text = str((item.get("bind") or {}).get("required", "") or "").strip()
        if not text or text.lower() in {"no", "false", "false()"}:
            return
        if text.lower() in _YES:
            field["required"] = True
        else:
            field["required_condition"] = self.condition(item, "required")

    def constraint(self, item, field) -> None:
        bind = item.get("bind") or {}
        text = str(bind.get("constraint", "") or "").strip()
        if not text:
            return
        message = _text(bind.get("jr:constraintMsg"))
        parts = [p.strip() for p in re.split(r"\band\b", text)]
        params = {}
        for part in parts:
            if field["type"] in {"integer", "decimal"} and (match := _BOUND.match(part)):
                symbol, number = match.groups()
                value = float(number) if "." in number else int(number)
                if symbol in {">", "<"} and field["type"] == "integer":
                    value += 1 if symbol == ">" else -1
                elif symbol in {">", "<"}:
                    break
                params["min" if symbol.startswith(">") else "max"] = value
            elif field["type"] in {"text", "textarea"} and (match := _LENGTH.match(part)):
                params["max_length"] = int(match.group(2)) - (match.group(1) == "<")
            elif field["type"] == "text" and (match := _REGEX.match(part)):
                field["type"] = "regex"
                params["pattern"] = match.group(2)
                params["pattern_message"] = message
            elif field["type"] == "date" and part.replace(" ", "") == ".<=today()":
                params["not_future"] = True
            else:
                break
        else:
            field["params"].update(params)
            return
        self.note(
            item,
            _("contrainte « %(text)s » non reprise : ajoutez-la dans le constructeur si besoin.")
            % {"text": text},
        )


def _joined(first, second):
    if first and second:
        return {"all": [first, second]}
    return first or second


def _renamed(condition, renamed):
    if not renamed or condition is None:
        return condition
    if "all" in condition or "any" in condition:
        word = "all" if "all" in condition else "any"
        return {word: [_renamed(c, renamed) for c in condition[word]]}
    if "not" in condition:
        return {"not": _renamed(condition["not"], renamed)}
    return {**condition, "field": renamed.get(condition["field"], condition["field"])}
