"""Instruction pages: my procedures, the table of dossiers, a dossier (answers, documents,
history, annotations, messages, state changes), exports.

Only instructors get in: a procedure's table needs a seat in one of its groups (403 otherwise);
a dossier is fetched through `Dossier.objects.instructed_by(user)` (404 for anyone else).
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.procedures import instruction_queries as queries
from essaim.procedures import instruction_services as instruction
from essaim.procedures import saved_views
from essaim.procedures.builder_views import forbidden
from essaim.procedures.documents import signed_url
from essaim.procedures.enums import DossierState, transition_for, transitions_from
from essaim.procedures.instruction_display import annotation_rows, answer_rows
from essaim.procedures.instruction_forms import (
    FiltersForm,
    MessageForm,
    OpinionRequestForm,
    TransitionForm,
)
from essaim.procedures.messaging import messages_with_links
from essaim.procedures.models import Dossier, Procedure
from essaim.procedures.presentation import document_labels
from essaim.procedures.spec import FormSpec

T = "procedures/instruction/"
PAGE_SIZE = 50
NOT_INSTRUCTOR = _(
    "Seuls les instructeurs de cette démarche voient ses dossiers. Demandez à un éditeur de "
    "la démarche de vous ajouter à un groupe instructeur."
)


def _breadcrumb(current, procedure=None) -> dict:
    links = [{"url": reverse("procedures:instruction_index"), "title": _("Instruction")}]
    if procedure is not None:
        links.append(
            {
                "url": reverse("procedures:instruction_procedure", args=[procedure.pk]),
                "title": procedure.title,
            }
        )
    return {"breadcrumb_data": {"links": links, "current": current}}


def instructed_procedure_or_403(request, pk):
    procedure = get_object_or_404(Procedure.objects.select_related("organisation"), pk=pk)
    if queries.is_instructor_of(request.user, procedure):
        return procedure, None
    return procedure, forbidden(request, NOT_INSTRUCTOR)


def instructed_dossier(request, public_id):
    return get_object_or_404(
        Dossier.objects.instructed_by(request.user).select_related(
            "procedure__organisation", "version", "applicant", "group"
        ),
        public_id=public_id,
    )


@login_required
def instruction_index(request):
    context = {
        "procedures": queries.procedures_instructed_by(request.user).order_by("title"),
        "breadcrumb_data": {"links": [], "current": _("Instruction")},
    }
    return render(request, T + "index.html", context)


@login_required
def instruction_procedure(request, pk):
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    filters = queries.DossierFilters.from_querydict(request.GET)
    groups = list(queries.groups_of(request.user, procedure))
    form = FiltersForm(
        request.GET or None,
        counts=queries.state_counts(request.user, procedure, groups=groups),
        groups=groups,
    )
    page = queries.table_page(
        request.user,
        procedure,
        filters,
        request.GET.get("page"),
        per_page=PAGE_SIZE,
        groups=groups,
    )
    late = queries.late_numbers(page.object_list, procedure)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "procedure": procedure,
        "form": form,
        "page_obj": page,
        "late": late,
        "query": query.urlencode(),
        "stats": queries.processing_days(procedure, request.user, groups=groups),
        "saved_views": saved_views.views_of(request.user, procedure),
        "current_query": saved_views.normalise(request.GET.urlencode()),
        **_breadcrumb(procedure.title),
    }
    context["breadcrumb_data"]["links"] = context["breadcrumb_data"]["links"][:1]
    return render(request, T + "procedure.html", context)


@login_required
def instruction_dashboard(request, pk):
    """Deadlines per state, late dossiers and processing times of the dossiers one instructs."""
    procedure, refused = instructed_procedure_or_403(request, pk)
    if refused:
        return refused
    context = {
        "procedure": procedure,
        "rows": queries.deadline_dashboard(procedure, request.user),
        "stats": queries.processing_days(procedure, request.user),
        **_breadcrumb(_("Délais de traitement"), procedure),
    }
    return render(request, T + "dashboard.html", context)


def _dossier_context(
    request, dossier, *, transition_forms=None, message_form=None, errors=None, opinion_form=None
):
    procedure = dossier.procedure
    available = transitions_from(dossier.state, actor="instructor")
    labels = document_labels(dossier, FormSpec.for_version(dossier.version))
    forms_by_name = transition_forms or {}
    return {
        "procedure": procedure,
        "dossier": dossier,
        "sections": answer_rows(dossier),
        "annotations": annotation_rows(dossier, errors=errors or {}, posted=request.POST),
        "annotation_errors": errors or {},
        "transitions": [
            {
                "transition": t,
                "form": forms_by_name.get(t.name) or TransitionForm(transition=t, prefix=t.name),
            }
            for t in available
        ],
        "message_form": message_form or MessageForm(),
        "opinion_form": opinion_form or OpinionRequestForm(),
        "opinions": dossier.opinions.select_related("requested_by"),
        "messages_list": messages_with_links(dossier, user=request.user),
        "history": dossier.transitions.select_related("actor"),
        "attachments": [
            {
                "attachment": a,
                "url": signed_url(a, user=request.user),
                "label": labels.get(str(a.pk), ""),
            }
            for a in dossier.attachments.filter(message__isnull=True)
        ],
        "deadline": queries.deadline_of(dossier, procedure),
        "is_late": queries.is_late(dossier, procedure),
        **_breadcrumb(_("Dossier n° %(number)s") % {"number": dossier.pk}, procedure),
    }


@login_required
def instruction_dossier(request, public_id):
    dossier = instructed_dossier(request, public_id)
    return render(request, T + "dossier.html", _dossier_context(request, dossier))


@require_POST
@login_required
def instruction_transition(request, public_id):
    dossier = instructed_dossier(request, public_id)
    name = request.POST.get("transition", "")
    transition = transition_for(dossier.state, name)
    if transition is None or transition.actor != "instructor":
        messages.error(
            request,
            _("Ce changement d’état n’est plus possible : le dossier est « %(state)s ».")
            % {"state": DossierState(dossier.state).label},
        )
        return redirect("procedures:instruction_dossier", public_id=dossier.public_id)
    form = TransitionForm(request.POST, transition=transition, prefix=name)
    if form.is_valid():
        try:
            instruction.change_state(
                dossier,
                name=name,
                by=request.user,
                reason=form.cleaned_data["reason"],
                deadline=form.deadline_at(),
            )
        except ValidationError as error:
            form.add_error("reason", error)
        else:
            messages.success(
                request,
                _("Dossier n° %(number)s : « %(label)s » fait ; le demandeur est prévenu.")
                % {"number": dossier.pk, "label": transition.label},
            )
            return redirect("procedures:instruction_dossier", public_id=dossier.public_id)
    messages.error(request, _("Le changement d’état n’est pas fait : voyez le message en rouge."))
    context = _dossier_context(request, dossier, transition_forms={name: form})
    return render(request, T + "dossier.html", context, status=400)


@require_POST
@login_required
def instruction_annotations(request, public_id):
    dossier = instructed_dossier(request, public_id)
    raw = {key: request.POST.get(key) for key in request.POST if key != "csrfmiddlewaretoken"}
    errors = instruction.save_annotations(dossier, raw=raw, by=request.user)
    if not errors:
        messages.success(request, _("Annotations privées enregistrées."))
        return redirect(
            reverse("procedures:instruction_dossier", args=[dossier.public_id]) + "#annotations"
        )
    messages.error(
        request,
        _("Certaines annotations sont à corriger ; les autres sont enregistrées."),
    )
    dossier.refresh_from_db()
    context = _dossier_context(request, dossier, errors=errors)
    return render(request, T + "dossier.html", context, status=400)


@require_POST
@login_required
def instruction_message(request, public_id):
    dossier = instructed_dossier(request, public_id)
    form = MessageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            instruction.post_message(
                dossier,
                body=form.cleaned_data["body"],
                by=request.user,
                files=request.FILES.getlist("files"),
            )
        except ValidationError as error:
            form.add_error("files", error)
        else:
            messages.success(request, _("Message envoyé au demandeur."))
            return redirect(
                reverse("procedures:instruction_dossier", args=[dossier.public_id]) + "#messagerie"
            )
    messages.error(request, _("Le message n’est pas parti : voyez le message en rouge."))
    context = _dossier_context(request, dossier, message_form=form)
    return render(request, T + "dossier.html", context, status=400)
