"""What a coordinator does to a synthesis (all POST forms that work without JavaScript), and
the exports."""

import csv
import io

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from essaim.participation.models import Campaign
from essaim.procedures.pdf import pdf_response
from essaim.synthesis import permissions, queries, services
from essaim.synthesis.access import refuse, synthesis_view
from essaim.synthesis.enums import Mode, Publication


@require_POST
def from_campaign(request, slug):
    campaign = get_object_or_404(Campaign.objects.published(), slug=slug)
    if not request.user.is_authenticated:
        return redirect_to_login(campaign.get_absolute_url())
    if not permissions.can_synthesise_campaign(request.user, campaign):
        return refuse(request, _("Seuls les organisateurs de la consultation la synthétisent."))
    synthesis = services.create_from_campaign(
        by=request.user,
        campaign=campaign,
        organisation=permissions.owner_for_campaign(request.user, campaign),
    )
    messages.success(request, _("Synthèse lancée : elle se calcule en arrière-plan."))
    return redirect(synthesis)


def _theme_url(synthesis, key):
    if key and (key == queries.UNCLASSIFIED or synthesis.theme(key)):
        return reverse("synthesis:theme", args=[synthesis.pk, key])
    return synthesis.get_absolute_url()


def _correction(post) -> tuple[str, dict, str]:
    """The engine operation, its arguments and the theme to come back to, from a form."""
    operation, theme = post.get("operation", ""), post.get("theme", "")
    contribution = post.get("contribution", "")
    if operation == "rename":
        return operation, {"theme_id": theme, "label": post.get("label", "")}, theme
    if operation == "merge":
        return operation, {"theme_ids": [theme, post.get("other", "")], "into": theme}, theme
    if operation == "split":
        params = {
            "theme_id": theme,
            "contribution_ids": post.getlist("contributions"),
            "label": post.get("label", ""),
        }
        return operation, params, theme
    if operation == "delete":
        return operation, {"theme_id": theme}, ""
    if operation == "move":
        target = post.get("target") or None
        return operation, {"contribution_id": contribution, "theme_id": target}, theme
    if operation in ("pin", "unpin"):
        return operation, {"theme_id": theme, "contribution_id": contribution}, theme
    return "", {}, theme


SUCCESS = {
    "rename": gettext_lazy("Thème renommé."),
    "merge": gettext_lazy("Thèmes fusionnés."),
    "split": gettext_lazy("Thème scindé : les contributions cochées forment un nouveau thème."),
    "delete": gettext_lazy("Thème supprimé : ses contributions sont « non classées »."),
    "move": gettext_lazy("Contribution déplacée ; les recalculs la laisseront là."),
    "pin": gettext_lazy("Citation épinglée : elle s’affiche en premier."),
    "unpin": gettext_lazy("Citation désépinglée."),
}


@require_POST
@synthesis_view(coordinate=True)
def correct(request, synthesis):
    operation, params, back = _correction(request.POST)
    try:
        services.correct(synthesis, by=request.user, operation=operation, **params)
        messages.success(request, SUCCESS[operation])
    except services.SynthesisError as error:
        messages.error(request, str(error))
    synthesis.refresh_from_db(fields=["state"])
    return redirect(_theme_url(synthesis, back))


@require_POST
@synthesis_view(coordinate=True)
def rerun(request, synthesis):
    try:
        services.rerun(synthesis, by=request.user, mode=request.POST.get("mode", ""))
        if request.POST.get("mode") == Mode.INCREMENTAL:
            messages.success(
                request, _("Relance lancée : les nouvelles contributions rejoignent les thèmes.")
            )
        else:
            messages.success(request, _("Recalcul lancé : vos corrections seront conservées."))
    except services.SynthesisError as error:
        messages.error(request, str(error))
    return redirect(synthesis)


@require_POST
@synthesis_view(coordinate=True)
def publication(request, synthesis):
    to = request.POST.get("to", "")
    try:
        services.set_publication(
            synthesis, by=request.user, to=to, method_note=request.POST.get("method_note", "")
        )
        done = {
            Publication.VALIDATED: _("Synthèse validée : vous pouvez maintenant la publier."),
            Publication.PUBLISHED: _("Synthèse publiée : tout le monde peut la lire."),
            Publication.DRAFT: _("Synthèse repassée en brouillon : vous pouvez la corriger."),
        }
        messages.success(request, done[to])
    except services.SynthesisError as error:
        messages.error(request, str(error))
    return redirect(reverse("synthesis:detail", args=[synthesis.pk]) + "#publication")


CSV_HEADER = [
    "identifiant",
    "texte",
    "question",
    "date",
    "territoire",
    "theme_id",
    "theme",
    "groupe_doublons",
    "raison_non_classee",
]


@require_GET
@synthesis_view(coordinate=True)
def export_csv(request, synthesis):
    """Each contribution with its theme, in input order (UTF-8 with BOM, `;`: Excel-ready)."""
    labels = {t["id"]: t["label"] for t in synthesis.themes}
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output, delimiter=";")
    writer.writerow(CSV_HEADER)
    for item in synthesis.items.iterator(chunk_size=2000):
        writer.writerow([
            item.reference,
            item.text,
            item.question,
            item.date.isoformat() if item.date else "",
            item.territory,
            item.theme_key,
            labels.get(item.theme_key, ""),
            item.duplicate_group,
            item.reason_label,
        ])  # fmt: skip
    response = HttpResponse(output.getvalue(), content_type="text/csv; charset=utf-8")
    name = slugify(synthesis.title)[:60] or "synthese"
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
@synthesis_view()
def export_pdf(request, synthesis):
    if synthesis.state is None:
        messages.error(request, _("La synthèse n’est pas encore calculée."))
        return redirect(synthesis)
    themes, unclassified, total = queries.theme_figures(synthesis, queries.Filters())
    for theme in themes:
        theme["quote_items"] = queries.quotes_of(synthesis, theme)
    context = {
        "synthesis": synthesis,
        "themes": themes,
        "unclassified": unclassified,
        "total": total,
        "duplicates": queries.duplicate_groups(synthesis, limit=10),
    }
    name = slugify(synthesis.title)[:60] or "synthese"
    return pdf_response("synthesis/report_pdf.html", context, filename=f"{name}.pdf")
