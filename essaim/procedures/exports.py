"""Exports of a procedure's dossiers for its instructors, streamed: CSV (UTF-8 BOM, `;`), XLSX,
JSON, and a ZIP of their documents.

Only the dossiers the person instructs, with the filters of the table. Rows are read with
`iterator()` and written as they come, so the memory stays constant whatever the count.
Columns: the dossier's facts, then one column per question of the latest published version
(answers of older versions fill the columns whose key they share), then the annotations.
"""

import csv

from django.contrib.auth.decorators import login_required
from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.procedures import instruction_queries as queries
from essaim.procedures.enums import DossierState
from essaim.procedures.export_streams import xlsx_rows, zip_files
from essaim.procedures.instruction_display import display_value, export_fields
from essaim.procedures.instruction_services import annotation_specs
from essaim.procedures.instruction_views import instructed_procedure_or_403
from essaim.procedures.models import Attachment
from essaim.procedures.spec import FormSpec

CHUNK_SIZE = 500
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class _Echo:
    def write(self, value):
        return value


def _local(moment) -> str:
    return timezone.localtime(moment).strftime("%d/%m/%Y %H:%M") if moment else ""


def _columns(procedure):
    version = procedure.published_version or procedure.draft_version
    spec = FormSpec.for_version(version)
    return export_fields(spec), annotation_specs(version)


def dossier_facts(dossier) -> dict:
    """The facts of a dossier shared by the exports and the API (JSON-serialisable)."""
    applicant = dossier.applicant
    return {
        "number": dossier.pk,
        "id": str(dossier.public_id),
        "procedure": dossier.procedure_id,
        "version": dossier.version.number,
        "state": dossier.state,
        "state_label": str(DossierState(dossier.state).label),
        "group": dossier.group.name if dossier.group_id else None,
        "applicant_email": applicant.email if applicant else (dossier.guest_email or None),
        "applicant_name": applicant.get_full_name() if applicant else None,
        "submitted_at": dossier.submitted_at,
        "instruction_started_at": dossier.instruction_started_at,
        "decided_at": dossier.decided_at,
        "decision_reason": dossier.decision_reason,
        "updated_at": dossier.updated_at,
    }


def _queryset(request, procedure):
    filters = queries.DossierFilters.from_querydict(request.GET)
    return (
        queries.instruction_table(request.user, procedure, filters)
        .select_related("version", "procedure", "applicant", "group")
        .order_by("pk")
    )


def _filename(procedure, extension: str) -> str:
    return f"dossiers-{procedure.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


def _table(procedure, dossiers):
    """The header, then one list of cells per dossier (shared by the CSV and XLSX exports)."""
    fields, annotations = _columns(procedure)
    yield [
        _("Numéro"),
        _("État"),
        _("Groupe"),
        _("Demandeur"),
        _("Adresse électronique"),
        _("Déposé le"),
        _("Décision le"),
        _("Motif"),
        *[field.label for field in fields],
        *[_("Annotation : %(label)s") % {"label": spec.label} for spec in annotations],
    ]
    for dossier in dossiers.iterator(chunk_size=CHUNK_SIZE):
        facts = dossier_facts(dossier)
        answers, notes = dossier.answers or {}, dossier.annotations or {}
        yield [
            facts["number"],
            facts["state_label"],
            facts["group"] or "",
            facts["applicant_name"] or "",
            facts["applicant_email"] or "",
            _local(dossier.submitted_at),
            _local(dossier.decided_at),
            dossier.decision_reason,
            *[display_value(field, answers.get(field.key)) for field in fields],
            *[display_value(spec, notes.get(spec.key)) for spec in annotations],
        ]


def _download(chunks, procedure, extension, content_type):
    response = StreamingHttpResponse(chunks, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{_filename(procedure, extension)}"'
    return response


@require_GET
@login_required
def export_csv(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")

    def lines():
        for index, row in enumerate(_table(procedure, _queryset(request, procedure))):
            yield ("\ufeff" if index == 0 else "") + writer.writerow(row)

    return _download(lines(), procedure, "csv", "text/csv; charset=utf-8")


@require_GET
@login_required
def export_xlsx(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    chunks = xlsx_rows(_table(procedure, _queryset(request, procedure)))
    return _download(chunks, procedure, "xlsx", XLSX_MIME)


@require_GET
@login_required
def export_documents(request, pk):
    """A ZIP of the documents of the dossiers in the table (with its filters), one folder per
    dossier: « 00042/justificatif_domicile/facture.pdf »."""
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    dossiers = _queryset(request, procedure)
    attachments = (
        Attachment.objects.filter(dossier__in=dossiers.values("pk"))
        .select_related("dossier")
        .order_by("dossier_id", "field_key", "uploaded_at")
    )

    def entries():
        for attachment in attachments.iterator(chunk_size=CHUNK_SIZE):
            folder = attachment.field_key or "messages"
            name = f"{attachment.dossier_id:05d}/{folder}/{attachment.original_name}"
            yield name, lambda a=attachment: a.file.open("rb")

    return _download(zip_files(entries()), procedure, "zip", "application/zip")


@require_GET
@login_required
def export_json(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    dossiers = _queryset(request, procedure)
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield '{"procedure": ' + encoder.encode(
            {"id": procedure.pk, "slug": procedure.slug, "title": procedure.title}
        )
        yield ', "dossiers": ['
        count = 0
        for dossier in dossiers.iterator(chunk_size=CHUNK_SIZE):
            item = {
                **dossier_facts(dossier),
                "answers": dossier.answers,
                "annotations": dossier.annotations,
            }
            yield ("," if count else "") + encoder.encode(item)
            count += 1
        yield f'], "count": {count}}}'

    return _download(chunks(), procedure, "json", "application/json; charset=utf-8")
