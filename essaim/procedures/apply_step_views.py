"""The step-by-step form: one section per page (autosaved by htmx when JavaScript runs), the
summary that lists what is missing, and submission."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.procedures import access, rendering, services
from essaim.procedures.enums import APPLICANT_EDITABLE_STATES, DossierState
from essaim.procedures.presentation import summary_sections


def _step_context(
    request, dossier, index, *, errors=None, add_row=None, saved_at=None, evaluation=None
):
    """`evaluation`: the dossier's, without validation, when the caller has it already."""
    spec = services.spec_of(dossier)
    check = request.GET.get("verifier") == "1"
    if check or evaluation is None:
        evaluation = services.evaluate(dossier, validate=check)
    section = spec.sections[index]
    if check:
        errors = {**evaluation.errors, **(errors or {})}
    views = rendering.section_views(
        section,
        dossier=dossier,
        evaluation=evaluation,
        errors=errors,
        user=request.user,
        add_row=add_row,
    )
    visible = evaluation.visible_sections
    position = visible.index(index) + 1 if index in visible else 1
    following = evaluation.next_section(index)
    return {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "section": section,
        "index": index,
        "views": views,
        "errors": [(v, v.error) for v in views if v.visible and v.error],
        "autosave_url": reverse("procedures:autosave", args=[dossier.public_id, index]),
        "evaluation": evaluation,
        "position": position,
        "total": len(visible) + 1,
        "next_title": spec.sections[following].title
        if following is not None
        else _("Récapitulatif"),
        "previous": evaluation.previous_section(index),
        "is_last": following is None,
        "saved_at": saved_at,
    }


@access.applicant_required
@require_http_methods(["GET", "POST"])
def step(request, public_id, index):
    dossier = access.own_dossier(request, public_id)
    if dossier.state not in APPLICANT_EDITABLE_STATES:
        messages.info(
            request, _("Ce dossier est en cours d’instruction : il ne peut plus être modifié.")
        )
        return redirect("procedures:dossier", public_id=public_id)
    spec = services.spec_of(dossier)
    if index >= len(spec.sections):
        raise Http404
    if request.method == "POST":
        return _save_and_move(request, dossier, index)
    evaluation = services.evaluate(dossier)
    if index not in evaluation.visible_sections:
        following = evaluation.next_section(index)
        if following is None:
            return redirect("procedures:summary", public_id=public_id)
        return redirect("procedures:step", public_id=public_id, index=following)
    context = _step_context(
        request, dossier, index, add_row=request.GET.get("ajout"), evaluation=evaluation
    )
    return render(request, "procedures/apply/step.html", context)


def _step_url(dossier, index, *, query="", anchor=""):
    url = reverse("procedures:step", args=[dossier.public_id, index])
    return f"{url}{query}{anchor}"


def _save(request, dossier, index, *, expected_revision=None):
    return services.save_step(
        dossier,
        section_index=index,
        data=request.POST,
        files=request.FILES,
        by=access.applicant_identity(request),
        shown_keys=request.POST.getlist("_shown"),
        expected_revision=expected_revision,
    )


# autosave.js reads the draft's revision after each save (sent back as `_revision`, so that a
# save from a page that missed another tab's save is refused) from this header.
REVISION_HEADER = "Essaim-Revision"


def _expected_revision(request):
    value = request.POST.get("_revision", "")
    return int(value) if value.isdigit() else None


def _with_revision(response, revision):
    response[REVISION_HEADER] = str(revision)
    return response


def _save_and_move(request, dossier, index):
    try:
        result = _save(request, dossier, index)
    except services.NotEditable:
        return redirect("procedures:dossier", public_id=dossier.public_id)
    action = request.POST.get("action", "save")
    add_row = request.POST.get("_add_row")
    if add_row:
        return redirect(
            _step_url(dossier, index, query=f"?ajout={add_row}", anchor=f"#champ-{add_row}")
        )
    if result.errors:
        messages.error(
            request,
            _(
                "Votre saisie est enregistrée, mais certaines réponses sont à corriger : "
                "voyez les messages ci-dessous."
            ),
        )
        return redirect(_step_url(dossier, index))
    if result.new_fields:
        messages.info(
            request, _("De nouvelles questions sont apparues selon vos réponses : complétez-les.")
        )
        return redirect(_step_url(dossier, index))
    evaluation = result.evaluation
    if action == "previous" and evaluation.previous_section(index) is not None:
        return redirect(_step_url(dossier, evaluation.previous_section(index)))
    if action == "next":
        following = evaluation.next_section(index)
        if following is None:
            return redirect("procedures:summary", public_id=dossier.public_id)
        return redirect(_step_url(dossier, following))
    messages.success(
        request,
        _("Brouillon enregistré à %(time)s. Vous pourrez le reprendre depuis « Mes dossiers ».")
        % {"time": timezone.localtime().strftime("%H:%M")},
    )
    return redirect(_step_url(dossier, index))


