"""A procedure's definition as JSON: exported, and imported again as a new procedure.

The definition holds the procedure's properties, its instructor groups (names and routing
rules, not their members) and every form version with its sections, fields (blocks' children
nested), conditions (JSON form) and eligibility rules. Dossiers, webhooks and tokens are not
part of it. Importers of other formats (XLSForm, démarches-simplifiées) build the same shape
and call `import_definition`.

    {"format": "essaim.demarche", "format_version": 1,
     "procedure": {"title": …, "description": …, …},
     "instructor_groups": [{"name": …, "routing_condition": …, "is_default": true}],
     "versions": [{"number": 1, "published_at": "2026-…" | null, "note": "",
                   "sections": [{"title", "description", "condition", "fields": [{…,
                                 "children": […]}]}],
                   "rules": [{"outcome", "condition", "title", "message", …}]}]}
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from essaim.procedures import builder_services, conditions, decisions
from essaim.procedures.enums import Audience, EligibilityOutcome, FieldType, ProcedureStatus
from essaim.procedures.models import (
    EligibilityRule,
    Field,
    FormVersion,
    InstructorGroup,
    Procedure,
    Section,
)

FORMAT = "essaim.demarche"
FORMAT_VERSION = 1
PROCEDURE_ATTRIBUTES = (
    "title",
    "description",
    "audience",
    "estimated_minutes",
    "documents_to_prepare",
    "allow_missing_document_explanation",
    "contact_email",
    "contact_phone",
    "contact_help",
    "retention_months",
    "state_deadlines",
    "decision_template",
)
FIELD_ATTRIBUTES = (
    "key",
    "type",
    "label",
    "help_text",
    "help_more",
    "options",
    "required",
    "required_condition",
    "condition",
    "params",
    "private",
)
RULE_ATTRIBUTES = (
    "outcome",
    "condition",
    "title",
    "message",
    "link_url",
    "link_label",
    "blocks_submission",
)
_KEY = re.compile(r"^[a-z0-9_-]{1,60}$", re.IGNORECASE)


class DefinitionError(ValidationError):
    """The definition cannot be imported; `messages` say what to fix, in French."""


# Export --------------------------------------------------------------------------------------


def export_definition(procedure) -> dict:
    """The JSON-serialisable definition of `procedure` (every version, oldest first)."""
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "procedure": {name: getattr(procedure, name) for name in PROCEDURE_ATTRIBUTES},
        "instructor_groups": [
            {
                "name": group.name,
                "routing_condition": group.routing_condition,
                "is_default": group.is_default,
            }
            for group in procedure.instructor_groups.order_by("position", "pk")
        ],
        "versions": [_export_version(v) for v in procedure.versions.order_by("number")],
    }


def _export_version(version) -> dict:
    fields = list(version.fields.order_by("position", "pk"))
    children: dict[int, list] = {}
    for field in fields:
        if field.parent_id:
            children.setdefault(field.parent_id, []).append(field)

    def field_data(field) -> dict:
        data = {name: getattr(field, name) for name in FIELD_ATTRIBUTES}
        if field.pk in children:
            data["children"] = [field_data(child) for child in children[field.pk]]
        return data

    return {
        "number": version.number,
        "published_at": version.published_at.isoformat() if version.published_at else None,
        "note": version.note,
        "sections": [
            {
                "title": section.title,
                "description": section.description,
                "condition": section.condition,
                "fields": [
                    field_data(f) for f in fields if f.section_id == section.pk and not f.parent_id
                ],
            }
            for section in version.sections.order_by("position", "pk")
        ],
        "rules": [
            {name: getattr(rule, name) for name in RULE_ATTRIBUTES}
            for rule in version.eligibility_rules.order_by("position", "pk")
        ],
    }


# Import --------------------------------------------------------------------------------------


def import_definition(data, *, organisation, by, title: str = "") -> Procedure:
    """A new procedure of `organisation` built from the definition `data`.

    Published versions come back frozen with their publication date (the procedure is then
    « close » until an editor reopens it: nothing is open to the public by surprise); a draft
    version stays editable. Raises DefinitionError (every problem, in French) and creates
    nothing when the definition is malformed. Side effects: saves a Procedure, its versions,
    sections, fields, rules and instructor groups (the importer joins the default group).
    """
    problems = definition_problems(data)
    if problems:
        raise DefinitionError(problems)
    attributes = {
        name: data["procedure"][name]
        for name in PROCEDURE_ATTRIBUTES
        if name in data["procedure"] and name != "title"
    }
    with transaction.atomic():
        procedure = builder_services.create_procedure(
            by=by,
            organisation=organisation,
            title=(title or data["procedure"]["title"])[:200],
            **attributes,
        )
        _import_groups(procedure, data.get("instructor_groups") or [])
        first = procedure.draft_version
        published_any = False
        for index, version_data in enumerate(data["versions"]):
            version = first if index == 0 else None
            if version is None:
                version = FormVersion.objects.create(procedure=procedure, number=index + 1)
            version.note = str(version_data.get("note") or "")[:300]
            version.save()
            _import_version(version, version_data)
            if version_data.get("published_at"):
                version_problems = builder_services.publication_problems(version)
                if version_problems:
                    raise DefinitionError(
                        [
                            _("Version %(n)s : %(problem)s") % {"n": index + 1, "problem": p}
                            for p in version_problems
                        ]
                    )
                moment = parse_datetime(str(version_data["published_at"])) or timezone.now()
                FormVersion.objects.filter(pk=version.pk).update(
                    published_at=moment, published_by=by
                )
                published_any = True
        if published_any:
            procedure.status = ProcedureStatus.CLOSED
            procedure.save(update_fields=["status", "updated_at"])
    return procedure


def _import_groups(procedure, groups) -> None:
    default = procedure.instructor_groups.get(is_default=True)
    for position, group in enumerate(groups):
        if group.get("is_default"):
            default.name, default.routing_condition = group["name"][:120], None
            default.position = position
            default.save()
            continue
        InstructorGroup.objects.get_or_create(
            procedure=procedure,
            name=str(group["name"])[:120],
            defaults={"position": position, "routing_condition": group.get("routing_condition")},
        )


def _import_version(version, data) -> None:
    for position, section_data in enumerate(data.get("sections") or []):
        section = Section.objects.create(
            version=version,
            position=position,
            title=str(section_data.get("title") or _("Partie"))[:200],
            description=str(section_data.get("description") or ""),
            condition=section_data.get("condition"),
        )
        for field_position, field_data in enumerate(section_data.get("fields") or []):
            _import_field(version, section, field_data, field_position)
    for position, rule in enumerate(data.get("rules") or []):
        EligibilityRule.objects.create(
            version=version,
            position=position,
            **{name: rule[name] for name in RULE_ATTRIBUTES if name in rule},
        )


def _import_field(version, section, data, position, parent=None) -> None:
    attributes = {name: data[name] for name in FIELD_ATTRIBUTES if name in data}
    attributes["label"] = str(attributes.get("label") or attributes["key"])[:300]
    field = Field.objects.create(
        version=version, section=section, parent=parent, position=position, **attributes
    )
    for child_position, child in enumerate(data.get("children") or []):
        _import_field(version, section, child, child_position, parent=field)


# Checks --------------------------------------------------------------------------------------


def definition_problems(data) -> list[str]:
    """What makes `data` unimportable, in French (empty when it can be imported)."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return [
            _(
                "Ce fichier n’est pas une définition de démarche Essaim : exportez-la depuis la "
                "page de la démarche (bouton « Exporter la définition »)."
            )
        ]
    if data.get("format_version") != FORMAT_VERSION:
        return [_("Version de format inconnue : exportez à nouveau la démarche.")]
    problems = []
    procedure = data.get("procedure")
    if not isinstance(procedure, dict) or not str(procedure.get("title") or "").strip():
        problems.append(_("La démarche doit avoir un titre."))
    elif procedure.get("audience", Audience.CITIZENS) not in Audience.values:
        problems.append(_("Le public « %(a)s » est inconnu.") % {"a": procedure.get("audience")})
    versions = data.get("versions")
    if not isinstance(versions, list) or not versions:
        return [*problems, _("La définition doit contenir au moins une version du formulaire.")]
    for number, version in enumerate(versions, start=1):
        problems.extend(
            _("Version %(n)s : %(problem)s") % {"n": number, "problem": p}
            for p in _version_problems(version)
        )
    return problems


