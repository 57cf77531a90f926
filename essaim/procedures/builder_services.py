"""The builder's operations: procedures, their versions, sections and fields.

Rules:
- a published `FormVersion` is frozen (the models refuse to change its parts); to change a
  published form, `new_draft_version` copies it into version n+1, edited until published;
- dossiers keep the version they were filled with (nothing here touches dossiers);
- positions are dense (0, 1, 2…) inside a version (sections) or a container (fields of a
  section, children of a repeatable block); moves lock the version row so that two editors
  reordering at once cannot interleave.

Callers check `permissions.can_edit_procedure` first; these functions do not.
"""

import re

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from essaim.core.slugs import numbered
from essaim.procedures import conditions, decisions
from essaim.procedures.enums import ProcedureStatus
from essaim.procedures.models import (
    EligibilityRule,
    Field,
    FormVersion,
    Instructor,
    InstructorGroup,
    Procedure,
    Section,
)

PROCEDURE_COPIED_ATTRIBUTES = (
    "organisation_id",
    "description",
    "audience",
    "opens_at",
    "closes_at",
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


@transaction.atomic
def create_procedure(*, by, **attributes) -> Procedure:
    """A new draft procedure with an empty draft version 1 and a default instructor group.

    Side effects: saves a Procedure, a FormVersion, an InstructorGroup « Instructeurs » holding
    `by` (who can then see the dossiers; the group can be changed later).
    """
    procedure = Procedure.objects.create(created_by=by, status=ProcedureStatus.DRAFT, **attributes)
    FormVersion.objects.create(procedure=procedure, number=1)
    group = InstructorGroup.objects.create(
        procedure=procedure, name=_("Instructeurs"), is_default=True
    )
    Instructor.objects.create(group=group, user=by)
    return procedure


def update_procedure(procedure, *, by, **attributes) -> Procedure:
    """Change the procedure's properties (not its form). Side effects: saves the procedure."""
    for name, value in attributes.items():
        setattr(procedure, name, value)
    procedure.save()
    return procedure


def _locked_version(version) -> FormVersion:
    return FormVersion.objects.select_for_update().get(pk=version.pk)


def locked_draft(version) -> FormVersion:
    """`version` locked until the end of the transaction; ValidationError when published."""
    version = _locked_version(version)
    _check_draft(version)
    return version


def _next_number(procedure) -> int:
    last = procedure.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def copy_version_into(source: FormVersion, target: FormVersion) -> None:
    """Copy the sections, fields (with their blocks' children) and rules of `source` into the
    empty version `target`, keeping keys, positions, conditions and parameters."""
    sections = {}
    for section in source.sections.order_by("position", "pk"):
        sections[section.pk] = Section.objects.create(
            version=target,
            position=section.position,
            title=section.title,
            description=section.description,
            condition=section.condition,
        )
    fields = {}
    # Parents before children: a block's children point at the copy of the block.
    pending = list(source.fields.order_by("position", "pk"))
    while pending:
        remaining = []
        for field in pending:
            if field.parent_id and field.parent_id not in fields:
                remaining.append(field)
                continue
            fields[field.pk] = Field.objects.create(
                version=target,
                section=sections.get(field.section_id),
                parent=fields.get(field.parent_id),
                position=field.position,
                key=field.key,
                type=field.type,
                label=field.label,
                help_text=field.help_text,
                help_more=field.help_more,
                options=field.options,
                required=field.required,
                required_condition=field.required_condition,
                condition=field.condition,
                params=field.params,
                private=field.private,
            )
        if len(remaining) == len(pending):  # an orphan: cannot happen with a valid version
            break
        pending = remaining
    for rule in source.eligibility_rules.order_by("position", "pk"):
        EligibilityRule.objects.create(
            version=target,
            position=rule.position,
            outcome=rule.outcome,
            condition=rule.condition,
            title=rule.title,
            message=rule.message,
            link_url=rule.link_url,
            link_label=rule.link_label,
            blocks_submission=rule.blocks_submission,
        )


@transaction.atomic
def new_draft_version(procedure, *, by) -> FormVersion:
    """The draft version to edit: the existing one, or a copy of the latest published version.

    Side effects: may save a FormVersion with copies of its sections, fields and rules.
    Safe when two editors click at once (the procedure row is locked; one draft at most).
    """
    Procedure.objects.select_for_update().get(pk=procedure.pk)
    draft = procedure.draft_version
    if draft is not None:
        return draft
    source = procedure.published_version
    version = FormVersion.objects.create(procedure=procedure, number=_next_number(procedure))
    if source is not None:
        copy_version_into(source, version)
    return version


def publication_problems(version) -> list[str]:
    """What prevents publishing `version`, in French (empty when it can be published)."""
    from essaim.procedures.fields import registry

    problems = []
    sections = list(version.sections.order_by("position", "pk"))
    if not sections:
        problems.append(_("Ajoutez au moins une partie au formulaire."))
    fields = list(version.fields.order_by("position", "pk"))
    by_section = {}
    for field in fields:
        by_section.setdefault(field.section_id, []).append(field)
    if not any(registry.get(f.type).is_input and not f.private for f in fields):
        problems.append(_("Ajoutez au moins une question à laquelle le demandeur répond."))
    known: set[str] = set()
    for section in sections:
        for error in conditions.check(section.condition, known):
            problems.append(
                _("Partie « %(title)s » : %(error)s") % {"title": section.title, "error": error}
            )
        section_fields = by_section.get(section.pk, [])
        section_fields.sort(key=lambda f: (f.parent_id is not None, f.position, f.pk))
        for field in section_fields:
            problems.extend(_field_problems(field, known, registry))
            known.add(field.key)
    from essaim.procedures.builder_rules import rule_problems

    return problems + rule_problems(version)


def _field_problems(field, known, registry) -> list[str]:
    kind = registry.get(field.type)
    found = [str(e) for e in kind.param_errors(field.params or {}, field.options or [])]
    for attribute in ("condition", "required_condition"):
        found.extend(conditions.check(getattr(field, attribute), known))
    return [
        _("Champ « %(label)s » : %(error)s") % {"label": field.label, "error": error}
        for error in found
    ]


@transaction.atomic
def publish_version(version, *, by, note: str = "") -> FormVersion:
    """Publish (freeze) the draft `version`; new dossiers use it from now on.

    Raises ValidationError (French messages) when `publication_problems` finds any, or when the
    version was published meanwhile. Side effects: saves the version (published_at, by, note)
    and the procedure (status published if it was a draft).
    """
    version = _locked_version(version)
    if version.is_frozen:
        raise ValidationError(_("Cette version est déjà publiée : rechargez la page."))
    problems = publication_problems(version)
    if problems:
        raise ValidationError(problems)
    version.published_at = timezone.now()
    version.published_by = by
    version.note = note[:300]
    version.save()
    procedure = version.procedure
    if procedure.status == ProcedureStatus.DRAFT:
        procedure.status = ProcedureStatus.PUBLISHED
        procedure.save(update_fields=["status", "updated_at"])
    return version


def set_procedure_status(procedure, *, status, by) -> Procedure:
    """Close or reopen a published procedure. Side effects: saves the procedure."""
    if status == ProcedureStatus.PUBLISHED and procedure.published_version is None:
        raise ValidationError(_("Publiez d’abord une version du formulaire."))
    procedure.status = status
    procedure.save(update_fields=["status", "updated_at"])
    return procedure


@transaction.atomic
def duplicate_procedure(procedure, *, by, title: str = "") -> Procedure:
    """A new draft procedure with the same properties and a draft copy of the latest form.

    Side effects: saves a Procedure, a FormVersion and copies of the form's parts, an
    instructor group holding `by`. Dossiers, webhooks and tokens are not copied.
    """
    attributes = {name: getattr(procedure, name) for name in PROCEDURE_COPIED_ATTRIBUTES}
    copy = create_procedure(
        by=by,
        title=title or _("Copie de %(title)s") % {"title": procedure.title},
        **attributes,
    )
    source = procedure.draft_version or procedure.published_version
    if source is not None:
        copy_version_into(source, copy.draft_version)
    return copy


# Sections and fields -------------------------------------------------------------------------


def _check_draft(version):
    if version.is_frozen:
        raise ValidationError(
            _(
                "Cette version est publiée, donc figée : créez une nouvelle version pour la "
                "modifier."
            )
        )


@transaction.atomic
def add_section(version, *, title, description="", condition=None) -> Section:
    """Append a section to the draft `version`. Side effects: saves a Section."""
    version = _locked_version(version)
    _check_draft(version)
    position = version.sections.count()
    return Section.objects.create(
        version=version,
        position=position,
        title=title,
        description=description,
        condition=condition,
    )


def key_from_label(label: str) -> str:
    """A field identifier made from `label`, not yet made unique (« Date de naissance » gives
    « date_de_naissance »); shared by the builder and the importers."""
    base = slugify(re.sub(r"[’'`]", " ", label)).replace("-", "_")[:50].strip("_") or "champ"
    return f"champ_{base}"[:50] if base[0].isdigit() else base


def unique_key(version, label: str, *, exclude_pk=None, top_level=True) -> str:
    """A field key made from `label`, unique in `version` (e.g. « date_de_naissance »); a
    top-level field's key avoids the decision letter's built-in placeholders (« Motif »
    gives « motif_demande »)."""
    base = key_from_label(label)
    if top_level:
        base = decisions.safe_identifier(base)
    taken = set(version.fields.exclude(pk=exclude_pk).values_list("key", flat=True))
    return numbered(base, taken.__contains__, separator="_")


@transaction.atomic
def add_field(version, *, section, parent=None, **attributes) -> Field:
    """Append a field to `section` (or to the repeatable block `parent`) of the draft `version`.

    Raises ValidationError when the key is taken. Side effects: saves a Field.
    """
    version = _locked_version(version)
    _check_draft(version)
    if not attributes.get("key"):
        attributes["key"] = unique_key(
            version, attributes.get("label", ""), top_level=parent is None
        )
    siblings = _siblings(version, section=section, parent=parent)
    try:
        with transaction.atomic():
            return Field.objects.create(
                version=version,
                section=section,
                parent=parent,
                position=siblings.count(),
                **attributes,
            )
    except IntegrityError as error:
        raise ValidationError(
            {"key": _("Cet identifiant est déjà pris dans ce formulaire : choisissez-en un autre.")}
        ) from error


def update_field(field, **attributes) -> Field:
    """Change a field of a draft version. Side effects: saves the field."""
    _check_draft(field.version)
    for name, value in attributes.items():
        setattr(field, name, value)
    try:
        with transaction.atomic():
            field.save()
    except IntegrityError as error:
        raise ValidationError(
            {"key": _("Cet identifiant est déjà pris dans ce formulaire : choisissez-en un autre.")}
        ) from error
    return field


def update_section(section, **attributes) -> Section:
    _check_draft(section.version)
    for name, value in attributes.items():
        setattr(section, name, value)
    section.save()
    return section


def _siblings(version, *, section=None, parent=None):
    if parent is not None:
        return Field.objects.filter(version=version, parent=parent)
    return Field.objects.filter(version=version, section=section, parent__isnull=True)


def _container(item):
    if isinstance(item, Section | EligibilityRule):
        return type(item).objects.filter(version_id=item.version_id)
    return _siblings(item.version, section=item.section, parent=item.parent)


@transaction.atomic
def delete_item(item) -> None:
    """Delete a section (with its fields), a field (with its children) or an eligibility rule
    of a draft version, and close the gap in positions.

    Side effects: deletes rows, saves the siblings' positions."""
    _locked_version(item.version)
    _check_draft(item.version)
    container = _container(item)
    item.delete()
    _renumber(list(container.order_by("position", "pk")))


def _renumber(items) -> None:
    for position, item in enumerate(items):
        if item.position != position:
            item.position = position
            item.save(update_fields=["position"])


@transaction.atomic
def move(item, *, offset: int) -> None:
    """Move a section, field or eligibility rule up (-1) or down (+1) among its siblings.

    Side effects: saves the positions of the siblings (the version row is locked meanwhile).
    """
    _locked_version(item.version)
    _check_draft(item.version)
    items = list(_container(item).order_by("position", "pk"))
    index = next(i for i, other in enumerate(items) if other.pk == item.pk)
    target = max(0, min(len(items) - 1, index + offset))
    items.insert(target, items.pop(index))
    _renumber(items)


@transaction.atomic
def reorder(container_items, *, version, ordered_ids: list[int]) -> None:
    """Set the order of a container's items (all of them, as drag and drop sends it).

    Raises ValidationError when `ordered_ids` is not exactly the container's items.
    Side effects: saves positions.
    """
    _locked_version(version)
    _check_draft(version)
    items = {item.pk: item for item in container_items}
    if sorted(items) != sorted(ordered_ids):
        raise ValidationError(_("L’ordre envoyé ne correspond plus au formulaire : rechargez."))
    _renumber([items[pk] for pk in ordered_ids])


def field_container(field):
    """The queryset of `field`'s siblings (same section, or same repeatable block)."""
    return _container(field)