@access.applicant_required
@require_POST
def autosave(request, public_id, index):
    """htmx: save the section as it is and send back its fields (conditions re-evaluated).
    A beacon sent as the page is left saves quietly; any other post is the step's form."""
    dossier = access.own_dossier(request, public_id)
    if index >= len(services.spec_of(dossier).sections):
        raise Http404
    if request.POST.get("_beacon"):
        return _save_on_leaving(request, dossier, index)
    if not request.headers.get("HX-Request"):
        return _save_and_move(request, dossier, index)
    had_error = set(dossier.invalid_inputs)
    try:
        result = _save(request, dossier, index, expected_revision=_expected_revision(request))
    except services.NotEditable:
        return HttpResponse(status=409)
    except services.StaleRevision as stale:
        return _with_revision(HttpResponse(status=409), stale.revision)
    context = _step_context(
        request, dossier, index, errors=result.errors, evaluation=result.evaluation
    )
    context["changed"] = _changed_zones(request, context["views"], had_error, result.errors)
    context["saved_at"] = timezone.localtime()
    response = render(request, "procedures/apply/_autosaved.html", context)
    return _with_revision(response, dossier.revision)


def _save_on_leaving(request, dossier, index):
    """A keepalive request, when the page is hidden or closed (autosave.js): the fields changed
    since the last autosave, with their `_shown` keys, `_revision` and the CSRF token, no files.
    Nothing is rendered and no message is left for the next page; a page still open reads the
    new revision."""
    try:
        _save(request, dossier, index, expected_revision=_expected_revision(request))
    except services.NotEditable:
        return HttpResponse(status=409)
    except services.StaleRevision as stale:
        return _with_revision(HttpResponse(status=409), stale.revision)
    return _with_revision(HttpResponse(status=204), dossier.revision)


def _changed_zones(request, views, had_error, errors):
    """The zones a live save must redraw: fields that appeared or disappeared, computed and
    display-only fields, and the field just changed when its error appeared or went away.
    Fields being typed in are never redrawn (nothing typed is lost)."""
    shown = set(request.POST.getlist("_shown"))
    trigger = (request.headers.get("HX-Trigger") or "").removeprefix("zone-")
    changed = []
    for view in views:
        if not view.is_input:
            redraw = view.spec.condition is not None or view.type == "computed"
        elif view.key == trigger:
            redraw = (
                view.type == "attachment"  # show the file just sent, empty the file input
                or view.key in had_error
                or view.key in errors
                or not view.visible
            )
        else:
            redraw = (view.key in shown) != view.visible
        if redraw:
            changed.append(view)
    return changed


@access.applicant_required
@require_GET
def summary(request, public_id):
    dossier = access.own_dossier(request, public_id)
    evaluation = services.evaluate(dossier, validate=True)
    spec = services.spec_of(dossier)
    return render(
        request,
        "procedures/apply/summary.html",
        {
            "dossier": dossier,
            "procedure": dossier.procedure,
            "evaluation": evaluation,
            "sections": summary_sections(dossier, spec, evaluation),
            "problems": [
                (p, _step_url(dossier, p.section_index, query="?verifier=1", anchor=f"#{p.anchor}"))
                for p in evaluation.problems
            ],
            "editable": dossier.state in APPLICANT_EDITABLE_STATES,
            "total": len(evaluation.visible_sections) + 1,
        },
    )


@access.applicant_required
@require_POST
def submit(request, public_id):
    dossier = access.own_dossier(request, public_id)
    if dossier.state not in {DossierState.DRAFT, DossierState.CORRECTION_REQUESTED}:
        messages.info(request, _("Ce dossier est déjà déposé."))
        return redirect("procedures:dossier", public_id=public_id)
    try:
        services.submit(dossier, by=access.applicant_identity(request))
    except services.IncompleteDossier:
        messages.error(
            request,
            _("Le dossier n’est pas complet : complétez les éléments listés avant de le déposer."),
        )
        return redirect("procedures:summary", public_id=public_id)
    except services.TransitionNotAllowed:
        messages.info(request, _("Ce dossier est déjà déposé."))
        return redirect("procedures:dossier", public_id=public_id)
    messages.success(
        request,
        _(
            "Votre dossier n° %(number)s est déposé. Un accusé de réception vous a été "
            "envoyé par courriel."
        )
        % {"number": dossier.pk},
    )
    return redirect("procedures:dossier", public_id=public_id)
