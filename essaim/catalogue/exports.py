"""Open data: the filtered catalogue as CSV (for French spreadsheets) and JSON, streamed.

CSV: UTF-8 with a byte-order mark and `;` separators, so Excel and LibreOffice open it in
French locales without an import wizard. Rows are read with `iterator()` and written as they
come, so 100,000 initiatives stream in constant memory (the CSV as plain values, see csv_rows).
"""

import csv

from django.core.serializers.json import DjangoJSONEncoder
from django.http import StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from essaim.catalogue.csv_rows import csv_rows
from essaim.catalogue.filters import Filters
from essaim.catalogue.queries import search_initiatives
from essaim.catalogue.serializers import EXPORT_COLUMNS, initiative_data

CHUNK_SIZE = 1000


def export_queryset(request):
    """Published initiatives only (whoever asks), same filters and order as the list."""
    filters = Filters.from_querydict(request.GET)
    return (
        search_initiatives(filters)
        .select_related("territory", "region", "department", "origin")
        .prefetch_related("themes", "carriers", "labs")
    )


class _Echo:
    def write(self, value):
        return value


def _filename(extension: str) -> str:
    return f"initiatives-{timezone.localdate():%Y-%m-%d}.{extension}"


@require_GET
def export_csv(request):
    queryset = search_initiatives(Filters.from_querydict(request.GET))
    writer = csv.writer(_Echo(), delimiter=";", lineterminator="\r\n")

    def rows():
        yield "\ufeff" + writer.writerow([label for _key, label in EXPORT_COLUMNS])
        for cells in csv_rows(queryset, request=request):
            yield writer.writerow(cells)

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("csv")}"'
    return response


@require_GET
def export_json(request):
    queryset = export_queryset(request)
    encoder = DjangoJSONEncoder(ensure_ascii=False)

    def chunks():
        yield '{"items": ['
        count = 0
        for initiative in queryset.iterator(chunk_size=CHUNK_SIZE):
            prefix = "," if count else ""
            yield prefix + encoder.encode(initiative_data(initiative, request=request))
            count += 1
        yield f'], "count": {count}}}'

    response = StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename("json")}"'
    return response
