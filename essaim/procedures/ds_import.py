"""A procedure exported from démarches-simplifiées (its API's procedure JSON) turned into a
definition (see `definitions`) plus a report, in French, of what could not be carried over.

Accepted shape (API v1, the one of the WorkInFrance example; the API v2 names `label`,
`type`, `required`, `champDescriptors` are read too):

    {"procedure": {"label": "…", "description": "…",
                   "types_de_champ": [{"libelle", "type_champ", "description", "mandatory",
                                       "order_place", "drop_down_list": {"value": "a\\r\\nb"},
                                       "types_de_champ": […] (repetition)}],
                   "types_de_champ_private": […],
                   "types_de_piece_justificative": [{"libelle", "description", "mandatory"}]}}

Each `header_section` starts a section; private fields become annotations; supporting
documents become document fields in a last section and the list of documents to prepare.
"""

from django.utils.translation import gettext as _

from essaim.core.slugs import numbered
from essaim.procedures import builder_services, decisions
from essaim.procedures.definitions import FORMAT, FORMAT_VERSION, DefinitionError

TYPES = {
    "text": "text",
    "textarea": "textarea",
    "date": "date",
    "datetime": "datetime",
    "number": "decimal",
    "integer_number": "integer",
    "decimal_number": "decimal",
    "checkbox": "checkbox",
    "email": "email",
    "phone": "phone",
    "address": "address",
    "yes_no": "yes_no",
    "pays": "country",
    "regions": "region",
    "departements": "department",
    "communes": "commune",
    "engagement": "terms",
    "explication": "explanation",
    "dossier_link": "dossier_link",
    "piece_justificative": "attachment",
    "titre_identite": "attachment",
    "siret": "siret",
    "rna": "rna",
    "iban": "iban",
    "expression_reguliere": "regex",
    "repetition": "repeatable",
    "civilite": "choice",
    "drop_down_list": "choice",
    "multiple_drop_down_list": "multiple_choice",
}
CIVILITY = [{"value": "M.", "label": "Monsieur"}, {"value": "Mme", "label": "Madame"}]


def read_ds_procedure(data) -> tuple[dict, list[str]]:
    """(definition, report) of a démarches-simplifiées procedure export."""
    procedure = data.get("procedure", data) if isinstance(data, dict) else {}
    if not isinstance(procedure, dict) or not (
        "types_de_champ" in procedure or "champDescriptors" in procedure
    ):
        raise DefinitionError(
            [
                _(
                    "Ce fichier n’est pas un export de démarche de démarches-simplifiées : il "
                    "doit contenir la liste « types_de_champ »."
                )
            ]
        )
    converter = _Converter()
    sections = converter.sections(
        procedure.get("types_de_champ") or procedure.get("champDescriptors") or [],
        title=_("Votre demande"),
    )
    private = converter.fields(
        procedure.get("types_de_champ_private") or procedure.get("annotationDescriptors") or [],
        private=True,
    )
    if private:
        sections[-1]["fields"].extend(private)
    pieces = _ordered(procedure.get("types_de_piece_justificative") or [])
    if pieces:
        sections.append(
            {
                "title": _("Pièces justificatives"),
                "description": _("Joignez les documents qui correspondent à votre situation."),
                "condition": None,
                "fields": [converter.piece(piece) for piece in pieces],
            }
        )
    report = converter.report
    entries = procedure.get("types_de_champ") or procedure.get("champDescriptors") or []
    if entries and not any("mandatory" in e or "required" in e for e in entries):
        report.append(
            _(
                "Champs : l’export ne dit pas lesquels sont obligatoires ; ils sont "
                "facultatifs, cochez « obligatoire » dans le constructeur là où il le faut."
            )
        )
    if pieces and not any("mandatory" in piece for piece in pieces):
        report.append(
            _(
                "Pièces justificatives : l’export ne dit pas lesquelles sont obligatoires ; "
                "elles sont facultatives, rendez obligatoires celles qui doivent l’être."
            )
        )
    definition = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedure": {
            "title": str(procedure.get("label") or procedure.get("title") or _("Démarche")),
            "description": str(procedure.get("description") or ""),
            "documents_to_prepare": [
                {"label": str(p.get("libelle") or p.get("label")), "help": ""} for p in pieces
            ],
            "allow_missing_document_explanation": True,
        },
        "instructor_groups": [],
        "versions": [{"number": 1, "published_at": None, "note": "", "sections": sections}],
    }
    return definition, report


def _ordered(items):
    return sorted(items, key=lambda item: item.get("order_place", 0) or 0)


