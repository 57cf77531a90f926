"""Coordinators' pages: their programmes (created and edited here), the moderation queue, one
event's review, the aggregated agendas and the figures. Everyone else gets a 403 page that says
why."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from essaim.accounts.models import Organisation
from essaim.agenda import coordination_queries as queries
from essaim.agenda import coordination_services as coordination
from essaim.agenda import permissions
from essaim.agenda.coordination_forms import (
    AddOrganisationForm,
    ProgrammeForm,
    PublishForm,
    RefuseForm,
)
from essaim.agenda.enums import ModerationState
from essaim.agenda.models import Event, Programme
from essaim.agenda.organiser_views import already_done, forbidden, new_token, remember_done

T = "agenda/coordination/"
NOT_COORDINATOR = _(
    "Seuls les éditeurs et administrateurs de l’organisation qui coordonne ce programme "
    "peuvent modérer ses événements et voir ses chiffres."
)

NOT_EDITOR = _(
    "Pour créer un programme, il faut être éditeur ou administrateur de l’organisation qui le "
    "coordonnera. Demandez ce rôle à un administrateur de votre organisation."
)


def _breadcrumb(current, programme=None) -> dict:
    links = [
        {"url": reverse("agenda:index"), "title": _("Agenda")},
        {"url": reverse("agenda:coordination_home"), "title": _("Coordination")},
    ]
    if programme is not None:
        links.append(
            {
                "url": reverse("agenda:coordination_programme", args=[programme.slug]),
                "title": programme.name,
            }
        )
    return {"breadcrumb_data": {"links": links, "current": current}}


def _coordinated(request, slug):
    programme = get_object_or_404(Programme, slug=slug)
    if permissions.can_coordinate(request.user, programme):
        return programme, None
    return programme, forbidden(request, NOT_COORDINATOR)


@login_required
def home(request):
    programmes = permissions.programmes_coordinated_by(request.user, Programme.objects.all())
    can_create = permissions.can_create_programme(request.user)
    if not (can_create or programmes.exists()):
        return forbidden(request, NOT_COORDINATOR)
    context = {
        "programmes": programmes.select_related("coordinator"),
        "can_create": can_create,
        **_breadcrumb(_("Coordination")),
    }
    context["breadcrumb_data"]["links"].pop()
    return render(request, T + "home.html", context)


@login_required
def programme_page(request, slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    context = {
        "programme": programme,
        "queue": queries.queue(programme),
        "published": queries.own_events(programme, state=ModerationState.PUBLISHED),
        "refused": queries.own_events(programme, state=ModerationState.REFUSED),
        "aggregated": queries.aggregated_events(programme)[:200],
        "counts": queries.state_counts(programme),
        **_breadcrumb(programme.name),
    }
    context["breadcrumb_data"]["links"].pop()
    return render(request, T + "programme.html", context)


@login_required
def programme_create(request):
    if not permissions.can_create_programme(request.user):
        return forbidden(request, NOT_EDITOR)
    return _programme_form(request, Programme())


@login_required
def programme_edit(request, slug):
    programme, refused = _coordinated(request, slug)
    return refused or _programme_form(request, programme)


def _programme_form(request, programme):
    """Create or edit a programme; on error the page comes back with everything typed."""
    creating, name = programme.pk is None, programme.name
    form = ProgrammeForm(request.POST or None, instance=programme, user=request.user)
    if request.method == "POST":
        if done := already_done(request):
            messages.info(request, _("Ce formulaire était déjà enregistré : voici le résultat."))
            return redirect(done)
        if form.is_valid():
            try:
                saved = coordination.save_programme(
                    form.save(commit=False),
                    by=request.user,
                    territories=form.territories(),
                    themes=form.cleaned_data["themes"],
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                url = reverse("agenda:coordination_programme", args=[saved.slug])
                remember_done(request, url)
                messages.success(
                    request,
                    _("Programme « %(name)s » créé.") % {"name": saved.name}
                    if creating
                    else _("Programme « %(name)s » modifié.") % {"name": saved.name},
                )
                return redirect(url)
        messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))
    if creating:
        title = _("Créer un programme")
        context = _breadcrumb(title)
        cancel_url = reverse("agenda:coordination_home")
    else:
        title = _("Modifier « %(name)s »") % {"name": name}
        context = _breadcrumb(_("Modifier le programme"), programme)
        cancel_url = reverse("agenda:coordination_programme", args=[programme.slug])
    context |= {
        "title": title,
        "programme": programme,
        "form": form,
        "sections": form.sections(),
        "cancel_url": cancel_url,
        "submission_token": request.POST.get("submission_token") or new_token(),
    }
    return render(request, T + "programme_form.html", context, status=400 if form.errors else 200)


def _event_of(programme, slug):
    return get_object_or_404(
        Event.objects.select_related("organiser", "programme", "commune"),
        programme=programme,
        slug=slug,
    )


def _review(request, programme, event, *, publish_form=None, refuse_form=None, status=200):
    context = {
        "programme": programme,
        "event": event,
        "sessions": list(event.sessions.all()),
        "speakers": list(event.speakers.all()),
        "publish_form": publish_form or PublishForm(),
        "refuse_form": refuse_form or RefuseForm(),
        "log": event.log.select_related("by")[:20],
        **_breadcrumb(event.title, programme),
    }
    return render(request, T + "review.html", context, status=status)


@login_required
def review(request, slug, event_slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    return _review(request, programme, _event_of(programme, event_slug))


@login_required
@require_POST
def publish(request, slug, event_slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    event = _event_of(programme, event_slug)
    form = PublishForm(request.POST)
    if not form.is_valid():
        return _review(request, programme, event, publish_form=form)
    try:
        coordination.publish_event(event, by=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("agenda:coordination_review", slug, event.slug)
    messages.success(
        request,
        _("« %(title)s » est publié ; son organisateur est prévenu.") % {"title": event.title},
    )
    return redirect("agenda:coordination_programme", slug)


@login_required
@require_POST
def refuse(request, slug, event_slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    event = _event_of(programme, event_slug)
    form = RefuseForm(request.POST)
    if form.is_valid():
        try:
            coordination.refuse_event(event, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("« %(title)s » est refusé ; son organisateur a reçu votre message.")
                % {"title": event.title},
            )
            return redirect("agenda:coordination_programme", slug)
    messages.error(request, _("Le refus n’est pas enregistré : corrigez le champ en rouge."))
    return _review(request, programme, event, refuse_form=form)


@login_required
@require_POST
def feature(request, slug, event_slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    event = _event_of(programme, event_slug)
    featured = request.POST.get("featured") == "1"
    try:
        coordination.set_featured(event, programme=programme, by=request.user, featured=featured)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("« %(title)s » est à la une du programme.") % {"title": event.title}
            if featured
            else _("« %(title)s » n’est plus à la une.") % {"title": event.title},
        )
    return redirect("agenda:coordination_programme", slug)


@login_required
def aggregation(request, slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    form = AddOrganisationForm(request.POST or None)
    if request.method == "POST":
        if "remove" in request.POST:
            organisation = get_object_or_404(Organisation, pk=request.POST.get("remove"))
            coordination.remove_aggregated_organisation(
                programme, organisation=organisation, by=request.user
            )
            messages.success(
                request,
                _("L’agenda de %(name)s n’est plus agrégé.") % {"name": organisation.name},
            )
            return redirect("agenda:coordination_aggregation", slug)
        if form.is_valid():
            organisation = form.cleaned_data["organisation"]
            coordination.add_aggregated_organisation(
                programme, organisation=organisation, by=request.user
            )
            messages.success(
                request,
                _(
                    "Les événements publiés de %(name)s qui tombent dans les dates et les thèmes "
                    "du programme y figurent désormais."
                )
                % {"name": organisation.name},
            )
            return redirect("agenda:coordination_aggregation", slug)
    context = {
        "programme": programme,
        "form": form,
        "organisations": programme.aggregated_organisations.order_by("name"),
        "themes": list(programme.themes.all()),
        **_breadcrumb(_("Agendas agrégés"), programme),
    }
    return render(request, T + "aggregation.html", context)


@login_required
def figures(request, slug):
    programme, refused = _coordinated(request, slug)
    if refused:
        return refused
    context = {
        "programme": programme,
        "figures": queries.figures(programme),
        **_breadcrumb(_("Chiffres"), programme),
    }
    return render(request, T + "figures.html", context)


@login_required
def archive(request, slug):
    """« Archiver »: a confirmation page, then the edition leaves the current programmes and
    its call closes; its page and events stay readable."""
    programme = get_object_or_404(Programme, slug=slug)
    if not permissions.can_archive_programme(request.user, programme):
        return forbidden(request, NOT_COORDINATOR)
    if request.method == "POST":
        try:
            coordination.archive_programme(programme, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _(
                    "« %(name)s » est archivé : il ne figure plus parmi les programmes en cours "
                    "et son appel à événements est fermé."
                )
                % {"name": programme.name},
            )
        return redirect("agenda:coordination_programme", slug)
    context = {
        "programme": programme,
        **_breadcrumb(_("Archiver le programme"), programme),
    }
    return render(request, T + "archive.html", context)
