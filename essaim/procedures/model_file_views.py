"""The model file of a supporting-document field, downloaded by applicants (see model_files)."""

import mimetypes

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404
from django.views.decorators.http import require_GET

from essaim.procedures.enums import ProcedureStatus
from essaim.procedures.model_files import file_name
from essaim.procedures.models import Field
from essaim.procedures.permissions import can_edit_procedure


@require_GET
def field_model(request, file_id):
    """Anyone, for a field of a published version of a published procedure (the model is a blank
    form, as public as the procedure's page); the procedure's editors only for a draft (the
    builder's preview); 404 otherwise."""
    fields = Field.objects.filter(params__model_file_id=str(file_id)).select_related(
        "version__procedure__organisation"
    )
    field = next(
        (
            f
            for f in fields
            if f.version.published_at is not None
            and f.version.procedure.status == ProcedureStatus.PUBLISHED
        ),
        None,
    ) or next((f for f in fields if can_edit_procedure(request.user, f.version.procedure)), None)
    if field is None or not default_storage.exists(field.params["model_file"]):
        raise Http404
    name = file_name(field.params)
    response = FileResponse(
        default_storage.open(field.params["model_file"], "rb"),
        as_attachment=True,
        filename=name,
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