class _Converter:
    def __init__(self):
        self.report: list[str] = []
        self.keys: set[str] = set()

    def note(self, item, message):
        label = item.get("libelle") or item.get("label") or "?"
        self.report.append(
            _("Champ « %(label)s » : %(message)s") % {"label": label, "message": message}
        )

    def sections(self, items, *, title) -> list[dict]:
        sections = [{"title": title, "description": "", "condition": None, "fields": []}]
        for item in _ordered(items):
            if _type(item) == "header_section":
                if not sections[-1]["fields"] and len(sections) == 1:
                    sections[-1]["title"] = _label(item)
                else:
                    sections.append(
                        {"title": _label(item), "description": "", "condition": None, "fields": []}
                    )
                continue
            field = self.field(item)
            if field is not None:
                sections[-1]["fields"].append(field)
        return sections

    def fields(self, items, *, private=False, in_block=False) -> list[dict]:
        found = []
        for item in _ordered(items):
            if _type(item) == "header_section":
                self.note(item, _("titre de section parmi les annotations : ignoré."))
                continue
            field = self.field(item, private=private, in_block=in_block)
            if field is not None:
                found.append(field)
        return found

    def field(self, item, *, private=False, in_block=False) -> dict | None:
        kind = _type(item)
        our_type = TYPES.get(kind)
        if our_type is None:
            self.note(
                item,
                _("le type « %(type)s » n’a pas d’équivalent : champ non repris.") % {"type": kind},
            )
            return None
        field = {
            "key": self.key(item, in_block=in_block),
            "type": our_type,
            "label": _label(item)[:300],
            "help_text": str(item.get("description") or "")[:2000],
            "required": bool(item.get("mandatory", item.get("required", False))),
            "condition": None,
            "required_condition": None,
            "options": [],
            "params": {},
            "private": private,
        }
        if kind == "civilite":
            field["options"] = CIVILITY
            field["params"] = {"display": "radio"}
        elif our_type in {"choice", "multiple_choice"}:
            options = _options(item)
            if options:
                field["options"] = options
            else:
                field["type"] = "text"
                self.note(
                    item,
                    _(
                        "les valeurs de la liste ne sont pas dans l’export : champ "
                        "repris en texte court, ajoutez les choix dans le "
                        "constructeur."
                    ),
                )
        elif our_type == "explanation" and not field["help_text"]:
            field["help_text"] = field["label"]
        elif our_type == "attachment":
            field["params"] = {"max_files": 1, "allow_missing_explanation": True}
        elif our_type == "repeatable":
            field["children"] = self.fields(
                item.get("types_de_champ") or [], private=private, in_block=True
            )
        elif our_type == "regex":
            pattern = item.get("expression_reguliere") or ""
            if pattern:
                field["params"] = {"pattern": pattern}
            else:
                field["type"] = "text"
                self.note(item, _("expression régulière absente : champ repris en texte court."))
        return field

    def piece(self, piece) -> dict:
        label = _label(piece)
        help_text = str(piece.get("description") or "")
        return {
            "key": self.key(piece),
            "type": "attachment",
            "label": label[:300],
            "help_text": help_text[:2000],
            "required": bool(piece.get("mandatory", False)),
            "params": {
                "accept": ["pdf", "jpeg", "png"],
                "max_files": 3,
                "allow_missing_explanation": True,
            },
        }

    def key(self, item, *, in_block=False) -> str:
        base = builder_services.key_from_label(_label(item))
        # The decision letter's built-in value of that name would hide the field's answer.
        reserved = None if in_block or base not in decisions.BUILT_IN else base
        if reserved:
            base = decisions.safe_identifier(reserved)
        key = numbered(base, self.keys.__contains__, separator="_")
        self.keys.add(key)
        if reserved:
            self.note(
                item,
                _(
                    "identifiant « %(key)s » : « %(name)s » est réservé "
                    "aux courriers de décision (%(what)s)."
                )
                % {"key": key, "name": reserved, "what": decisions.BUILT_IN[reserved][0]},
            )
        return key


def _type(item) -> str:
    return str(item.get("type_champ") or item.get("type") or "")


def _label(item) -> str:
    return str(item.get("libelle") or item.get("label") or _("Sans titre"))


def _options(item) -> list[dict]:
    raw = item.get("drop_down_list") or item.get("options") or []
    if isinstance(raw, dict):
        raw = str(raw.get("value") or "").splitlines()
    values = [str(v).strip() for v in raw if str(v).strip() and not str(v).startswith("--")]
    return [{"value": value, "label": value} for value in values]
