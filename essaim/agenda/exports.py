"""Open data: the filtered agenda as CSV (French spreadsheets) and JSON, streamed.

Same filters as the agenda page and the API; published events only; online links reserved
to registrants never leave. CSV: UTF-8 with a byte-order mark and `;` separators.
"""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from essaim.agenda.api import event_data
from essaim.agenda.filters import EventFilters
from essaim.agenda.models import Event
from essaim.agenda.queries import filter_events, list_queryset

CHUNK_SIZE = 500
# (key of event_data, column title)
COLUMNS = [
    ("title", "Titre"),
    ("format_label", "Format"),
    ("mode", "Modalité"),
    ("status_label", "Statut"),
    ("starts_at", "Début"),
    ("ends_at", "Fin"),
    ("organiser", "Organisateur"),
    ("programme", "Programme"),
    ("commune_name", "Commune"),
    ("region", "Région (code)"),
    ("audiences", "Publics"),
    ("themes", "Thèmes"),
    ("accessibility", "Accessibilité"),
    ("capacity", "Places"),
    ("places_left", "Places restantes"),
    ("url", "Adresse"),
]


def _events(request):
    filters = EventFilters.from_querydict(request.GET)
    queryset = filter_events(Event.objects.published(), filters)
    queryset = list_queryset(queryset).select_related("department", "region")
    return queryset.order_by("starts_at", "pk").iterator(chunk_size=CHUNK_SIZE)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get("name", "")
    if isinstance(value, list):
        return ", ".join(_cell(v) for v in value)
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).strftime("%d/%m/%Y %H:%M")
    return str(value)


class _Echo:
    def write(self, value):
        return value


def _filename(extension: str) -> str:
    return f"agenda-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_GET
def export_csv(request):
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")

    def rows():
        yield "\ufeff" + writer.writerow([title for _key, title in COLUMNS])
        for event in _events(request):
            data = event_data(event, request=request)
            yield writer.writerow([_cell(data[key]) for key, _title in COLUMNS])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_GET
def export_json(request):
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield "["
        for index, event in enumerate(_events(request)):
            yield ("," if index else "") + encoder.encode(event_data(event, request=request))
        yield "]"

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