def _version_problems(version) -> list[str]:
    if not isinstance(version, dict) or not isinstance(version.get("sections"), list):
        return [_("elle doit contenir une liste de parties (« sections »).")]
    problems, keys = [], set()

    def check_field(field, where, top_level=True):
        if not isinstance(field, dict):
            problems.append(_("%(where)s : un champ doit être un objet.") % {"where": where})
            return
        key = str(field.get("key") or "")
        label = field.get("label") or key
        if not _KEY.match(key):
            problems.append(
                _("Champ « %(label)s » : identifiant « %(key)s » invalide (lettres, chiffres, _).")
                % {"label": label, "key": key}
            )
        elif key in keys:
            problems.append(_("L’identifiant « %(key)s » est utilisé deux fois.") % {"key": key})
        elif top_level and (reserved := decisions.reserved_identifier_error(key)):
            problems.append(_("Champ « %(label)s » : %(e)s") % {"label": label, "e": reserved})
        keys.add(key)
        if field.get("type") not in FieldType.values:
            problems.append(
                _("Champ « %(label)s » : type « %(type)s » inconnu.")
                % {"label": label, "type": field.get("type")}
            )
        for name in ("condition", "required_condition"):
            for error in conditions.check(field.get(name), keys | _all_keys(version)):
                problems.append(_("Champ « %(label)s » : %(e)s") % {"label": label, "e": error})
        for child in field.get("children") or []:
            check_field(child, label, top_level=False)

    for section in version["sections"]:
        title = section.get("title", "") if isinstance(section, dict) else ""
        for field in (section.get("fields") or []) if isinstance(section, dict) else []:
            check_field(field, title)
    for rule in version.get("rules") or []:
        if rule.get("outcome") not in EligibilityOutcome.values or not rule.get("title"):
            problems.append(_("Une règle d’éligibilité n’a pas de résultat ou de titre valide."))
    return problems


def _all_keys(version) -> set[str]:
    # Conditions may only read earlier fields; `publication_problems` checks the order of
    # published versions, here only that the fields exist somewhere in the version.
    found = set()

    def walk(fields):
        for field in fields:
            if isinstance(field, dict):
                found.add(str(field.get("key")))
                walk(field.get("children") or [])

    for section in version.get("sections") or []:
        if isinstance(section, dict):
            walk(section.get("fields") or [])
    return found
