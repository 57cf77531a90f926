"""The jury's pages: the scoring grid side by side, one proposal's scores criterion by
criterion, and one proposal's scoring form."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from essaim.participation import permissions, selection_services
from essaim.participation.models import Proposal, Score
from essaim.participation.views import get_campaign, get_proposal, refusal, refused


def _jury_or_moderator(request, campaign):
    verdict = permissions.can_judge(request.user, campaign)
    if not verdict and not permissions.can_moderate(request.user, campaign):
        return refusal(request, campaign, verdict)
    return None


def _under_review(campaign):
    """The proposals the jury examines: public, neither withdrawn nor merged into another."""
    return Proposal.objects.public().filter(
        campaign=campaign, state__in=["review", "selected", "rejected", "published"]
    )


def _jury_crumbs(campaign, current):
    return {
        "links": [
            {"url": reverse("participation:list"), "title": _("Consultations")},
            {"url": campaign.get_absolute_url(), "title": campaign.title},
            {"url": reverse("participation:jury", args=[campaign.slug]), "title": _("Jury")},
        ],
        "current": current,
    }


def grid(request, slug):
    """Every juror's total for every proposal under review, side by side, with conflicts."""
    campaign = get_campaign(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = _jury_or_moderator(request, campaign)
    if refusal:
        return refusal
    proposals = list(_under_review(campaign).order_by("-support_count", "pk")[:200])
    jurors, rows = selection_services.scoring_grid(campaign, proposals)
    context = {
        "campaign": campaign,
        "jurors": jurors,
        "rows": rows,
        "criteria": campaign.criteria.all(),
        "seat": permissions.juror_seat(request.user, campaign),
        "selection": permissions.selection_phase(campaign),
        "scoring": permissions.scoring_open(campaign),
        "breadcrumb_data": {
            "links": [
                {"url": "/consultations/", "title": _("Consultations")},
                {"url": campaign.get_absolute_url(), "title": campaign.title},
            ],
            "current": _("Jury"),
        },
    }
    return render(request, "participation/jury.html", context)


def proposal_scores(request, slug, pk):
    """One proposal's scores, juror by juror and criterion by criterion, with the averages."""
    campaign = get_campaign(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    refusal = _jury_or_moderator(request, campaign)
    if refusal:
        return refusal
    proposal = get_object_or_404(_under_review(campaign), pk=pk)
    criteria = list(campaign.criteria.all())
    (scores,) = selection_services.proposal_scores(campaign, [proposal], criteria=criteria)
    seat = permissions.juror_seat(request.user, campaign)
    context = {
        "campaign": campaign,
        "proposal": proposal,
        "criteria": criteria,
        "scores": scores,
        "total_max": sum(c.max_score for c in criteria),
        "seat": seat,
        "own_conflict": seat is not None
        and any(s.conflict for s in scores.jurors if s.juror.pk == seat.pk),
        "breadcrumb_data": _jury_crumbs(campaign, proposal.title),
    }
    return render(request, "participation/jury_scores.html", context)


def score_proposal(request, slug, pk):
    """A juror scores one proposal on every criterion, or declares a conflict of interest."""
    campaign = get_campaign(slug)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    verdict = permissions.can_judge(request.user, campaign)
    if not verdict:
        return refusal(request, campaign, verdict)
    proposal = get_proposal(campaign, pk, request.user)
    seat = permissions.juror_seat(request.user, campaign)
    criteria = list(campaign.criteria.all())
    conflict = selection_services.tie(seat, proposal)  # declared, or the juror wrote it
    scoring = permissions.scoring_open(campaign)
    errors = {}
    status = 200
    if request.method == "POST" and request.POST.get("action") != "conflict" and not scoring:
        status = 403  # the page says why, and when scoring opens or closed
    elif request.method == "POST":
        try:
            if request.POST.get("action") == "conflict":
                selection_services.declare_conflict(
                    proposal, by=request.user, reason=request.POST.get("reason", "")
                )
                messages.success(
                    request,
                    _("Conflit d’intérêts enregistré : vous ne notez pas cette proposition."),
                )
                return redirect("participation:jury", campaign.slug)
            for criterion in criteria:
                raw = request.POST.get(f"criterion-{criterion.pk}", "").strip()
                if not raw.isdigit():
                    errors[criterion.pk] = _("Donnez une note entière entre 0 et %(max)s.") % {
                        "max": criterion.max_score
                    }
                    continue
                try:
                    selection_services.score(
                        proposal, by=request.user, criterion=criterion, value=int(raw)
                    )
                except ValidationError as error:
                    errors[criterion.pk] = " ".join(error.messages)
            if not errors:
                messages.success(request, _("Vos notes sont enregistrées."))
                return redirect("participation:jury", campaign.slug)
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
    given = {s.criterion_id: s.value for s in Score.objects.filter(juror=seat, proposal=proposal)}
    rows = [
        {
            "criterion": c,
            "value": request.POST.get(f"criterion-{c.pk}", given.get(c.pk, "")),
            "error": errors.get(c.pk),
        }
        for c in criteria
    ]
    context = {
        "campaign": campaign,
        "proposal": proposal,
        "rows": rows,
        "conflict": conflict,
        "scoring": scoring,
        "breadcrumb_data": _jury_crumbs(campaign, proposal.title),
    }
    return render(request, "participation/score.html", context, status=400 if errors else status)
