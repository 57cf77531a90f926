from django.conf import settings
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.http import HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import cache_control, never_cache
from django.views.decorators.http import require_GET

from essaim.core.navigation import SECTIONS
from essaim.core.queries import autocomplete


def home(request):
    return render(request, "core/home.html", {"sections": SECTIONS})


def static_page(request, template, title):
    return render(request, template, {"title": title, "sections": SECTIONS})


@require_GET
@never_cache
def healthz(request):
    """The process is alive: nothing else is checked, so a load balancer can poll cheaply."""
    return JsonResponse({"status": "ok"})


@require_GET
@never_cache
def readyz(request):
    """Ready to serve: the database answers and every migration is applied."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError as exc:
        return JsonResponse(
            {"status": "unavailable", "database": "unreachable", "error": exc.__class__.__name__},
            status=503,
        )
    if pending:
        return JsonResponse(
            {"status": "unavailable", "database": "ok", "pending_migrations": len(pending)},
            status=503,
        )
    return JsonResponse({"status": "ok", "database": "ok", "pending_migrations": 0})


@require_GET
@cache_control(public=True, max_age=3600)
def territory_search(request):
    """Suggestions for a territory field: `?q=lille` (name or INSEE code), `&level=commune`.

    Answers a JSON list of at most 20 `{code, level, name, label}`, best first; an empty or
    missing `q` gives an empty list, a text longer than any name is cut.
    """
    suggestions = autocomplete(request.GET.get("q", ""), levels=request.GET.getlist("level"))
    return JsonResponse(suggestions, safe=False, json_dumps_params={"ensure_ascii": False})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    # No request context: a context processor that failed once would fail again here.
    html = loader.render_to_string("500.html", {"site_name": settings.ESSAIM_SITE_NAME})
    return HttpResponseServerError(html)
