"""Builder pages (procedure level): my procedures, create, properties, publish, duplicate,
preview. Sections and fields are in `builder_form_views`.

Only editors and administrators of the procedure's organisation (and superusers) get in:
anonymous visitors go to the sign-in page, other signed-in people get a 403 page saying why.
"""

import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.accounts.permissions import organisations_editable_by
from essaim.core.refusals import forbidden_page
from essaim.procedures import builder_services as builder
from essaim.procedures.builder_forms import FieldTypeForm, ProcedureForm, PublishForm
from essaim.procedures.enums import ProcedureStatus
from essaim.procedures.models import Dossier, Procedure
from essaim.procedures.permissions import can_edit_procedure

T = "procedures/builder/"


def forbidden(request, message):
    return forbidden_page(
        request, message, back_url=reverse("procedures:list"), back_label=_("Revenir aux démarches")
    )


def breadcrumb(current, procedure=None) -> dict:
    links = [{"url": reverse("procedures:builder_index"), "title": _("Gérer mes démarches")}]
    if procedure is not None:
        links.append(
            {
                "url": reverse("procedures:builder_detail", args=[procedure.pk]),
                "title": procedure.title,
            }
        )
    return {"breadcrumb_data": {"links": links, "current": current}}


NOT_EDITOR = _(
    "Seuls les éditeurs et administrateurs de l’organisation responsable de cette démarche "
    "peuvent la modifier. Demandez à un administrateur de votre organisation de vous donner "
    "le rôle d’éditeur."
)


def editor_required(view):
    """Sign-in, then the procedure (from `pk`) passed to `view` for the editors and
    administrators of its organisation; a 403 page saying why for everyone else."""

    @login_required
    @functools.wraps(view)
    def wrapper(request, pk, *args, **kwargs):
        procedure = get_object_or_404(Procedure.objects.select_related("organisation"), pk=pk)
        if not can_edit_procedure(request.user, procedure):
            return forbidden(request, NOT_EDITOR)
        return view(request, procedure, *args, **kwargs)

    return wrapper


@login_required
def builder_index(request):
    procedures = (
        Procedure.objects.editable_by(request.user)
        .select_related("organisation")
        .order_by("organisation__name", "title")
    )
    context = {
        "procedures": procedures,
        "can_create": organisations_editable_by(request.user).exists(),
        "breadcrumb_data": {"links": [], "current": _("Gérer mes démarches")},
    }
    return render(request, T + "index.html", context)


@login_required
def builder_create(request):
    if not organisations_editable_by(request.user).exists():
        return forbidden(
            request,
            _(
                "Pour créer une démarche, il faut être éditeur ou administrateur d’une "
                "organisation. Demandez à un administrateur de votre organisation de vous "
                "donner ce rôle."
            ),
        )
    form = ProcedureForm(request.POST if request.method == "POST" else None, user=request.user)
    if request.method == "POST":
        if form.is_valid():
            procedure = builder.create_procedure(by=request.user, **form.attributes())
            messages.success(
                request,
                _("Démarche créée. Ajoutez maintenant les parties et les champs du formulaire."),
            )
            return redirect("procedures:builder_detail", pk=procedure.pk)
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    title = _("Nouvelle démarche")
    return render(
        request, T + "properties.html", {"form": form, "title": title, **breadcrumb(title)}
    )


@editor_required
def builder_properties(request, procedure):
    form = ProcedureForm(
        request.POST if request.method == "POST" else None, instance=procedure, user=request.user
    )
    if request.method == "POST":
        if form.is_valid():
            builder.update_procedure(procedure, by=request.user, **form.attributes())
            messages.success(request, _("Propriétés de la démarche enregistrées."))
            return redirect("procedures:builder_detail", pk=procedure.pk)
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    title = _("Propriétés de la démarche")
    context = {"form": form, "procedure": procedure, "title": title, **breadcrumb(title, procedure)}
    return render(request, T + "properties.html", context)


