"""Organisers' set-up pages: their campaigns, a new campaign, a campaign's settings (question,
audience, limits, themes, phases) and the jury's scoring criteria. They work without
JavaScript; an error keeps everything typed. Who may: `permissions.can_create_campaign` to
open one, `permissions.can_moderate` (the organisers) to set it up, published or not."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from essaim.core.refusals import forbidden_page
from essaim.participation import campaign_services, permissions
from essaim.participation.campaign_forms import (
    CampaignForm,
    criterion_formset,
    phase_formset,
    theme_formset,
)
from essaim.participation.models import Campaign


def _fix_errors(request) -> None:
    messages.error(request, _("Certains champs sont à corriger : voyez les messages en rouge."))


def _refuse(request, verdict):
    return forbidden_page(
        request,
        verdict.reason,
        back_url=reverse("participation:list"),
        back_label=_("Revenir aux consultations"),
    )


def organisers_only(view):
    """Load the campaign, published or not; refuse (403, French reason) anyone who does not
    organise it."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        campaign = get_object_or_404(Campaign.objects.prefetch_related("organisations"), slug=slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        verdict = permissions.can_moderate(request.user, campaign)
        if not verdict:
            return _refuse(request, verdict)
        return view(request, campaign, *args, **kwargs)

    return wrapper


def _crumbs(current, campaign=None):
    links = [
        {"url": reverse("participation:list"), "title": _("Consultations")},
        {"url": reverse("participation:organise"), "title": _("Mes consultations")},
    ]
    if campaign is not None and campaign.is_published:
        links.append({"url": campaign.get_absolute_url(), "title": campaign.title})
    return {"links": links, "current": current}


@require_GET
@login_required
def organise(request):
    """The campaigns the person organises, published or in preparation, and « new »."""
    verdict = permissions.can_create_campaign(request.user)
    if not verdict:
        return _refuse(request, verdict)
    campaigns = (
        campaign_services.organised_by(request.user)
        .prefetch_related("organisations", "phases")
        .order_by("-created_at", "pk")
    )
    context = {
        "campaigns": campaigns,
        "breadcrumb_data": {
            "links": [{"url": reverse("participation:list"), "title": _("Consultations")}],
            "current": _("Mes consultations"),
        },
    }
    return render(request, "participation/campaign_organise.html", context)


@login_required
def campaign_create(request):
    verdict = permissions.can_create_campaign(request.user)
    if not verdict:
        return _refuse(request, verdict)
    return _settings(request, Campaign())


@organisers_only
def campaign_settings(request, campaign):
    return _settings(request, campaign)


def _settings(request, campaign):
    created = campaign.pk is None
    data = request.POST if request.method == "POST" else None
    form = CampaignForm(data, instance=campaign, user=request.user)
    themes = theme_formset(data, campaign=campaign)
    phases = phase_formset(data, campaign=campaign)
    if data is not None:
        if form.is_valid() & themes.is_valid() & phases.is_valid():
            saved = campaign_services.save_campaign(
                form=form, themes=themes, phases=phases, by=request.user
            )
            if created:
                messages.success(
                    request,
                    _(
                        "Consultation créée. Définissez maintenant la grille de notation du jury "
                        "et nommez ses membres."
                    ),
                )
            else:
                messages.success(request, _("Paramètres de la consultation enregistrés."))
            return redirect("participation:campaign_settings", slug=saved.slug)
        _fix_errors(request)
    title = (
        _("Nouvelle consultation")
        if created
        else _("Paramètres de « %(title)s »") % {"title": campaign.title}
    )
    context = {
        "title": title,
        "campaign": campaign,
        "form": form,
        "themes": themes,
        "phases": phases,
        "breadcrumb_data": _crumbs(title, campaign if not created else None),
    }
    return render(
        request, "participation/campaign_settings.html", context, status=400 if data else 200
    )


@organisers_only
def criteria(request, campaign):
    """The jury's scoring grid: each criterion's name, description and maximum score."""
    data = request.POST if request.method == "POST" else None
    formset = criterion_formset(data, campaign=campaign)
    if data is not None:
        if formset.is_valid():
            campaign_services.save_criteria(campaign, criteria=formset, by=request.user)
            messages.success(request, _("Grille de notation enregistrée."))
            return redirect("participation:criteria", slug=campaign.slug)
        _fix_errors(request)
    title = _("Grille de notation du jury")
    context = {
        "title": title,
        "campaign": campaign,
        "formset": formset,
        "breadcrumb_data": _crumbs(title, campaign),
    }
    return render(
        request, "participation/campaign_criteria.html", context, status=400 if data else 200
    )
