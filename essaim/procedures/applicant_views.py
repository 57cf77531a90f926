"""The applicant's pages: procedures open to the public, the step-by-step form, the summary,
submission, "Mes dossiers", the receipt and documents."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from essaim.procedures import access, documents, guests, rendering, services
from essaim.procedures.apply_forms import GuestStartForm
from essaim.procedures.enums import APPLICANT_EDITABLE_STATES, Audience, DossierState
from essaim.procedures.models import Attachment, Dossier, Procedure
from essaim.procedures.pdf import pdf_response
from essaim.procedures.permissions import can_apply, can_use_builder, is_instructor
from essaim.procedures.presentation import documents_to_prepare, summary_sections


@require_GET
def procedure_list(request):
    procedures = Procedure.objects.open_at().select_related("organisation").order_by("title")
    context = {
        "procedures": procedures,
        "can_use_builder": can_use_builder(request.user),
        "is_instructor": is_instructor(request.user),
    }
    return render(request, "procedures/apply/list.html", context)


def _detail_context(request, procedure, *, guest_form=None) -> dict:
    version = procedure.published_version
    drafts = (
        Dossier.objects.owned_by(request.user).filter(procedure=procedure, state=DossierState.DRAFT)
        if request.user.is_authenticated
        else Dossier.objects.none()
    )
    allowed = can_apply(request.user, procedure) and version is not None
    return {
        "procedure": procedure,
        "documents": documents_to_prepare(procedure, version) if version else [],
        "can_apply": allowed,
        "guest_form": (guest_form or GuestStartForm())
        if allowed and not request.user.is_authenticated
        else None,
        "drafts": drafts,
    }


@require_GET
def procedure_detail(request, slug):
    procedure = get_object_or_404(
        Procedure.objects.published().select_related("organisation"), slug=slug
    )
    return render(request, "procedures/apply/detail.html", _detail_context(request, procedure))


@require_POST
def start(request, slug):
    procedure = get_object_or_404(Procedure.objects.published(), slug=slug)
    if not request.user.is_authenticated:
        if procedure.audience != Audience.ANYONE:
            return redirect_to_login(reverse("procedures:detail", args=[slug]))
        return _start_as_guest(request, procedure)
    try:
        dossier = services.start_dossier(procedure=procedure, applicant=request.user)
    except PermissionDenied:
        messages.error(request, _("Cette démarche n’accepte pas de nouveau dossier de votre part."))
        return redirect("procedures:detail", slug=procedure.slug)
    return redirect("procedures:step", public_id=dossier.public_id, index=_first(dossier))


def _start_as_guest(request, procedure):
    form = GuestStartForm(request.POST)
    if not form.is_valid():
        context = _detail_context(request, procedure, guest_form=form)
        return render(request, "procedures/apply/detail.html", context, status=400)
    try:
        dossier = services.start_dossier(
            procedure=procedure, applicant=None, guest_email=form.cleaned_data["email"]
        )
    except PermissionDenied:
        messages.error(request, _("Cette démarche n’accepte pas de nouveau dossier en ce moment."))
        return redirect("procedures:detail", slug=procedure.slug)
    access.remember_guest_dossier(request, dossier)
    messages.success(
        request,
        _(
            "Votre dossier n° %(number)s est créé. Nous avons envoyé à %(email)s un lien "
            "personnel pour le reprendre plus tard : gardez ce courriel."
        )
        % {"number": dossier.pk, "email": dossier.guest_email},
    )
    return redirect("procedures:step", public_id=dossier.public_id, index=_first(dossier))


@require_GET
def resume(request, token):
    """The secret link e-mailed to a person without an account: opens their dossier."""
    public_id = guests.public_id_from(token)
    dossier = (
        Dossier.objects.filter(public_id=public_id, applicant__isnull=True)
        .exclude(guest_email="")
        .first()
        if public_id
        else None
    )
    if dossier is None:
        return render(request, "procedures/apply/resume_invalid.html", status=404)
    access.remember_guest_dossier(request, dossier)
    return redirect("procedures:dossier", public_id=dossier.public_id)


def _first(dossier) -> int:
    visible = services.evaluate(dossier).visible_sections
    return visible[0] if visible else 0


def _own(request, public_id) -> Dossier:
    return access.own_dossier(request, public_id)


@login_required
@require_GET
def my_dossiers(request):
    dossiers = (
        Dossier.objects.owned_by(request.user).select_related("procedure").order_by("-updated_at")
    )
    return render(request, "procedures/apply/my_dossiers.html", {"dossiers": dossiers})


def _step_context(request, dossier, index, *, errors=None, add_row=None, saved_at=None):
    spec = services.spec_of(dossier)
    check = request.GET.get("verifier") == "1"
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
    dossier = _own(request, public_id)
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
    context = _step_context(request, dossier, index, add_row=request.GET.get("ajout"))
    return render(request, "procedures/apply/step.html", context)


def _step_url(dossier, index, *, query="", anchor=""):
    url = reverse("procedures:step", args=[dossier.public_id, index])
    return f"{url}{query}{anchor}"


def _save(request, dossier, index):
    return services.save_step(
        dossier,
        section_index=index,
        data=request.POST,
        files=request.FILES,
        by=access.applicant_identity(request),
        shown_keys=request.POST.getlist("_shown"),
    )


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
    """htmx: save the section as it is and send back its fields (conditions re-evaluated)."""
    dossier = _own(request, public_id)
    if index >= len(services.spec_of(dossier).sections):
        raise Http404
    if not request.headers.get("HX-Request"):
        return _save_and_move(request, dossier, index)
    had_error = set(dossier.invalid_inputs)
    try:
        result = _save(request, dossier, index)
    except services.NotEditable:
        return HttpResponse(status=409)
    context = _step_context(request, dossier, index, errors=result.errors)
    context["changed"] = _changed_zones(request, context["views"], had_error, result.errors)
    context["saved_at"] = timezone.localtime()
    return render(request, "procedures/apply/_autosaved.html", context)


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
    dossier = _own(request, public_id)
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
    dossier = _own(request, public_id)
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


@access.applicant_required
@require_GET
def dossier_detail(request, public_id):
    dossier = _own(request, public_id)
    return render(request, "procedures/apply/dossier.html", dossier_page_context(request, dossier))


def dossier_page_context(request, dossier, *, message_form=None) -> dict:
    from essaim.procedures.apply_forms import ApplicantMessageForm
    from essaim.procedures.messaging import messages_with_links

    evaluation = services.evaluate(dossier)
    spec = services.spec_of(dossier)
    return {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "sections": summary_sections(dossier, spec, evaluation, user=request.user),
        "transitions": dossier.transitions.order_by("at", "pk"),
        "editable": dossier.state in APPLICANT_EDITABLE_STATES,
        "resume_index": _resume_index(dossier, evaluation),
        "messages_list": messages_with_links(dossier, user=request.user),
        "message_form": message_form or ApplicantMessageForm(),
        "can_write": dossier.state != DossierState.DRAFT,
    }


def _resume_index(dossier, evaluation):
    later = [i for i in evaluation.visible_sections if i >= dossier.last_step]
    return later[0] if later else (evaluation.visible_sections or [0])[0]


@access.applicant_required
@require_GET
def receipt(request, public_id):
    dossier = _own(request, public_id)
    if dossier.submitted_at is None:
        raise Http404
    spec = services.spec_of(dossier)
    context = {
        "dossier": dossier,
        "procedure": dossier.procedure,
        "sections": summary_sections(dossier, spec, services.evaluate(dossier)),
        "documents": Attachment.objects.filter(dossier=dossier, message__isnull=True),
    }
    if request.GET.get("format") == "pdf":
        return pdf_response(
            "procedures/apply/receipt_pdf.html",
            context,
            filename=f"accuse-reception-{dossier.pk}.pdf",
            request=request,
        )
    return render(request, "procedures/apply/receipt.html", context)


@require_GET
def document(request, token):
    """A document, through a short-lived link made for the person asking."""
    try:
        attachment_id, user_id = documents.read_token(token)
    except signing.SignatureExpired:
        return render(request, "procedures/apply/link_expired.html", status=410)
    except signing.BadSignature:
        raise Http404 from None
    attachment = get_object_or_404(Attachment.objects.select_related("dossier"), pk=attachment_id)
    if not access.may_download(request, attachment, holder=user_id):
        raise Http404
    response = FileResponse(
        attachment.file.open("rb"),
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