def outline(version) -> list[dict]:
    """The version's sections, each with its top-level fields and the blocks' children."""
    sections = list(version.sections.order_by("position", "pk"))
    fields = list(version.fields.order_by("position", "pk"))
    children = {}
    for field in fields:
        if field.parent_id:
            children.setdefault(field.parent_id, []).append(field)
    rows = []
    for section in sections:
        top = [f for f in fields if f.section_id == section.pk and not f.parent_id]
        rows.append(
            {
                "section": section,
                "fields": [{"field": f, "children": children.get(f.pk, [])} for f in top],
            }
        )
    return rows


@editor_required
def builder_detail(request, procedure):
    draft = procedure.draft_version
    published = procedure.published_version
    version = draft or published
    context = {
        "procedure": procedure,
        "version": version,
        "draft": draft,
        "published": published,
        "outline": outline(version) if version else [],
        "versions": procedure.versions.order_by("-number").select_related("published_by"),
        "problems": builder.publication_problems(draft) if draft else [],
        "type_form": FieldTypeForm(),
        "dossier_count": Dossier.objects.filter(procedure=procedure).count(),
        **breadcrumb(procedure.title),
    }
    context["breadcrumb_data"]["links"] = context["breadcrumb_data"]["links"][:1]
    return render(request, T + "detail.html", context)


@require_POST
@editor_required
def builder_new_version(request, procedure):
    version = builder.new_draft_version(procedure, by=request.user)
    messages.success(
        request,
        _(
            "Version %(number)s créée en brouillon : modifiez-la puis publiez-la. Les dossiers "
            "déjà commencés gardent leur version."
        )
        % {"number": version.number},
    )
    return redirect("procedures:builder_detail", pk=procedure.pk)


@editor_required
def builder_publish(request, procedure):
    draft = procedure.draft_version
    if draft is None:
        messages.info(request, _("Aucune version en brouillon à publier."))
        return redirect("procedures:builder_detail", pk=procedure.pk)
    form = PublishForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            builder.publish_version(draft, by=request.user, note=form.cleaned_data["note"])
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Version %(number)s publiée : les nouveaux dossiers l’utilisent.")
                % {"number": draft.number},
            )
        return redirect("procedures:builder_detail", pk=procedure.pk)
    title = _("Publier la version %(number)s") % {"number": draft.number}
    context = {
        "procedure": procedure,
        "version": draft,
        "form": form,
        "problems": builder.publication_problems(draft),
        "title": title,
        **breadcrumb(title, procedure),
    }
    return render(request, T + "publish.html", context)


@require_POST
@editor_required
def builder_status(request, procedure):
    status = request.POST.get("status", "")
    if status not in (ProcedureStatus.PUBLISHED, ProcedureStatus.CLOSED):
        messages.error(request, _("Action inconnue : rechargez la page et réessayez."))
    else:
        try:
            builder.set_procedure_status(procedure, status=status, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("Démarche close : elle n’accepte plus de nouveaux dossiers.")
                if status == ProcedureStatus.CLOSED
                else _("Démarche rouverte."),
            )
    return redirect("procedures:builder_detail", pk=procedure.pk)


@require_POST
@editor_required
def builder_duplicate(request, procedure):
    copy = builder.duplicate_procedure(procedure, by=request.user)
    messages.success(
        request, _("Démarche dupliquée en brouillon : modifiez le titre et le formulaire.")
    )
    return redirect("procedures:builder_detail", pk=copy.pk)


@editor_required
def builder_preview(request, procedure):
    """The form as applicants see it, every section on one page, without saving anything."""
    number = request.GET.get("version", "")
    versions = procedure.versions.all()
    version = (
        get_object_or_404(versions, number=number)
        if number.isdigit()
        else procedure.draft_version or procedure.published_version
    )
    if version is None:
        return redirect("procedures:builder_detail", pk=procedure.pk)
    from essaim.procedures.builder_preview import preview_context

    title = _("Aperçu de la version %(number)s") % {"number": version.number}
    context = {
        "procedure": procedure,
        "version": version,
        "title": title,
        **preview_context(version, request),
        **breadcrumb(title, procedure),
    }
    return render(request, T + "preview.html", context)
