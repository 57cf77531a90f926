"""Pages of Synthèses: the list, a new synthesis from a file, the progress and the result."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.accounts.permissions import organisations_editable_by, organisations_of
from essaim.core.pagination import page_links
from essaim.synthesis import permissions, queries, services
from essaim.synthesis.access import refuse, synthesis_view
from essaim.synthesis.enums import Source, Status
from essaim.synthesis.forms import ColumnsForm, MethodNoteForm, RenameForm, UploadForm
from essaim.synthesis.models import Synthesis
from essaim.synthesis.uploads import preview

PER_PAGE = 20


def _crumbs(current, synthesis=None):
    links = [{"url": "/syntheses/", "title": _("Synthèses")}]
    if synthesis is not None:
        links.append({"url": synthesis.get_absolute_url(), "title": synthesis.title})
    return {"breadcrumb_data": {"links": links, "current": current}}


@require_GET
def synthesis_list(request):
    published = Synthesis.objects.published().select_related("organisation")
    own = Synthesis.objects.filter(organisation__in=organisations_of(request.user))
    context = {
        "published": published,
        "own": own.select_related("organisation"),
        "can_create": permissions.can_create(request.user),
        "breadcrumb_data": {"links": [], "current": _("Synthèses")},
    }
    return render(request, "synthesis/list.html", context)


@login_required
def new(request):
    organisations = organisations_editable_by(request.user)
    if not organisations.exists():
        return refuse(
            request,
            _("Seuls les éditeurs et administrateurs d’une organisation créent des synthèses."),
        )
    form = UploadForm(request.POST or None, request.FILES or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        synthesis = services.create_from_upload(
            by=request.user,
            organisation=form.cleaned_data["organisation"],
            title=form.cleaned_data["title"],
            file_name=form.cleaned_data["file"].name,
            table=form.table,
        )
        return redirect("synthesis:columns", synthesis.pk)
    return render(request, "synthesis/new.html", {"form": form, **_crumbs(_("Nouvelle"))})


@synthesis_view(coordinate=True)
def columns(request, synthesis):
    if synthesis.source != Source.FILE or synthesis.state is not None:
        return redirect(synthesis)
    with synthesis.file.open("rb") as source:
        table = preview(source.read())
    form = ColumnsForm(request.POST or None, header=table.header)
    if request.method == "POST" and form.is_valid():
        try:
            services.choose_columns(synthesis, by=request.user, columns=form.cleaned_data)
        except services.SynthesisError as error:
            messages.error(request, str(error))
        return redirect(synthesis)
    context = {
        "synthesis": synthesis,
        "table": table,
        "form": form,
        **_crumbs(_("Colonnes"), synthesis),
    }
    return render(request, "synthesis/columns.html", context)


@synthesis_view()
def detail(request, synthesis):
    coordinator = permissions.can_coordinate(request.user, synthesis)
    if synthesis.status == Status.DRAFT and coordinator:
        return redirect("synthesis:columns", synthesis.pk)
    context = {"synthesis": synthesis, "coordinator": coordinator, **_crumbs(synthesis.title)}
    context["breadcrumb_data"]["links"] = context["breadcrumb_data"]["links"][:1]
    if synthesis.state is None or (synthesis.is_running and coordinator):
        return render(request, "synthesis/progress.html", context)
    filters = queries.Filters.from_query(request.GET)
    themes, unclassified, total = queries.theme_figures(synthesis, filters)
    context.update(
        filters=filters,
        themes=themes,
        unclassified=unclassified,
        total=total,
        choices=queries.filter_choices(synthesis),
        duplicates=queries.duplicate_groups(synthesis),
        method_form=MethodNoteForm(initial={"method_note": synthesis.method_note}),
    )
    if coordinator:
        context["corrections"] = synthesis.corrections.select_related("author")[:20]
    return render(request, "synthesis/result.html", context)


@require_GET
@synthesis_view()
def status(request, synthesis):
    """The progress fragment polled by htmx; asks htmx to reload the page once it is over."""
    response = render(request, "synthesis/_status.html", {"synthesis": synthesis})
    if not synthesis.is_running:
        response["HX-Refresh"] = "true"
    return response


@require_GET
@synthesis_view()
def theme(request, synthesis, key):
    if synthesis.state is None:
        raise Http404
    unclassified = key == queries.UNCLASSIFIED
    found = None if unclassified else synthesis.theme(key)
    if not unclassified and found is None:
        raise Http404
    filters = queries.Filters.from_query(request.GET)
    page_obj = Paginator(queries.contributions_of(synthesis, key, filters), PER_PAGE).get_page(
        request.GET.get("page")
    )
    title = found["label"] if found else _("Contributions non classées")
    context = {
        "synthesis": synthesis,
        "theme": found,
        "key": key,
        "title": title,
        "filters": filters,
        "choices": queries.filter_choices(synthesis),
        "page_obj": page_obj,
        "page_links": page_links(request.path, filters, page_obj),
        "quotes": queries.quotes_of(synthesis, found) if found else [],
        "share": round(100 * found["share"], 1) if found else 0,
        "pinned": set(found["pinned"]) if found else set(),
        "other_themes": [t for t in synthesis.themes if t["id"] != key],
        "coordinator": permissions.can_coordinate(request.user, synthesis)
        and synthesis.publication == "draft"
        and not synthesis.is_running,
        "rename_form": RenameForm(initial={"label": title}) if found else None,
        **_crumbs(title, synthesis),
    }
    return render(request, "synthesis/theme.html", context)
