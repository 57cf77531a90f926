"""An applicant's data, all of it, to download (right of access and portability, RGPD art. 15
and 20): a ZIP holding `mes-donnees.json` (account, dossiers with their answers, history and
messages) and the documents the person sent, streamed in constant memory.

Private annotations and expert opinions are the administration's working notes: they are
left out here (the right of access to them goes through the administration, CRPA rules).
"""

import io
import json

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.procedures.export_streams import zip_files
from essaim.procedures.models import Attachment, Dossier


def _dossiers(user):
    return (
        Dossier.objects.owned_by(user)
        .select_related("procedure", "version")
        .prefetch_related("transitions", "messages")
        .order_by("pk")
    )


def data_of(user) -> dict:
    """Everything stored about `user` in the procedures, JSON-serialisable."""
    return {
        "exported_at": timezone.now(),
        "account": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
        },
        "dossiers": [
            {
                "number": dossier.pk,
                "id": str(dossier.public_id),
                "procedure": dossier.procedure.title,
                "form_version": dossier.version.number,
                "state": dossier.state,
                "state_label": str(dossier.get_state_display()),
                "created_at": dossier.created_at,
                "submitted_at": dossier.submitted_at,
                "decided_at": dossier.decided_at,
                "decision_reason": dossier.decision_reason,
                "delete_after": dossier.purge_after,
                "answers": dossier.answers,
                "history": [
                    {"at": t.at, "from": t.source, "to": t.target, "reason": t.reason}
                    for t in dossier.transitions.all()
                ],
                "messages": [
                    {
                        "at": m.created_at,
                        "from_applicant": m.from_applicant,
                        "body": m.body,
                    }
                    for m in dossier.messages.all()
                ],
            }
            for dossier in _dossiers(user)
        ],
    }


def _entries(user):
    content = json.dumps(data_of(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
    yield "mes-donnees.json", lambda: io.BytesIO(content.encode())
    attachments = (
        Attachment.objects.filter(dossier__in=Dossier.objects.owned_by(user).values("pk"))
        .exclude(scan_status="infected")
        .order_by("dossier_id", "uploaded_at")
    )
    for attachment in attachments.iterator(chunk_size=200):
        folder = attachment.field_key or "messages"
        name = f"documents/{attachment.dossier_id:05d}/{folder}/{attachment.original_name}"
        yield name, lambda a=attachment: a.file.open("rb")


@login_required
def my_data(request):
    """The page that explains what the download holds; the download itself with ?telecharger."""
    if "telecharger" in request.GET:
        response = StreamingHttpResponse(
            zip_files(_entries(request.user)), content_type="application/zip"
        )
        name = f"mes-donnees-demarches-{timezone.localdate():%Y-%m-%d}.zip"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
    context = {
        "dossier_count": Dossier.objects.owned_by(request.user).count(),
        "breadcrumb_data": {
            "links": [{"url": reverse("procedures:my_dossiers"), "title": _("Mes dossiers")}],
            "current": _("Mes données"),
        },
    }
    return render(request, "procedures/apply/my_data.html", context)
