"""Organisers' pages about registrants: the list, attendance, the CSV export, messages."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from essaim.agenda import organiser_services, permissions, registrations
from essaim.agenda.organiser_forms import MessageForm
from essaim.agenda.organiser_views import (
    T,
    already_done,
    breadcrumb,
    editable_event,
    forbidden,
    new_token,
    remember_done,
)

NOT_ALLOWED = _(
    "Seuls les membres de l’organisation qui organise cet événement, et les coordinateurs de "
    "son programme, voient ses inscrits."
)


def _managed_event(request, slug):
    event, refused = editable_event(request, slug)
    if refused is None and not permissions.can_manage_registrations(request.user, event):
        refused = forbidden(request, NOT_ALLOWED)
    return event, refused


def _event_links(event) -> dict:
    return {"url": event.get_absolute_url(), "title": event.title}


@login_required
def registrants(request, slug):
    event, refused = _managed_event(request, slug)
    if refused:
        return refused
    people = list(event.registrations.order_by("status", "created_at", "pk"))
    counts = {}
    for registration in people:
        counts[registration.get_status_display()] = (
            counts.get(registration.get_status_display(), 0) + 1
        )
    context = {
        "event": event,
        "registrations": people,
        "counts": sorted(counts.items()),
        "present": sum(1 for r in people if r.attended is True),
        "form": MessageForm(),
        "submission_token": new_token(),
        "sent_messages": event.messages.all()[:10],
        **breadcrumb(_("Inscrits"), _event_links(event)),
    }
    return render(request, T + "registrants.html", context)


@login_required
@require_POST
def attendance(request, slug):
    """Mark each confirmed registrant present, absent or unknown (one form for the list)."""
    event, refused = _managed_event(request, slug)
    if refused:
        return refused
    values = {"present": True, "absent": False, "": None}
    changed = 0
    for registration in event.registrations.confirmed():
        value = request.POST.get(f"presence-{registration.pk}")
        if value not in values or values[value] == registration.attended:
            continue
        try:
            registrations.mark_attendance(registration, attended=values[value], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            continue
        changed += 1
    messages.success(
        request,
        ngettext(
            "Présences enregistrées (%(count)s changement).",
            "Présences enregistrées (%(count)s changements).",
            changed,
        )
        % {"count": changed},
    )
    return redirect("agenda:organiser_registrants", slug=event.slug)


EXPORT_HEADERS = [
    _("Nom"),
    _("Adresse électronique"),
    _("Organisation"),
    _("État"),
    _("Inscrit le"),
    _("Position en liste d’attente"),
    _("Présent"),
]


def _presence(value) -> str:
    return {True: _("oui"), False: _("non")}.get(value, "")


@login_required
def registrants_export(request, slug):
    """The list as CSV for French spreadsheets: UTF-8 with a BOM, `;` separators."""
    event, refused = _managed_event(request, slug)
    if refused:
        return refused
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"inscrits-{slugify(event.title)[:60]}-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";", lineterminator="\r\n")
    writer.writerow([str(header) for header in EXPORT_HEADERS])
    for registration in event.registrations.order_by("status", "created_at", "pk"):
        writer.writerow(
            [
                _safe(registration.name),
                registration.email,
                _safe(registration.organisation_name),
                registration.get_status_display(),
                timezone.localtime(registration.created_at).strftime("%d/%m/%Y %H:%M"),
                registration.waitlist_position or "",
                _presence(registration.attended),
            ]
        )
    return response


def _safe(text: str) -> str:
    """Neutralise spreadsheet formulas typed into a name (CSV injection)."""
    text = text or ""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


@login_required
@require_POST
def message(request, slug):
    event, refused = _managed_event(request, slug)
    if refused:
        return refused
    if done := already_done(request):
        messages.info(request, _("Ce message était déjà parti : il n’est pas renvoyé."))
        return redirect(done)
    form = MessageForm(request.POST)
    if form.is_valid():
        sent = organiser_services.send_message(
            event,
            subject=form.cleaned_data["subject"],
            body=form.cleaned_data["body"],
            statuses=form.cleaned_data["statuses"],
            by=request.user,
        )
        messages.success(
            request,
            ngettext(
                "Message envoyé à %(count)s personne.",
                "Message envoyé à %(count)s personnes.",
                sent.recipients_count,
            )
            % {"count": sent.recipients_count},
        )
        url = reverse("agenda:organiser_registrants", args=[event.slug])
        remember_done(request, url)
        return redirect(url)
    messages.error(request, _("Le message n’est pas parti : corrigez les champs en rouge."))
    context = {
        "event": event,
        "registrations": list(event.registrations.order_by("status", "created_at", "pk")),
        "counts": [],
        "present": 0,
        "form": form,
        "submission_token": request.POST.get("submission_token") or new_token(),
        "sent_messages": event.messages.all()[:10],
        **breadcrumb(_("Inscrits"), _event_links(event)),
    }
    return render(request, T + "registrants.html", context, status=200)
