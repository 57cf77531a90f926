"""A form imported from an XLSForm (the ODK standard: « survey » and « choices » sheets), read
with pyxform, turned into a definition (see `definitions`) plus a report, in French and row by
row, of what could not be carried over (nothing is dropped without a line in the report).

Mapped: text (multiline → long text), integer, decimal, date, dateTime, select_one (radio, or a
list with appearance minimal), select_multiple, note (explanation), acknowledge (terms),
image/file (supporting document), begin_group at the top level (a section; nested groups are
flattened, their condition joined to their questions'), begin_repeat (a repeatable block),
`required` (yes, or an expression → « obligatoire si »), `relevant` (see xpath_conditions),
`hint`, and these constraints: `. >= n and . <= m` on numbers, `string-length(.) <= n`,
`regex(., '…')` on texts, `. <= today()` on dates.

Also mapped, as far as our definitions can say it:
- `choice_filter` of the form `colonne=${question}` (cascading selects): the filtered list
  becomes the next level of a « choix liés » field rooted at the first list of the chain;
  conditions that read a merged question read the linked field (its answer holds every level);
- `repeat_count`: a fixed number gives the block as many rows, minimum and maximum; a count
  read from an answer cannot be (our blocks have fixed bounds): reported, and the maximum of
  that answer's constraint, if any, becomes the block's maximum;
- `calculate`: age from a date (`int((today() - ${d}) div 365.25)` and its
  decimal-date-time form), `sum(${colonne})` of a repeat's column and `count(${bloc})` become
  computed values (shown to the applicant); any other formula is reported.
"""

import re

from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.core.slugs import numbered
from essaim.procedures import conditions, decisions, xpath_conditions
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
_REFERENCE = re.compile(r"^\$\{\s*([^}\s]+)\s*\}$")
_FILTER = (
    re.compile(r"^(?P<column>[A-Za-z_][\w.-]*)\s*=\s*\$\{\s*(?P<name>[^}\s]+)\s*\}$"),
    re.compile(r"^\$\{\s*(?P<name>[^}\s]+)\s*\}\s*=\s*(?P<column>[A-Za-z_][\w.-]*)$"),
)
# Formulas compared without spaces.
_AGE = re.compile(
    r"^(?:int|floor)\(\((?:decimal-date-time\()?today\(\)\)?-"
    r"(?:decimal-date-time\()?\$\{([^}]+)\}\)?\)div365(?:\.25)?\)$"
)
_SUM = re.compile(r"^sum\(\$\{([^}]+)\}\)$")
_COUNT = re.compile(r"^count\(\$\{([^}]+)\}\)$")
_INTEGER = re.compile(r"^\d+$")
# A linked choice is read at most this deep (see fields.choices.LinkedChoiceKind).
MAX_LEVELS = 6


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
    converter = _Converter(rows, survey.get("children") or [])
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


def _slug(name) -> str:
    return slugify(str(name)).replace("-", "_")[:60] or "champ"


def _filter_of(item):
    """(column, question name) of a `choice_filter` of the form column=${question}, or None."""
    text = str(item.get("choice_filter") or "").strip()
    for pattern in _FILTER:
        if match := pattern.match(text):
            return match.group("column"), match.group("name")
    return None


class _Survey:
    """What the conversion must know before it starts: every question by name (in form order,
    with its repeat), the chains of cascading selects and the repeats' fixed counts."""

    def __init__(self, children):
        self.items: dict[str, dict] = {}
        self.order: dict[str, int] = {}
        self.repeat_of: dict[str, str | None] = {}
        self.walk(children, None)
        # root name → [(item, column read in its choices or None)], first level first
        self.chains: dict[str, list] = {}
        self.merged: dict[str, str] = {}  # name of a filtered list → root of its chain
        self.filter_problems: dict[str, str] = {}
        for name in sorted(self.items, key=self.order.get):
            if self.items[name].get("choice_filter"):
                self.chain(self.items[name])
        # name of a calculate that only holds a repeat's fixed number of rows → that number
        self.fixed_counts: dict[str, int] = {}
        for item in self.items.values():
            if item.get("type") != "repeat":
                continue
            match = _REFERENCE.match(str((item.get("control") or {}).get("jr:count", "")))
            source = self.items.get(match.group(1)) if match else None
            formula = str((source or {}).get("bind", {}).get("calculate", "")).strip()
            if source and source.get("type") == "calculate" and _INTEGER.match(formula):
                self.fixed_counts[source["name"]] = int(formula)

    def walk(self, children, repeat):
        for item in children:
            name = str(item.get("name", ""))
            if name and name not in self.items:
                self.items[name] = item
                self.order[name] = len(self.order)
                self.repeat_of[name] = repeat
            inner = name if item.get("type") == "repeat" else repeat
            self.walk(item.get("children") or [], inner)

    def chain(self, item) -> None:
        name = item["name"]
        found = _filter_of(item)
        parent = self.items.get(found[1]) if found else None
        if found is None:
            why = _("seule la forme colonne=${question} est reprise")
        elif item.get("type") != "select one":
            why = _("seule une liste à choix unique peut dépendre d’une autre")
        elif parent is None or parent.get("type") != "select one":
            why = _("« %(name)s » n’est pas une question à choix unique") % {"name": found[1]}
        elif self.order[found[1]] > self.order[name]:
            why = _("« %(name)s » est placée après cette question") % {"name": found[1]}
        elif self.repeat_of[found[1]] != self.repeat_of[name]:
            why = _("« %(name)s » n’est pas dans le même bloc répétable") % {"name": found[1]}
        else:
            root = self.merged.get(found[1], found[1])
            chain = self.chains.setdefault(root, [(self.items[root], None)])
            if chain[-1][0] is not parent:
                why = _("une seule liste peut dépendre de « %(name)s »") % {"name": found[1]}
            elif len(chain) >= MAX_LEVELS:
                why = _("au plus %(n)s niveaux de choix liés sont repris") % {"n": MAX_LEVELS}
            else:
                chain.append((item, found[0]))
                self.merged[name] = root
                return
            if len(chain) == 1:
                del self.chains[root]
        self.filter_problems[name] = why


