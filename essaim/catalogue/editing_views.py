"""Editing pages: create and edit an initiative, its images, its publication, its history.

Anonymous visitors are sent to the sign-in page; signed-in people without the right get a 403
page that says why. Drafts of others stay invisible (404), as on the public pages.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.accounts.permissions import organisations_editable_by
from essaim.catalogue import editing_services as editing
from essaim.catalogue import history
from essaim.catalogue.editing_duplicates import find_lookalikes
from essaim.catalogue.editing_forms import (
    ImageForm,
    IndicatorFormSet,
    InitiativeForm,
    LinkFormSet,
    RejectForm,
    StageChangeFormSet,
    check_stopped_reason,
)
from essaim.catalogue.history import RevisionAction
from essaim.catalogue.models import Initiative, InitiativeImage
from essaim.core.refusals import forbidden_page

T = "catalogue/edit/"


def _forbidden(request, message):
    return forbidden_page(
        request,
        message,
        back_url=reverse("catalogue:list"),
        back_label=_("Revenir au catalogue des initiatives"),
    )


def _breadcrumb(current, initiative=None) -> dict:
    links = [{"url": reverse("catalogue:list"), "title": _("Initiatives")}]
    if initiative is not None and initiative.pk:
        links.append({"url": initiative.get_absolute_url(), "title": initiative.title})
    return {"breadcrumb_data": {"links": links, "current": current}}


def _editable_or_403(request, slug):
    """(initiative, None) when the user may edit it, else (initiative, a 403 response)."""
    initiative = get_object_or_404(Initiative.objects.visible_to(request.user), slug=slug)
    if editing.can_edit(request.user, initiative):
        return initiative, None
    return initiative, _forbidden(
        request,
        _(
            "Seuls les éditeurs et administrateurs des organisations qui portent ou "
            "accompagnent cette initiative, et les modérateurs, peuvent la modifier."
        ),
    )


@login_required
def initiative_create(request):
    if not organisations_editable_by(request.user).exists():
        return _forbidden(
            request,
            _(
                "Pour créer une initiative, il faut être éditeur ou administrateur d’une "
                "organisation. Demandez à un administrateur de votre organisation de vous "
                "donner ce rôle."
            ),
        )
    return _edit(request, Initiative())


@login_required
def initiative_edit(request, slug):
    initiative, refused = _editable_or_403(request, slug)
    return refused or _edit(request, initiative)


def _edit(request, initiative):
    created = initiative.pk is None
    data = request.POST if request.method == "POST" else None
    shown = bool(data and data.get("duplicate_check_shown"))
    form = InitiativeForm(data, instance=initiative, user=request.user, show_duplicate_check=shown)
    formsets = [
        IndicatorFormSet(data, instance=initiative, prefix="indicateurs"),
        StageChangeFormSet(data, instance=initiative, prefix="etapes"),
        LinkFormSet(data, instance=initiative, prefix="liens"),
    ]
    lookalikes = []
    if data is not None and form.is_valid() & all([f.is_valid() for f in formsets]):
        check_stopped_reason(form, formsets[1])
        if created or "title" in form.changed_data:
            lookalikes = find_lookalikes(
                title=form.cleaned_data["title"],
                pitch=form.cleaned_data["pitch"],
                exclude_pk=initiative.pk,
            )
        blocked = bool(lookalikes) and not form.cleaned_data.get("confirm_not_duplicate")
        if blocked:
            if shown:
                form.add_error(
                    "confirm_not_duplicate",
                    _(
                        "Cochez cette case si votre initiative n’est aucune de celles-ci, ou "
                        "modifiez plutôt l’initiative existante."
                    ),
                )
            else:
                form = InitiativeForm(
                    data, instance=initiative, user=request.user, show_duplicate_check=True
                )
                form.is_valid()
        if not blocked and not form.errors:
            saved = editing.save_initiative(form=form, formsets=formsets, by=request.user)
            messages.success(
                request,
                _(
                    "Initiative créée en brouillon. Proposez-la à la publication quand elle est "
                    "prête."
                )
                if created
                else _("Modifications enregistrées."),
            )
            return redirect(saved.get_absolute_url())
    elif data is not None:
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    title = (
        _("Nouvelle initiative")
        if created
        else _("Modifier « %(title)s »") % {"title": initiative.title}
    )
    context = {
        "title": title,
        "initiative": initiative,
        "form": form,
        "sections": form.sections(),
        "indicator_formset": formsets[0],
        "stage_formset": formsets[1],
        "link_formset": formsets[2],
        "lookalikes": lookalikes,
        "duplicate_check_shown": "confirm_not_duplicate" in form.fields,
        "is_operator": editing.is_operator(request.user),
        "pending": None if created else editing.pending_submission(initiative),
        **_breadcrumb(title, initiative),
    }
    return render(request, T + "form.html", context, status=200)


@login_required
def initiative_images(request, slug):
    initiative, refused = _editable_or_403(request, slug)
    if refused:
        return refused
    form = ImageForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            editing.add_image(
                initiative,
                image=form.cleaned_data["image"],
                alt_text=form.cleaned_data["alt_text"],
                caption=form.cleaned_data["caption"],
                by=request.user,
            )
            messages.success(request, _("Image ajoutée."))
            return redirect("catalogue:images", slug=initiative.slug)
        messages.error(request, _("L’image n’a pas été ajoutée : voyez le message en rouge."))
    context = {
        "initiative": initiative,
        "form": form,
        "images": list(initiative.images.all()),
        **_breadcrumb(_("Images"), initiative),
    }
    return render(request, T + "images.html", context)


@require_POST
@login_required
def image_delete(request, slug, pk):
    initiative, refused = _editable_or_403(request, slug)
    if refused:
        return refused
    image = get_object_or_404(InitiativeImage, pk=pk, initiative=initiative)
    editing.delete_image(image, by=request.user)
    messages.success(request, _("Image supprimée."))
    return redirect("catalogue:images", slug=initiative.slug)


MODERATOR_ACTIONS = {
    "publish": RevisionAction.PUBLISHED,
    "reject": RevisionAction.REJECTED,
    "unpublish": RevisionAction.UNPUBLISHED,
    "archive": RevisionAction.ARCHIVED,
}
DONE = {
    "submit": _("Initiative proposée à la publication : les modérateurs sont prévenus."),
    "publish": _("Initiative publiée."),
    "reject": _("Publication refusée : les éditeurs sont prévenus."),
    "unpublish": _("Initiative repassée en brouillon."),
    "archive": _("Initiative archivée."),
}


@require_POST
@login_required
def initiative_publication(request, slug):
    initiative, refused = _editable_or_403(request, slug)
    if refused:
        return refused
    action = request.POST.get("action", "")
    if action in MODERATOR_ACTIONS and not editing.is_operator(request.user):
        return _forbidden(request, _("Seuls les modérateurs de la plateforme peuvent faire cela."))
    try:
        if action == "submit":
            editing.submit(initiative, by=request.user)
        elif action in MODERATOR_ACTIONS:
            note = request.POST.get("note", "")[:2000]
            editing.moderate(
                initiative, action=MODERATOR_ACTIONS[action], by=request.user, note=note
            )
        else:
            raise ValidationError(_("Action inconnue : rechargez la page et réessayez."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, DONE[action])
    return redirect(initiative.get_absolute_url())


@login_required
def moderation_queue(request):
    if not editing.is_operator(request.user):
        return _forbidden(
            request, _("Seuls les modérateurs de la plateforme ont accès à cette page.")
        )
    page = Paginator(editing.moderation_queue(), 20).get_page(request.GET.get("page"))
    context = {"page_obj": page, "reject_form": RejectForm(), **_breadcrumb(_("Modération"))}
    return render(request, T + "moderation.html", context)


@login_required
def initiative_history(request, slug):
    initiative, refused = _editable_or_403(request, slug)
    if refused:
        return refused
    page = Paginator(initiative.revisions.select_related("author"), 30).get_page(
        request.GET.get("page")
    )
    context = {
        "initiative": initiative,
        "page_obj": page,
        **_breadcrumb(_("Historique"), initiative),
    }
    return render(request, T + "history.html", context)


@login_required
def revision_detail(request, slug, number):
    initiative, refused = _editable_or_403(request, slug)
    if refused:
        return refused
    revision = get_object_or_404(initiative.revisions.select_related("author"), number=number)
    if request.method == "POST":
        editing.revert(initiative, revision=revision, by=request.user)
        messages.success(request, _("Version %(number)s restaurée.") % {"number": revision.number})
        return redirect(initiative.get_absolute_url())
    context = {
        "initiative": initiative,
        "revision": revision,
        "differences": history.differences(revision),
        "is_latest": not initiative.revisions.filter(number__gt=revision.number).exists(),
        **_breadcrumb(_("Version %(number)s") % {"number": revision.number}, initiative),
    }
    return render(request, T + "revision.html", context)
