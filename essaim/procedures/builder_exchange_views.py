"""Builder pages that move a procedure's definition in and out: export as JSON, import from a
definition JSON, an XLSForm (ODK) or a démarches-simplifiées export.

Editors and administrators only: the export needs the right to edit the procedure, an import
needs to be editor of at least one organisation (and creates the procedure in one of them).
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.accounts.permissions import organisations_editable_by
from essaim.procedures import definitions, ds_import, xlsform_import
from essaim.procedures.builder_exchange_forms import ImportForm, JsonImportForm
from essaim.procedures.builder_views import breadcrumb, editor_required, forbidden

T = "procedures/builder/"
NOT_EDITOR_ANYWHERE = gettext_lazy(
    "Pour importer une démarche, il faut être éditeur ou administrateur d’une organisation. "
    "Demandez à un administrateur de votre organisation de vous donner ce rôle."
)
KINDS = {
    "json": {
        "title": gettext_lazy("Importer une définition de démarche (JSON)"),
        "intro": gettext_lazy(
            "Le fichier « .json » obtenu par « Exporter la définition » sur la page d’une "
            "démarche, ici ou sur une autre plateforme Essaim. Les versions publiées "
            "reviennent figées ; la démarche importée est close jusqu’à ce que vous la rouvriez."
        ),
        "accept": ".json,application/json",
        "form": JsonImportForm,
    },
    "xlsform": {
        "title": gettext_lazy("Importer un formulaire XLSForm (ODK)"),
        "intro": gettext_lazy(
            "Un classeur XLSForm (feuilles « survey » et « choices ») : les questions, les "
            "listes de choix (les listes filtrées « choice_filter » deviennent des choix "
            "liés), les conditions « relevant », « required », les contraintes simples, le "
            "nombre fixe de répétitions et les calculs d’âge, de somme et de nombre sont "
            "repris ; le reste est listé ligne par ligne après l’import."
        ),
        "accept": ".xlsx,.xls,.csv",
        "form": ImportForm,
    },
    "ds": {
        "title": gettext_lazy("Importer une démarche de démarches-simplifiées"),
        "intro": gettext_lazy(
            "L’export JSON d’une démarche (ses « types de champ » et pièces justificatives) : "
            "ce qui n’a pas d’équivalent est listé après l’import."
        ),
        "accept": ".json,application/json",
        "form": JsonImportForm,
    },
}


@editor_required
def export_definition(request, procedure):
    content = json.dumps(definitions.export_definition(procedure), ensure_ascii=False, indent=2)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="demarche-{procedure.slug}.json"'
    return response


@login_required
def import_procedure(request, kind):
    if not organisations_editable_by(request.user).exists():
        return forbidden(request, NOT_EDITOR_ANYWHERE)
    if kind not in KINDS:
        raise Http404
    page = KINDS[kind]
    form = page["form"](
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        user=request.user,
        accept=page["accept"],
    )
    context = {"form": form, "title": page["title"], "intro": page["intro"]}
    if request.method == "POST" and form.is_valid():
        try:
            procedure, report = _import(kind, form.cleaned_data, by=request.user)
        except (definitions.DefinitionError, xlsform_import.XlsFormError) as error:
            messages_list = getattr(error, "messages", None) or [error.message]
            for message in messages_list:
                form.add_error("file", message)
        else:
            title = _("Démarche importée")
            context = {"procedure": procedure, "report": report, "title": title}
            return render(request, T + "import_done.html", context | breadcrumb(title))
    return render(request, T + "import.html", context | breadcrumb(page["title"]))


def _import(kind, data, *, by):
    if kind == "xlsform":
        definition, report = xlsform_import.read_xlsform(data["file"], title=data["title"])
    elif kind == "ds":
        definition, report = ds_import.read_ds_procedure(data["file"])
    else:
        definition, report = data["file"], []
    procedure = definitions.import_definition(
        definition, organisation=data["organisation"], by=by, title=data["title"]
    )
    return procedure, report
