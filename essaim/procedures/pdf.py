"""PDF documents (receipts, decision letters) rendered from templates with WeasyPrint."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def _refuse_fetch(url, *args, **kwargs):
    raise ValueError("PDF documents load nothing from outside")


def render_pdf(template: str, context: dict, *, request=None) -> bytes:
    """The PDF of `template` rendered with `context`; it may load no file or URL."""
    import weasyprint  # heavy: imported on first use

    html = render_to_string(template, context, request=request)
    return weasyprint.HTML(string=html, url_fetcher=_refuse_fetch).write_pdf()


def pdf_response(template: str, context: dict, *, filename: str, request=None) -> HttpResponse:
    response = HttpResponse(
        render_pdf(template, context, request=request), content_type="application/pdf"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
