"""Organisers' import page: upload a CSV or an OpenAgenda export, read the row-by-row report."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.agenda import permissions
from essaim.agenda.imports import COLUMNS, template_csv
from essaim.agenda.organiser_forms import ImportForm
from essaim.agenda.organiser_imports import run_import
from essaim.agenda.organiser_views import NO_ORGANISATION, T, breadcrumb, forbidden


@login_required
def import_events(request):
    if not permissions.organisations_for_events(request.user).exists():
        return forbidden(request, NO_ORGANISATION)
    record = None
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, user=request.user)
        if form.is_valid():
            upload = form.cleaned_data["file"]
            record = run_import(
                data=upload.read(),
                filename=upload.name,
                organiser=form.cleaned_data["organiser"],
                programme=form.cleaned_data["programme"],
                by=request.user,
                submit=form.cleaned_data["submit"],
                default_format=form.cleaned_data["default_format"],
            )
            if record.succeeded:
                messages.success(
                    request,
                    ngettext(
                        "%(count)s événement importé.",
                        "%(count)s événements importés.",
                        record.imported_count,
                    )
                    % {"count": record.imported_count},
                )
            else:
                messages.error(
                    request,
                    _(
                        "Rien n’a été importé : corrigez les lignes signalées dans le fichier, "
                        "puis déposez-le à nouveau."
                    ),
                )
        else:
            messages.error(
                request, _("Certains champs sont à corriger : voyez les messages en rouge.")
            )
    else:
        form = ImportForm(user=request.user)
    title = _("Importer des événements")
    context = {
        "title": title,
        "form": form,
        "record": record,
        "columns": COLUMNS,
        **breadcrumb(title),
    }
    return render(request, T + "import.html", context)


@login_required
def import_template(request):
    """The model spreadsheet: the French headers and an example row."""
    response = HttpResponse(template_csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="modele-import-evenements.csv"'
    return response
