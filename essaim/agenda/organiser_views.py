"""Organisers' pages: their events, the guided form with its preview, submit, duplicate.

Anonymous visitors are sent to the sign-in page; signed-in people without the right get a 403
page that says why; events they may not see are 404.
"""

import uuid

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.agenda import organiser_services, permissions, services
from essaim.agenda.enums import ModerationState, PublicStatus
from essaim.agenda.models import Event, EventImport, Programme
from essaim.agenda.organiser_forms import EventForm, SessionFormSet, session_initial
from essaim.agenda.status_forms import StatusForm, WithdrawForm
from essaim.core.refusals import forbidden_page

T = "agenda/organiser/"
SESSIONS_PREFIX = "seances"


def forbidden(request, message):
    return forbidden_page(
        request, message, back_url=reverse("agenda:index"), back_label=_("Revenir à l’agenda")
    )


def breadcrumb(current, *links) -> dict:
    return {
        "breadcrumb_data": {
            "links": [
                {"url": reverse("agenda:index"), "title": _("Agenda")},
                {"url": reverse("agenda:organiser_dashboard"), "title": _("Mes événements")},
                *links,
            ],
            "current": current,
        }
    }


def editable_event(request, slug):
    """(event, None) when `request.user` may edit it, else (event or None, a 403/404)."""
    event = get_object_or_404(Event.objects.visible_to(request.user), slug=slug)
    if permissions.can_edit_event(request.user, event):
        return event, None
    return event, forbidden(
        request,
        _(
            "Seuls les membres de l’organisation qui organise cet événement, et les "
            "coordinateurs de son programme, peuvent le modifier."
        ),
    )


_DONE_KEY = "agenda_done_submissions"


def already_done(request) -> str | None:
    """Where a form posted twice (a double click, a reload) already led, or None.

    Forms that create something carry a random `submission_token`; the session remembers the
    last ones that succeeded and the address they led to.
    """
    token = request.POST.get("submission_token", "")
    return request.session.get(_DONE_KEY, {}).get(token) if token else None


def remember_done(request, url: str) -> None:
    token = request.POST.get("submission_token", "")
    if token:
        done = request.session.get(_DONE_KEY, {})
        done[token] = url
        request.session[_DONE_KEY] = dict(list(done.items())[-20:])


def new_token() -> str:
    return uuid.uuid4().hex


NO_ORGANISATION = _(
    "Pour proposer un événement, il faut être membre d’une organisation. Rejoignez la vôtre "
    "(demandez une invitation à ses administrateurs) ou créez-la depuis « Mon espace »."
)


@login_required
def dashboard(request):
    organisations = permissions.organisations_for_events(request.user)
    if not organisations.exists():
        return forbidden(request, NO_ORGANISATION)
    events = (
        Event.objects.filter(organiser__in=organisations)
        .select_related("programme", "organiser")
        .order_by("-starts_at", "pk")
    )
    context = {
        "events": events[:200],
        "open_programmes": Programme.objects.published().open_for_submissions(),
        "imports": EventImport.objects.filter(organiser__in=organisations)[:5],
        "can_create_programme": permissions.can_create_programme(request.user),
        **breadcrumb(_("Mes événements")),
    }
    context["breadcrumb_data"]["links"].pop()
    return render(request, T + "dashboard.html", context)


@login_required
def event_create(request):
    if not permissions.organisations_for_events(request.user).exists():
        return forbidden(request, NO_ORGANISATION)
    event = Event()
    programme = Programme.objects.filter(slug=request.GET.get("programme", "")).first()
    return _edit(request, event, initial={"programme": programme} if programme else None)


@login_required
def event_edit(request, slug):
    event, refused = editable_event(request, slug)
    return refused or _edit(request, event)


