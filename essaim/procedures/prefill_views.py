"""The page a pre-filling link opens: what will be filled in, then « Commencer » (POST)."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from essaim.procedures import prefill, services
from essaim.procedures.models import Procedure


def prefill_start(request, slug, token):
    procedure = get_object_or_404(Procedure.objects.published(), slug=slug)
    try:
        answers = prefill.read_link(token, procedure)
    except prefill.PrefillLinkError as error:
        messages.error(request, error.message)
        return redirect("procedures:detail", slug=procedure.slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if request.method == "POST":
        try:
            dossier = services.start_dossier(
                procedure=procedure, applicant=request.user, prefill=answers
            )
        except PermissionDenied:
            messages.error(
                request, _("Cette démarche n’accepte pas de nouveau dossier de votre part.")
            )
            return redirect("procedures:detail", slug=procedure.slug)
        messages.success(
            request, _("Votre dossier est commencé avec les informations déjà connues.")
        )
        return redirect("procedures:dossier", public_id=dossier.public_id)
    context = {
        "procedure": procedure,
        "rows": prefill.preview_rows(procedure, answers),
        "breadcrumb_data": {"links": [], "current": procedure.title},
    }
    return render(request, "procedures/apply/prefill.html", context)
