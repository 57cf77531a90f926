"""The applicant's way in: procedures open to the public, a procedure's page (documents to
prepare, drafts to resume), starting a dossier (signed in or by e-mail), "Mes dossiers"."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.procedures import access, guests, services
from essaim.procedures.apply_forms import GuestStartForm
from essaim.procedures.enums import Audience, DossierState
from essaim.procedures.models import Dossier, Procedure
from essaim.procedures.permissions import can_apply, can_use_builder, is_instructor
from essaim.procedures.presentation import documents_to_prepare


@require_GET
def procedure_list(request):
    procedures = Procedure.objects.open_at().select_related("organisation").order_by("title")
    context = {
        "procedures": procedures,
        "can_use_builder": can_use_builder(request.user),
        "is_instructor": is_instructor(request.user),
    }
    return render(request, "procedures/apply/list.html", context)


def _detail_context(request, procedure, *, guest_form=None) -> dict:
    version = procedure.published_version
    drafts = (
        Dossier.objects.owned_by(request.user).filter(procedure=procedure, state=DossierState.DRAFT)
        if request.user.is_authenticated
        else Dossier.objects.none()
    )
    allowed = can_apply(request.user, procedure) and version is not None
    return {
        "procedure": procedure,
        "documents": documents_to_prepare(procedure, version) if version else [],
        "can_apply": allowed,
        "guest_form": (guest_form or GuestStartForm())
        if allowed and not request.user.is_authenticated
        else None,
        "drafts": drafts,
    }


@require_GET
def procedure_detail(request, slug):
    procedure = get_object_or_404(
        Procedure.objects.published().select_related("organisation"), slug=slug
    )
    return render(request, "procedures/apply/detail.html", _detail_context(request, procedure))


@require_POST
def start(request, slug):
    procedure = get_object_or_404(Procedure.objects.published(), slug=slug)
    if not request.user.is_authenticated:
        if procedure.audience != Audience.ANYONE:
            return redirect_to_login(reverse("procedures:detail", args=[slug]))
        return _start_as_guest(request, procedure)
    try:
        dossier = services.start_dossier(procedure=procedure, applicant=request.user)
    except PermissionDenied:
        messages.error(request, _("Cette démarche n’accepte pas de nouveau dossier de votre part."))
        return redirect("procedures:detail", slug=procedure.slug)
    return redirect("procedures:step", public_id=dossier.public_id, index=_first(dossier))


def _start_as_guest(request, procedure):
    form = GuestStartForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, procedure, guest_form=form)
        return render(request, "procedures/apply/detail.html", context, status=400)
    try:
        dossier = services.start_dossier(
            procedure=procedure, applicant=None, guest_email=form.cleaned_data["email"]
        )
    except PermissionDenied:
        messages.error(request, _("Cette démarche n’accepte pas de nouveau dossier en ce moment."))
        return redirect("procedures:detail", slug=procedure.slug)
    access.remember_guest_dossier(request, dossier)
    messages.success(
        request,
        _(
            "Votre dossier n° %(number)s est créé. Nous avons envoyé à %(email)s un lien "
            "personnel pour le reprendre plus tard, valable %(days)s jours : gardez ce "
            "courriel."
        )
        % {"number": dossier.pk, "email": dossier.guest_email, "days": guests.validity_days()},
    )
    return redirect("procedures:step", public_id=dossier.public_id, index=_first(dossier))


def _first(dossier) -> int:
    visible = services.evaluate(dossier).visible_sections
    return visible[0] if visible else 0


@login_required
@require_GET
def my_dossiers(request):
    dossiers = (
        Dossier.objects.owned_by(request.user).select_related("procedure").order_by("-updated_at")
    )
    return render(request, "procedures/apply/my_dossiers.html", {"dossiers": dossiers})
