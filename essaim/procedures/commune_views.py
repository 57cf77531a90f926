"""Suggestions of communes for the form's commune and address fields (progressive enhancement:
htmx fills a `<datalist>`; without JavaScript the server validates the text and suggests)."""

from django.shortcuts import render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from essaim.core.models import Commune

LIMIT = 10


def _typed(query) -> str:
    """The text typed: `q`, or the value of the field that asked (its name starts with "f-")."""
    if query.get("q"):
        return query["q"]
    return next((value for key, value in query.items() if key.startswith("f-") and value), "")


@require_GET
@cache_control(public=True, max_age=3600)
def commune_suggestions(request):
    """`<option>`s of the communes matching the text, best first (nothing under 2 letters)."""
    text = _typed(request.GET).strip()[:120]
    communes = (
        list(Commune.objects.search(text).select_related("parent")[:LIMIT])
        if len(text) >= 2
        else []
    )
    return render(request, "procedures/fields/_commune_options.html", {"communes": communes})