class _Converter:
    def __init__(self, rows, children=()):
        self.rows, self.report, self.keys = rows, [], set()
        self.renamed: dict[str, str] = {}
        self.survey = _Survey(children)
        self.names = {_slug(name) for name in self.survey.items}
        self.converted: dict[str, dict] = {}  # XLSForm name → field

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
        kind, name = item.get("type"), str(item.get("name", ""))
        if name in self.survey.merged:
            return self.merged(item)
        if kind == "calculate":
            return self.calculated(item, inherited)
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
            if name in self.survey.filter_problems:
                self.note(
                    item,
                    _(
                        "filtre de liste « %(filter)s » non repris (%(why)s) : toutes les "
                        "options de la liste sont proposées."
                    )
                    % {
                        "filter": item.get("choice_filter"),
                        "why": self.survey.filter_problems[name],
                    },
                )
            if name in self.survey.chains:
                self.linked(item, field)
        if kind == "image":
            field["params"] = {"accept": ["jpeg", "png"], "max_files": 1}
        if field_type == "repeatable":
            field["children"] = self.fields(item.get("children") or [], None)
            self.repeat_count(item, field)
        self.constraint(item, field)
        if (item.get("bind") or {}).get("calculate"):
            self.calculation(item, field)
        self.keys.add(key)
        self.converted[name] = field
        return field

    # Cascading selects (choice_filter) ---------------------------------------------------

    def linked(self, item, field) -> None:
        """Turn the root of a chain of cascading selects into one « choix liés » field."""
        chain = self.survey.chains[item["name"]]
        levels = [list(level.get("choices") or []) for level, _column in chain]

        def nodes(depth, parent_value):
            found = []
            for choice in levels[depth]:
                column = chain[depth][1]
                if column is not None and str(choice.get(column, "")) != parent_value:
                    continue
                node = {
                    "value": str(choice.get("name")),
                    "label": _text(choice.get("label")) or str(choice.get("name")),
                }
                if depth + 1 < len(levels) and (children := nodes(depth + 1, node["value"])):
                    node["children"] = children
                found.append(node)
            return found

        field["type"] = "linked_choice"
        field["options"] = nodes(0, None)
        field["params"] = {
            "level_labels": [_text(level.get("label")) or level["name"] for level, _c in chain]
        }
        for depth in range(1, len(chain)):
            parents = {str(c.get("name")) for c in levels[depth - 1]}
            column = chain[depth][1]
            orphans = [
                str(c.get("name")) for c in levels[depth] if str(c.get(column)) not in parents
            ]
            if orphans:
                self.note(
                    chain[depth][0],
                    _(
                        "options non reprises, leur colonne « %(column)s » ne désigne aucune "
                        "réponse de la liste précédente : %(values)s."
                    )
                    % {"column": column, "values": ", ".join(orphans)},
                )

    def merged(self, item) -> None:
        root = self.survey.merged[item["name"]]
        key = self.converted[root]["key"]
        depth = next(i for i, (level, _c) in enumerate(self.survey.chains[root]) if level is item)
        self.renamed[str(item["name"])] = key
        message = _(
            "liste filtrée (« %(filter)s ») reprise comme niveau %(depth)s des choix liés "
            "« %(key)s » ; les conditions qui lisent cette question lisent ce champ."
        ) % {"filter": item.get("choice_filter"), "depth": depth + 1, "key": key}
        bind = item.get("bind") or {}
        if bind.get("relevant") or bind.get("required"):
            message += " " + _(
                "Sa condition d’affichage et son caractère obligatoire ne sont pas repris : "
                "ce sont ceux de « %(key)s »."
            ) % {"key": key}
        self.note(item, message)
        return None

    # Repeat counts and calculations ---------------------------------------------------------

    def repeat_count(self, item, field) -> None:
        count = str((item.get("control") or {}).get("jr:count", "") or "").strip()
        if not count:
            return
        match = _REFERENCE.match(count)
        source = match.group(1) if match else None
        if source in self.survey.fixed_counts or _INTEGER.match(count):
            number = self.survey.fixed_counts.get(source) or int(count)
            field["params"].update({"min_rows": number, "max_rows": number})
            return
        message = _(
            "nombre de répétitions « %(count)s » non repris : un bloc répétable a un nombre de "
            "lignes fixe, la personne ajoute elle-même ses lignes."
        ) % {"count": count}
        answer = self.converted.get(source or "")
        if answer and isinstance(answer["params"].get("max"), int):
            field["params"]["max_rows"] = answer["params"]["max"]
            message += " " + _("Maximum de lignes repris de la question « %(key)s » : %(n)s.") % {
                "key": answer["key"],
                "n": answer["params"]["max"],
            }
        self.note(item, message)

    def formula(self, text, within):
        """The computed-value formula of the XLSForm `text`, or None. `within` is the repeat
        that holds the calculation (a computed value cannot stand in a block)."""
        compact = re.sub(r"\s+", "", text)
        if within is not None:
            return None
        if (match := _AGE.match(compact)) and self.is_field(match.group(1), "date"):
            return {"op": "age", "field": self.converted[match.group(1)]["key"]}
        if match := _SUM.match(compact):
            block = self.survey.repeat_of.get(match.group(1))
            if block and self.is_field(match.group(1), "integer", "decimal"):
                return {
                    "op": "sum",
                    "block": self.converted[block]["key"],
                    "field": self.converted[match.group(1)]["key"],
                }
        if match := _COUNT.match(compact):
            name = match.group(1)
            block = name if self.is_field(name, "repeatable") else self.survey.repeat_of.get(name)
            if block and block in self.converted:
                return {"op": "count", "block": self.converted[block]["key"]}
        return None

    def is_field(self, name, *types) -> bool:
        return name in self.converted and self.converted[name]["type"] in types

    def calculated(self, item, inherited) -> dict | None:
        name = str(item["name"])
        text = str((item.get("bind") or {}).get("calculate", "")).strip()
        if name in self.survey.fixed_counts:
            if name in self.rows:  # written by the author, not generated by pyxform
                self.note(item, _("repris comme nombre de lignes du bloc répétable."))
            return None
        formula = self.formula(text, self.survey.repeat_of.get(name))
        if formula is None:
            self.note(item, self.unsupported_formula(text, item))
            return None
        key = self.key(item)
        label = _text(item.get("label"))
        if not label:
            self.note(
                item,
                _(
                    "valeur calculée reprise ; elle est affichée à la personne et n’a pas de "
                    "libellé : donnez-lui-en un dans le constructeur."
                ),
            )
        field = {
            "key": key,
            "type": "computed",
            "label": label or name,
            "help_text": _text(item.get("hint")),
            "required": False,
            "condition": _joined(inherited, self.condition(item, "relevant")),
            "required_condition": None,
            "options": [],
            "params": {"formula": formula},
        }
        self.keys.add(key)
        self.converted[name] = field
        return field

    def calculation(self, item, field) -> None:
        """A question with a `calculation`: a computed value when the formula is ours."""
        text = str(item["bind"]["calculate"]).strip()
        formula = self.formula(text, self.survey.repeat_of.get(str(item["name"])))
        if formula is None:
            self.note(
                item,
                self.unsupported_formula(text, item)
                + " "
                + _("La question est posée à la personne, qui saisit la valeur."),
            )
            return
        field.update(type="computed", options=[], required=False, required_condition=None)
        field["params"] = {"formula": formula}

    def unsupported_formula(self, text, item) -> str:
        if self.survey.repeat_of.get(str(item["name"])):
            why = _("une valeur calculée ne peut pas être placée dans un bloc répétable")
        else:
            why = _(
                "seuls l’âge à partir d’une date (int((today() - ${date}) div 365.25)), "
                "sum(${colonne d’un bloc}) et count(${bloc}) sont repris"
            )
        return _("calcul « %(text)s » non repris : %(why)s.") % {"text": text, "why": why}

    def key(self, item) -> str:
        name = str(item.get("name", ""))
        key = slug = _slug(name)
        # Outside a repeat, a field is a placeholder of the decision letter, where the built-in
        # value of the same name would hide it: renamed, as the report says.
        if self.survey.repeat_of.get(name) is None and slug in decisions.BUILT_IN:
            taken = self.names | self.keys
            key = numbered(decisions.safe_identifier(slug), taken.__contains__, separator="_")
            self.renamed[name] = key
            self.note(
                item,
                _(
                    "identifiant renommé en « %(key)s » : « %(name)s » "
                    "est réservé aux courriers de décision (%(what)s)."
                )
                % {"key": key, "name": slug, "what": decisions.BUILT_IN[slug][0]},
            )
        elif key != name:
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
