"""Organisers' pages: the dashboard, the jury's members, subjects and their workshops, and the
public page of a subject (idea → jury → workshops → action → public report, end to end)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.participation import followup_services, permissions, selection_services
from essaim.participation.enums import ProposalState
from essaim.participation.figures import shown_figures
from essaim.participation.models import JuryMember, Proposal, Report, Subject, Workshop
from essaim.participation.moderation_views import _crumbs, moderators_only
from essaim.participation.selection_forms import (
    InitiativeForm,
    JurorForm,
    MinutesForm,
    SubjectForm,
    WorkshopForm,
)
from essaim.participation.views import get_campaign, refused


def _done(request, text, target):
    messages.success(request, text)
    return redirect(target)


@moderators_only
def dashboard(request, campaign):
    """The organisers' dashboard: the same figures as the public page, and what awaits them."""
    public = Proposal.objects.public().filter(campaign=campaign)
    context = {
        "campaign": campaign,
        "figures": shown_figures(campaign),
        "pending_reports": Report.objects.filter(
            handled_at__isnull=True, proposal__campaign=campaign
        ).count()
        + Report.objects.filter(
            handled_at__isnull=True, comment__proposal__campaign=campaign
        ).count(),
        "unanswered": public.filter(answer__isnull=True)
        .exclude(state=ProposalState.MERGED)
        .count(),
        "jurors": campaign.jurors.count(),
        "criteria": campaign.criteria.count(),
        "subjects": campaign.subjects.count(),
        "breadcrumb_data": _crumbs(campaign, _("Tableau de bord")),
    }
    return render(request, "participation/dashboard.html", context)


@moderators_only
def jurors(request, campaign):
    """Name the jury's members (people with an account), or remove one."""
    form = JurorForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("remove", "").isdigit():
            seat = get_object_or_404(JuryMember, campaign=campaign, pk=request.POST["remove"])
            followup_services.remove_juror(seat, by=request.user)
            return _done(request, _("Membre du jury retiré."), request.path)
        if form.is_valid():
            selection_services.appoint_juror(
                campaign, user=form.cleaned_data["email"], by=request.user
            )
            return _done(request, _("Membre du jury nommé."), request.path)
    context = {
        "campaign": campaign,
        "form": form,
        "seats": campaign.jurors.select_related("user").order_by("user__last_name", "pk"),
        "breadcrumb_data": _crumbs(campaign, _("Membres du jury")),
    }
    return render(request, "participation/jurors.html", context, status=400 if form.errors else 200)


@moderators_only
def subjects(request, campaign):
    """The selected subjects, and a form that turns retained proposals into a new one."""
    retained = Proposal.objects.public().filter(campaign=campaign, state=ProposalState.SELECTED)
    form = SubjectForm(request.POST or None, proposals=retained.order_by("-support_count", "pk"))
    if request.method == "POST" and form.is_valid():
        subject = selection_services.create_subject(
            campaign,
            by=request.user,
            title=form.cleaned_data["title"],
            description=form.cleaned_data["description"],
            proposals=form.cleaned_data["proposals"],
            position=campaign.subjects.count(),
        )
        return _done(
            request,
            _("Sujet créé : ajoutez-lui ses ateliers."),
            f"{campaign.get_absolute_url()}sujets/{subject.pk}/gestion/",
        )
    context = {
        "campaign": campaign,
        "form": form,
        "subjects": campaign.subjects.prefetch_related("proposals", "workshops"),
        "breadcrumb_data": _crumbs(campaign, _("Sujets retenus")),
    }
    return render(
        request, "participation/subjects.html", context, status=400 if form.errors else 200
    )


@moderators_only
def subject_manage(request, campaign, pk):
    """A subject's workshops (Agenda events with registration), minutes and initiative."""
    subject = get_object_or_404(Subject, campaign=campaign, pk=pk)
    action = request.POST.get("action", "")
    workshop_form = WorkshopForm(request.POST if action == "workshop" else None)
    initiative_form = InitiativeForm(request.POST if action == "initiative" else None)
    status = 200
    if action == "workshop" and workshop_form.is_valid():
        try:
            followup_services.schedule_workshop(
                subject, by=request.user, **workshop_form.cleaned_data
            )
            return _done(
                request, _("Atelier publié dans l’agenda, inscriptions ouvertes."), request.path
            )
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
    elif action == "minutes":
        workshop = get_object_or_404(
            Workshop, subject=subject, pk=request.POST.get("workshop") or 0
        )
        form = MinutesForm(request.POST, prefix=f"w{workshop.pk}")
        if form.is_valid():
            followup_services.record_minutes(
                workshop, by=request.user, minutes=form.cleaned_data["minutes"]
            )
            return _done(request, _("Compte rendu enregistré."), request.path)
    elif action == "initiative" and initiative_form.is_valid():
        selection_services.link_initiative(
            subject, by=request.user, initiative=initiative_form.cleaned_data["initiative"]
        )
        return _done(request, _("Initiative liée au sujet."), request.path)
    if workshop_form.errors or initiative_form.errors:
        status = 400
    workshops = list(subject.workshops.select_related("event"))
    for workshop in workshops:
        workshop.minutes_form = MinutesForm(
            initial={"minutes": workshop.minutes}, prefix=f"w{workshop.pk}"
        )
    context = {
        "campaign": campaign,
        "subject": subject,
        "workshops": workshops,
        "workshop_form": workshop_form,
        "initiative_form": initiative_form,
        "breadcrumb_data": _crumbs(campaign, subject.title),
    }
    return render(request, "participation/subject_manage.html", context, status=status)


@require_GET
def subject_detail(request, slug, pk):
    """Public: the whole chain of a subject, from the proposals to the public report."""
    campaign = get_campaign(slug)
    subject = get_object_or_404(
        Subject.objects.select_related("initiative"), campaign=campaign, pk=pk
    )
    proposals = list(
        subject.proposals.filter(hidden_at__isnull=True).select_related("answer", "theme")
    )
    for row in selection_services.scoring_grid(campaign, proposals)[1]:
        row["proposal"].jury_average = row["average"]
    context = {
        "campaign": campaign,
        "subject": subject,
        "proposals": proposals,
        "jury_count": campaign.jurors.count(),
        "workshops": subject.workshops.select_related("event"),
        "can_moderate": permissions.can_moderate(request.user, campaign),
        "breadcrumb_data": _crumbs(campaign, subject.title),
    }
    return render(request, "participation/subject.html", context)
