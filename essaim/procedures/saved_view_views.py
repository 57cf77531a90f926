"""Saving and deleting an instructor's named views of a procedure's table."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.procedures import saved_views
from essaim.procedures.instruction_views import instructed_procedure_or_403
from essaim.procedures.models import SavedView


def _table(procedure, query="") -> str:
    url = reverse("procedures:instruction_procedure", args=[procedure.pk])
    return f"{url}?{query}" if query else url


@require_POST
@login_required
def save_view(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    query = request.POST.get("query", "")
    try:
        view = saved_views.save_view(
            user=request.user, procedure=procedure, name=request.POST.get("name", ""), query=query
        )
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect(_table(procedure, saved_views.normalise(query)))
    messages.success(request, _("Vue « %(name)s » enregistrée.") % {"name": view.name})
    return redirect(_table(procedure, view.query))


@require_POST
@login_required
def delete_view(request, pk, view_pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    view = get_object_or_404(SavedView, pk=view_pk, procedure=procedure, user=request.user)
    view.delete()
    messages.success(request, _("Vue « %(name)s » supprimée.") % {"name": view.name})
    return redirect(_table(procedure))
