"""Exports of a procedure's dossiers for its instructors: CSV (UTF-8 BOM, `;`) and JSON, streamed.

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
from essaim.procedures.instruction_display import display_value, export_fields
from essaim.procedures.instruction_services import annotation_specs
from essaim.procedures.instruction_views import instructed_procedure_or_403
from essaim.procedures.spec import FormSpec

CHUNK_SIZE = 500


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
        "applicant_email": applicant.email if applicant else None,
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
        .select_related("version", "procedure")
        .order_by("pk")
    )


def _filename(procedure, extension: str) -> str:
    return f"dossiers-{procedure.slug}-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_GET
@login_required
def export_csv(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    fields, annotations = _columns(procedure)
    dossiers = _queryset(request, procedure)
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")
    header = [
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

    def rows():
        yield "\ufeff" + writer.writerow(header)
        for dossier in dossiers.iterator(chunk_size=CHUNK_SIZE):
            facts = dossier_facts(dossier)
            answers, notes = dossier.answers or {}, dossier.annotations or {}
            yield writer.writerow(
                [
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
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(procedure, "csv")}"'
    return response


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

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(procedure, "json")}"'
    return response
