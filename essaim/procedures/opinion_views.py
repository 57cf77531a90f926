"""Expert opinions: an instructor asks (POST on the dossier), the expert reads and answers
through the secret link of the e-mail, without an account."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.procedures import documents, opinions
from essaim.procedures.instruction_display import answer_rows
from essaim.procedures.instruction_forms import OpinionAnswerForm, OpinionRequestForm
from essaim.procedures.instruction_views import (
    T,
    _dossier_context,
    instructed_dossier,
)
from essaim.procedures.models import ExpertOpinion


@require_POST
@login_required
def request_opinion(request, public_id):
    dossier = instructed_dossier(request, public_id)
    form = OpinionRequestForm(request.POST)
    if form.is_valid():
        opinions.request_opinion(
            dossier,
            expert_email=form.cleaned_data["expert_email"],
            question=form.cleaned_data["question"],
            by=request.user,
        )
        messages.success(
            request,
            _("Demande d’avis envoyée à %(email)s.") % {"email": form.cleaned_data["expert_email"]},
        )
        return redirect(reverse("procedures:instruction_dossier", args=[public_id]) + "#avis")
    messages.error(request, _("La demande d’avis n’est pas partie : voyez le message en rouge."))
    context = _dossier_context(request, dossier, opinion_form=form)
    return render(request, T + "dossier.html", context, status=400)


def _opinion_or_404(token) -> ExpertOpinion:
    return get_object_or_404(
        ExpertOpinion.objects.select_related(
            "dossier__procedure__organisation", "dossier__version"
        ),
        token=token,
    )


@require_http_methods(["GET", "POST"])
def opinion(request, token):
    """The expert's page: the dossier read-only and the answer form while the request is open."""
    item = _opinion_or_404(token)
    form = OpinionAnswerForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            opinions.answer_opinion(item, answer=form.cleaned_data["answer"])
        except ValidationError as error:
            form.add_error("answer", error)
        else:
            messages.success(request, _("Merci : votre avis est transmis à l’instructeur."))
            return redirect("procedures:opinion", token=token)
    if request.method == "POST":
        status = 400
    item.refresh_from_db()
    dossier = item.dossier
    is_open = opinions.is_open(item)
    context = {
        "opinion": item,
        "dossier": dossier,
        "procedure": dossier.procedure,
        "is_open": is_open,
        "open_until": opinions.open_until(item),
        "form": form,
        "sections": answer_rows(dossier) if is_open else [],
        "attachments": [
            {"attachment": a, "url": documents.signed_url(a, holder=f"avis-{item.pk}")}
            for a in dossier.attachments.filter(message__isnull=True)
        ]
        if is_open
        else [],
    }
    return render(request, "procedures/opinion.html", context, status=status)
