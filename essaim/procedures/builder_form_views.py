"""Builder pages (form level): sections, fields and eligibility rules of the draft version,
their order.

Everything here edits the draft version only; a published version is frozen (the buttons are
not shown, and a forged POST gets a French error). Reordering: up/down buttons (no JavaScript)
and drag and drop (builder-reorder.js posts the whole order).
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.procedures import builder_rules, model_files
from essaim.procedures import builder_services as builder
from essaim.procedures.builder_forms import FieldForm, SectionForm
from essaim.procedures.builder_rule_forms import RuleForm
from essaim.procedures.builder_views import breadcrumb, editor_required
from essaim.procedures.enums import FieldType
from essaim.procedures.fields import FieldError
from essaim.procedures.models import EligibilityRule, Field, Section
from essaim.procedures.presentation import describe
from essaim.procedures.spec import FormSpec

T = "procedures/builder/"


def _draft_or_redirect(request, procedure):
    draft = procedure.draft_version
    if draft is None:
        messages.error(
            request,
            _(
                "Le formulaire publié est figé : créez d’abord une nouvelle version pour le "
                "modifier."
            ),
        )
    return draft


def _back(procedure, anchor="", *, page="procedures:builder_detail"):
    response = redirect(page, pk=procedure.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


def keys_before(version, *, section, field=None, parent=None) -> set[str]:
    """The keys a condition at this place may read: fields of earlier sections, earlier fields
    of the same section (all of them for a new field), earlier siblings in a block."""
    keys = set()
    for other_section in version.sections.order_by("position", "pk"):
        same = other_section.pk == section.pk
        if not same and other_section.position > section.position:
            break
        for other in other_section.fields.filter(parent__isnull=True).order_by("position", "pk"):
            if field is not None and same and not parent and other.position >= field.position:
                break
            if other.pk != getattr(field, "pk", None):
                keys.add(other.key)
        if same:
            break
    if parent is not None:
        keys.discard(parent.key)
        for sibling in parent.children.order_by("position", "pk"):
            if field is not None and sibling.position >= field.position:
                break
            keys.add(sibling.key)
    return keys


@editor_required
def section_edit(request, procedure, section_pk=None):
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure)
    section = get_object_or_404(Section, pk=section_pk, version=draft) if section_pk else None
    known = set()
    if section is not None:
        known = {
            f.key
            for f in draft.fields.filter(
                section__position__lt=section.position, parent__isnull=True
            )
        }
    else:
        known = set(draft.fields.filter(parent__isnull=True).values_list("key", flat=True))
    initial = (
        {"title": section.title, "description": section.description, "condition": section.condition}
        if section
        else None
    )
    form = SectionForm(
        request.POST if request.method == "POST" else None, initial=initial, known_keys=known
    )
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            if section is None:
                section = builder.add_section(draft, **data)
                messages.success(request, _("Partie ajoutée."))
            else:
                builder.update_section(section, **data)
                messages.success(request, _("Partie enregistrée."))
            return _back(procedure, f"partie-{section.pk}")
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    title = _("Modifier la partie") if section else _("Nouvelle partie")
    context = {
        "procedure": procedure,
        "form": form,
        "title": title,
        "known_keys": sorted(known),
        **breadcrumb(title, procedure),
    }
    return render(request, T + "section_form.html", context)


@editor_required
def field_create(request, procedure, section_pk):
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure)
    section = get_object_or_404(Section, pk=section_pk, version=draft)
    parent_pk = request.GET.get("parent", "")
    parent = None
    if parent_pk.isdigit():
        parent = get_object_or_404(
            Field, pk=parent_pk, version=draft, section=section, type=FieldType.REPEATABLE
        )
    field_type = request.GET.get("type", "")
    if field_type not in FieldType.values or (parent and field_type == FieldType.REPEATABLE):
        messages.error(request, _("Choisissez un type de champ dans la liste."))
        return _back(procedure, f"partie-{section.pk}")
    known = keys_before(draft, section=section, parent=parent)
    return _field_form(request, procedure, draft, section, parent, field_type, None, known)


@editor_required
def field_edit(request, procedure, field_pk):
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure)
    field = get_object_or_404(
        Field.objects.select_related("section", "parent"), pk=field_pk, version=draft
    )
    known = keys_before(draft, section=field.section, field=field, parent=field.parent)
    return _field_form(
        request, procedure, draft, field.section, field.parent, field.type, field, known
    )


def _field_form(request, procedure, draft, section, parent, field_type, field, known):
    initial = FieldForm.initial_for(field) if field else {"param_international": True}
    form = FieldForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial=initial,
        field_type=field_type,
        known_keys=known,
        in_block=parent is not None,
    )
    if request.method == "POST":
        if form.is_valid():
            attributes = form.attributes()
            try:
                if field_type == FieldType.ATTACHMENT:
                    attributes["params"] = model_files.with_model(
                        attributes["params"],
                        previous=field.params if field else {},
                        procedure=procedure,
                        upload=form.cleaned_data.get("model_upload"),
                        remove=form.cleaned_data.get("model_remove", False),
                    )
                if field is None:
                    field = builder.add_field(
                        draft, section=section, parent=parent, type=field_type, **attributes
                    )
                    messages.success(request, _("Champ ajouté."))
                else:
                    builder.update_field(field, **attributes)
                    messages.success(request, _("Champ enregistré."))
            except FieldError as error:  # the virus scan, after the form's checks
                form.add_error("model_upload", error.message)
            except ValidationError as error:
                for name, errors in error.message_dict.items():
                    for message in errors:
                        form.add_error(name if name in form.fields else None, message)
            else:
                return _back(procedure, f"champ-{field.pk}")
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    label = FieldType(field_type).label
    title = (
        _("Modifier le champ « %(label)s »") % {"label": field.label}
        if field
        else _("Nouveau champ : %(type)s") % {"type": label}
    )
    context = {
        "procedure": procedure,
        "section": section,
        "parent": parent,
        "form": form,
        "title": title,
        "type_label": label,
        "known_keys": sorted(known),
        **breadcrumb(title, procedure),
    }
    return render(request, T + "field_form.html", context)


# kind in the URL → (model, anchor prefix, page listing it)
_KINDS = {
    "section": (Section, "partie", "procedures:builder_detail"),
    "field": (Field, "champ", "procedures:builder_detail"),
    "rule": (EligibilityRule, "regle", "procedures:builder_rules"),
}


def _item(draft, kind, item_pk):
    if kind not in _KINDS:
        raise Http404
    return get_object_or_404(_KINDS[kind][0], pk=item_pk, version=draft)


@require_POST
@editor_required
def item_delete(request, procedure, kind, item_pk):
    page = _KINDS.get(kind, _KINDS["section"])[2]
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure, page=page)
    builder.delete_item(_item(draft, kind, item_pk))
    deleted = {
        "section": _("Partie supprimée."),
        "field": _("Champ supprimé."),
        "rule": _("Règle supprimée."),
    }
    messages.success(request, deleted[kind])
    return _back(procedure, page=page)


@require_POST
@editor_required
def item_move(request, procedure, kind, item_pk):
    page = _KINDS.get(kind, _KINDS["section"])[2]
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure, page=page)
    item = _item(draft, kind, item_pk)
    offset = -1 if request.POST.get("direction") == "up" else 1
    builder.move(item, offset=offset)
    return _back(procedure, f"{_KINDS[kind][1]}-{item.pk}", page=page)


@editor_required
def rules_page(request, procedure):
    """The eligibility rules of the version being edited (or of the published one, read only)."""
    draft = procedure.draft_version
    version = draft or procedure.published_version
    rules = list(version.eligibility_rules.order_by("position", "pk")) if version else []
    spec = FormSpec.for_version(version) if version else None
    title = _("Règles d’éligibilité")
    context = {
        "procedure": procedure,
        "draft": draft,
        "version": version,
        "rules": [{"rule": rule, "text": describe(rule.condition, spec)} for rule in rules],
        "problems": builder_rules.rule_problems(draft) if draft else [],
        "title": title,
        **breadcrumb(title, procedure),
    }
    return render(request, T + "rules.html", context)


@editor_required
def rule_edit(request, procedure, rule_pk=None):
    draft = _draft_or_redirect(request, procedure)
    if draft is None:
        return _back(procedure, page="procedures:builder_rules")
    rule = get_object_or_404(EligibilityRule, pk=rule_pk, version=draft) if rule_pk else None
    known = builder_rules.rule_keys(draft)
    form = RuleForm(
        request.POST if request.method == "POST" else None,
        initial=RuleForm.initial_for(rule) if rule else {"outcome": "ineligible"},
        known_keys=known,
    )
    if request.method == "POST":
        if form.is_valid():
            if rule is None:
                rule = builder_rules.add_rule(draft, **form.attributes())
                messages.success(request, _("Règle ajoutée."))
            else:
                builder_rules.update_rule(rule, **form.attributes())
                messages.success(request, _("Règle enregistrée."))
            return _back(procedure, f"regle-{rule.pk}", page="procedures:builder_rules")
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    if rule is None:
        title = _("Nouvelle règle d’éligibilité")
    else:
        title = _("Modifier la règle « %(title)s »") % {"title": rule.title}
    context = {
        "procedure": procedure,
        "form": form,
        "title": title,
        "known_keys": sorted(known),
        "cancel_url": reverse("procedures:builder_rules", args=[procedure.pk]),
        **breadcrumb(title, procedure),
    }
    return render(request, T + "rule_form.html", context)


@require_POST
@editor_required
def item_reorder(request, procedure, kind, container_pk=None):
    """Drag and drop: the whole new order of sections, or of a section's top-level fields."""
    draft = procedure.draft_version
    if draft is None:
        return HttpResponse(status=409)
    ids = [int(value) for value in request.POST.getlist("order") if value.isdigit()]
    if kind == "section":
        items = draft.sections.all()
    else:
        section = get_object_or_404(Section, pk=container_pk, version=draft)
        items = draft.fields.filter(section=section, parent__isnull=True)
    try:
        builder.reorder(list(items), version=draft, ordered_ids=ids)
    except ValidationError as error:
        return HttpResponse(" ".join(error.messages), status=409)
    return HttpResponse(status=204)
