"""Registering, confirming the address, cancelling (self-service links), my registrations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from essaim.agenda import registrations
from essaim.agenda.enums import RegistrationStatus
from essaim.agenda.forms import RegistrationForm
from essaim.agenda.models import CalendarFeed, Event, Registration
from essaim.agenda.notifications import session_lines
from essaim.agenda.registration_links import registration_from_link, registration_path
from essaim.agenda.views import event_detail, show_online_link

_STATUS_MESSAGES = {
    RegistrationStatus.PENDING: _(
        "Presque fini : ouvrez le courriel que nous venons de vous envoyer et confirmez votre "
        "adresse pour réserver votre place."
    ),
    RegistrationStatus.CONFIRMED: _(
        "Vous êtes inscrit. La confirmation et l’invitation pour votre agenda arrivent "
        "par courriel."
    ),
    RegistrationStatus.WAITLISTED: _(
        "L’événement est complet : vous êtes sur la liste d’attente. Nous vous écrirons dès "
        "qu’une place se libère."
    ),
}


@require_POST
def register(request, slug):
    """POST of the registration form on an event's page; re-renders the page on error."""
    event = get_object_or_404(Event.objects.published(), slug=slug)
    form = RegistrationForm(request.POST, user=request.user)
    if not form.is_valid():
        request.method = "GET"
        return event_detail(request, slug, form=form)
    user = request.user if request.user.is_authenticated else None
    try:
        registration = registrations.register(
            event,
            user=user,
            email=form.cleaned_data.get("email", ""),
            name=form.cleaned_data.get("name", ""),
            organisation_name=form.cleaned_data.get("organisation_name", ""),
        )
    except ValidationError as error:
        for message in error.messages:
            form.add_error(None, message)
        request.method = "GET"
        return event_detail(request, slug, form=form)
    messages.success(request, _STATUS_MESSAGES[registration.status])
    if user is None:
        return redirect(registration_path(registration))
    return redirect(event.get_absolute_url())


@require_http_methods(["GET", "POST"])
def registration_page(request, link):
    """The self-service page of a registration (its signed link is in every e-mail): see,
    confirm the address, cancel. A tampered or revoked link gets a page that says so."""
    registration = registration_from_link(
        link, Registration.objects.select_related("event__organiser", "event__commune")
    )
    if registration is None:
        return render(
            request,
            "agenda/registration_invalid.html",
            {
                "breadcrumb_data": {
                    "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}],
                    "current": _("Lien non valide"),
                }
            },
        )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "confirmer":
                registration = registrations.confirm_email(registration)
                messages.success(request, _STATUS_MESSAGES[registration.status])
            elif action == "annuler":
                registrations.cancel_registration(registration, by=None)
                messages.success(
                    request,
                    _("Votre inscription est annulée. Un courriel vous le confirme."),
                )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        return redirect(registration_path(registration))
    event = registration.event
    return render(
        request,
        "agenda/registration.html",
        {
            "registration": registration,
            "event": event,
            "sessions": session_lines(event),
            "show_online_link": show_online_link(event, registration),
            "breadcrumb_data": {
                "links": [
                    {"url": reverse("agenda:index"), "title": _("Agenda")},
                    {"url": event.get_absolute_url(), "title": event.title},
                ],
                "current": _("Mon inscription"),
            },
        },
    )


@require_POST
def cancel_own(request, slug):
    """Cancel the signed-in person's registration from the event's page."""
    event = get_object_or_404(Event.objects.all(), slug=slug)
    if not request.user.is_authenticated:
        return redirect(f"{reverse('accounts:login')}?next={event.get_absolute_url()}")
    registration = get_object_or_404(
        Registration.objects.active(), event=event, email=request.user.email.lower()
    )
    registrations.cancel_registration(registration, by=request.user)
    messages.success(request, _("Votre inscription est annulée. Un courriel vous le confirme."))
    return redirect(event.get_absolute_url())


@login_required
def my_registrations(request):
    """The signed-in person's registrations and the secret address of their calendar."""
    feed, _created = CalendarFeed.objects.get_or_create(user=request.user)
    registrations_list = (
        Registration.objects.active()
        .filter(email=request.user.email.lower())
        .select_related("event")
        .order_by("event__starts_at")
    )
    return render(
        request,
        "agenda/my_registrations.html",
        {
            "registrations": registrations_list,
            "feed_url": request.build_absolute_uri(
                reverse("agenda:personal_feed", args=[feed.token])
            ),
            "breadcrumb_data": {
                "links": [{"url": reverse("agenda:index"), "title": _("Agenda")}],
                "current": _("Mes inscriptions"),
            },
        },
    )
