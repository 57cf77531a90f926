"""A dossier as its applicant sees it once started: its page (answers, history, messages),
the receipt (HTML or PDF) and documents through short-lived links."""

from django.core import signing
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from essaim.procedures import access, documents, services
from essaim.procedures.enums import APPLICANT_EDITABLE_STATES, DossierState
from essaim.procedures.models import Attachment
from essaim.procedures.pdf import pdf_response
from essaim.procedures.presentation import summary_sections


@access.applicant_required
@require_GET
def dossier_detail(request, public_id):
    dossier = access.own_dossier(request, public_id)
    return render(request, "procedures/apply/dossier.html", dossier_page_context(request, dossier))


def dossier_page_context(request, dossier, *, message_form=None) -> dict:
    from essaim.procedures.apply_forms import ApplicantMessageForm
    from essaim.procedures.messaging import messages_with_links

    evaluation = services.evaluate(dossier)
    spec = services.spec_of(dossier)
    return {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "sections": summary_sections(dossier, spec, evaluation, user=request.user),
        "transitions": dossier.transitions.order_by("at", "pk"),
        "editable": dossier.state in APPLICANT_EDITABLE_STATES,
        "resume_index": _resume_index(dossier, evaluation),
        "messages_list": messages_with_links(dossier, user=request.user),
        "message_form": message_form or ApplicantMessageForm(),
        "can_write": dossier.state != DossierState.DRAFT,
    }


def _resume_index(dossier, evaluation):
    later = [i for i in evaluation.visible_sections if i >= dossier.last_step]
    return later[0] if later else (evaluation.visible_sections or [0])[0]


@access.applicant_required
@require_GET
def receipt(request, public_id):
    dossier = access.own_dossier(request, public_id)
    if dossier.submitted_at is None:
        raise Http404
    spec = services.spec_of(dossier)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "sections": summary_sections(dossier, spec, services.evaluate(dossier)),
        "documents": Attachment.objects.filter(dossier=dossier, message__isnull=True),
    }
    if request.GET.get("format") == "pdf":
        return pdf_response(
            "procedures/apply/receipt_pdf.html",
            context,
            filename=f"accuse-reception-{dossier.pk}.pdf",
            request=request,
        )
    return render(request, "procedures/apply/receipt.html", context)


@require_GET
def document(request, token):
    """A document, through a short-lived link made for the person asking."""
    try:
        attachment_id, user_id = documents.read_token(token)
    except signing.SignatureExpired:
        return render(request, "procedures/apply/link_expired.html", status=410)
    except signing.BadSignature:
        raise Http404 from None
    attachment = get_object_or_404(Attachment.objects.select_related("dossier"), pk=attachment_id)
    if not access.may_download(request, attachment, holder=user_id):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
