"""The applicant writes to the instructors of their dossier (once it is submitted)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.procedures import access, messaging
from essaim.procedures.applicant_views import dossier_page_context
from essaim.procedures.apply_forms import ApplicantMessageForm
from essaim.procedures.enums import DossierState


@access.applicant_required
@require_POST
def dossier_message(request, public_id):
    dossier = access.own_dossier(request, public_id)
    if dossier.state == DossierState.DRAFT:
        messages.error(
            request, _("Déposez d’abord votre dossier : la messagerie s’ouvre avec le dépôt.")
        )
        return redirect("procedures:dossier", public_id=public_id)
    form = ApplicantMessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            messaging.post_message(
                dossier,
                body=form.cleaned_data["body"],
                by=access.applicant_identity(request),
                files=request.FILES.getlist("files"),
                from_applicant=True,
            )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            messages.success(request, _("Message envoyé au service instructeur."))
            return redirect(reverse("procedures:dossier", args=[public_id]) + "#messagerie")
    messages.error(request, _("Le message n’est pas parti : voyez le message en rouge."))
    context = dossier_page_context(request, dossier, message_form=form)
    return render(request, "procedures/apply/dossier.html", context, status=400)
