"""The decision letter (PDF), for the applicant and the dossier's instructors."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.procedures import access, decisions
from essaim.procedures.enums import DECIDED_STATES
from essaim.procedures.models import Dossier
from essaim.procedures.pdf import pdf_response


@require_GET
def decision_letter(request, public_id):
    """404 for anyone but the applicant and the instructors, and before a decision."""
    dossier = get_object_or_404(
        Dossier.objects.select_related("procedure__organisation", "applicant", "version"),
        public_id=public_id,
    )
    if not access.can_see(request, dossier) or dossier.state not in DECIDED_STATES:
        raise Http404
    text = dossier.decision_letter or decisions.write_letter(dossier)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "paragraphs": decisions.paragraphs(text),
        "recipient": decisions.applicant_name(dossier),
        "title": _("Décision sur le dossier n° %(number)s") % {"number": dossier.pk},
    }
    return pdf_response(
        "procedures/decision_pdf.html",
        context,
        filename=f"decision-{dossier.pk}.pdf",
        request=request,
    )