def _edit(request, event, initial=None):
    created = event.pk is None
    data = request.POST if request.method == "POST" else None
    adding = data is not None and "add_session" in data
    if adding:  # one more empty session row, without saving nor losing anything typed
        data = data.copy()
        total = f"{SESSIONS_PREFIX}-TOTAL_FORMS"
        data[total] = str(min(int(data.get(total) or 0), 59) + 1)
    files = request.FILES if data is not None else None
    form = EventForm(data, files, instance=event, user=request.user, initial=initial)
    programme = None
    if data is not None:
        form.is_valid()  # the sessions are checked against the chosen programme's dates
        programme = form.cleaned_data.get("programme")
    sessions = SessionFormSet(
        data,
        prefix=SESSIONS_PREFIX,
        programme=programme,
        initial=None if created else session_initial(event),
    )
    if data is not None and not adding and (done := already_done(request)):
        messages.info(request, _("Ce formulaire était déjà enregistré : voici le résultat."))
        return redirect(done)
    if data is not None and not adding:
        if form.is_valid() and sessions.is_valid():
            try:
                saved = organiser_services.save_event_form(
                    form, sessions=sessions.sessions(), by=request.user
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                preview = reverse("agenda:organiser_preview", args=[saved.slug])
                remember_done(request, preview)
                messages.success(
                    request,
                    _("Brouillon enregistré. Relisez l’aperçu, puis soumettez l’événement.")
                    if saved.moderation_state == ModerationState.DRAFT
                    else _("Modifications enregistrées."),
                )
                return redirect(preview)
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    title = (
        _("Proposer un événement")
        if created
        else _("Modifier « %(title)s »") % {"title": event.title}
    )
    context = {
        "title": title,
        "event": event,
        "form": form,
        "sections": form.sections(),
        "sessions": sessions,
        "submission_token": (data or {}).get("submission_token") or new_token(),
        **breadcrumb(title),
    }
    return render(request, T + "form.html", context)


@login_required
def event_preview(request, slug):
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    programme = event.programme
    context = {
        "event": event,
        "sessions": list(event.sessions.all()),
        "speakers": list(event.speakers.all()),
        "can_submit": programme is not None
        and programme.call_is_open()
        and event.moderation_state in (ModerationState.DRAFT, ModerationState.REFUSED),
        "can_publish": programme is None
        and event.moderation_state == ModerationState.DRAFT
        and permissions.can_publish_directly(request.user, event),
        "can_coordinate": permissions.can_coordinate(request.user, programme),
        **breadcrumb(_("Aperçu de « %(title)s »") % {"title": event.title}),
    }
    return render(request, T + "preview.html", context)


@login_required
@require_POST
def event_submit(request, slug):
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    try:
        services.submit(event, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _(
                "Événement soumis aux coordinateurs de « %(programme)s ». Vous recevrez un "
                "courriel quand ils l’auront publié ou s’ils ont une remarque."
            )
            % {"programme": event.programme.name},
        )
    return redirect("agenda:organiser_preview", slug=event.slug)


@login_required
@require_POST
def event_publish(request, slug):
    """Outside a programme, an editor of the organiser publishes straight away."""
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    if not permissions.can_publish_directly(request.user, event):
        return forbidden(
            request,
            _(
                "Seuls les éditeurs et administrateurs de l’organisation publient ses "
                "événements ; dans un programme, ce sont ses coordinateurs."
            ),
        )
    try:
        services.publish(event, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Événement publié : il apparaît dans l’agenda."))
    return redirect("agenda:organiser_preview", slug=event.slug)


@login_required
@require_POST
def event_duplicate(request, slug):
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    if not permissions.can_organise_for(request.user, event.organiser):
        return forbidden(
            request, _("Seuls les membres de l’organisation qui organise cet événement le copient.")
        )
    copy = organiser_services.duplicate_event(event, by=request.user)
    messages.success(
        request,
        _("Copie créée en brouillon. Changez au moins ses dates, puis enregistrez-la."),
    )
    return redirect("agenda:organiser_edit", slug=copy.slug)


@login_required
def event_status(request, slug):
    """Change the public status of a published event; its registrants are told by e-mail."""
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    if event.moderation_state != ModerationState.PUBLISHED:
        messages.error(request, _("Seul un événement publié change de statut public."))
        return redirect("agenda:organiser_preview", slug=event.slug)
    form = StatusForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_status(
                event,
                to=form.cleaned_data["status"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Statut changé en « %(status)s » ; les inscrits sont prévenus par courriel.")
                % {"status": PublicStatus(event.status).label},
            )
            return redirect("agenda:organiser_preview", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "is_final": not form.fields["status"].choices,
        "registrant_count": event.confirmed_count + event.waitlist_count,
        **breadcrumb(_("Statut de « %(title)s »") % {"title": event.title}),
    }
    return render(request, T + "status.html", context, status=400 if form.errors else 200)


@login_required
def event_withdraw(request, slug):
    """« Retirer de l’agenda »: a confirmation page, then the event goes back to draft and its
    registrants receive the reason with a cancellation of their invitation."""
    event, refused = editable_event(request, slug)
    if refused:
        return refused
    if not permissions.can_withdraw_event(request.user, event):
        return forbidden(
            request,
            _(
                "Seuls les membres de l’organisation qui organise cet événement, et les "
                "coordinateurs de son programme, peuvent le retirer de l’agenda."
            ),
        )
    if event.moderation_state != ModerationState.PUBLISHED:
        messages.error(request, _("Seul un événement publié peut être retiré de l’agenda."))
        return redirect("agenda:organiser_preview", slug=event.slug)
    form = WithdrawForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.back_to_draft(event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _(
                    "Événement retiré de l’agenda et repassé en brouillon ; les inscrits sont "
                    "prévenus par courriel."
                ),
            )
            return redirect("agenda:organiser_preview", slug=event.slug)
    context = {
        "event": event,
        "form": form,
        "registrant_count": event.confirmed_count + event.waitlist_count,
        **breadcrumb(_("Retirer « %(title)s » de l’agenda") % {"title": event.title}),
    }
    return render(request, T + "withdraw.html", context, status=400 if form.errors else 200)
