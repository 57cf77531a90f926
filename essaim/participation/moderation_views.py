"""Moderators' pages: the queue of reports with its log, merges, public answers."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from essaim.participation import discussion_services, permissions, selection_services
from essaim.participation.enums import AnswerKind, ProposalState
from essaim.participation.forms import AnswerForm, BulkAnswerForm, MergeForm
from essaim.participation.models import Comment, Proposal
from essaim.participation.queries import ANSWER_FILTERS, CappedPaginator, answerable_list
from essaim.participation.views import get_campaign, get_proposal, refusal, refused


def moderators_only(view):
    """Load the campaign; refuse (403, French reason) anyone who does not moderate it."""

    @wraps(view)
    def wrapper(request, slug, *args, **kwargs):
        campaign = get_campaign(slug)
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        verdict = permissions.can_moderate(request.user, campaign)
        if not verdict:
            return refusal(request, campaign, verdict)
        return view(request, campaign, *args, **kwargs)

    return wrapper


def _crumbs(campaign, current):
    return {
        "links": [
            {"url": "/consultations/", "title": _("Consultations")},
            {"url": campaign.get_absolute_url(), "title": campaign.title},
        ],
        "current": current,
    }


@moderators_only
def queue(request, campaign):
    context = {
        "campaign": campaign,
        "queue": discussion_services.moderation_queue(campaign),
        "log": campaign.moderation_log.select_related("actor", "proposal", "comment")[:50],
        "breadcrumb_data": _crumbs(campaign, _("Modération")),
    }
    return render(request, "participation/moderation.html", context)


@require_POST
@moderators_only
def moderate(request, campaign):
    kind, _sep, pk = request.POST.get("target", "").partition(":")
    if kind == "comment" and pk.isdigit():
        target = {"comment": get_object_or_404(Comment, pk=pk, proposal__campaign=campaign)}
    elif kind == "proposal" and pk.isdigit():
        target = {"proposal": get_object_or_404(Proposal, pk=pk, campaign=campaign)}
    else:
        messages.error(request, _("Contenu introuvable : rechargez la page et recommencez."))
        return redirect("participation:moderation", campaign.slug)
    reason = request.POST.get("reason", "").strip()
    try:
        if request.POST.get("action") == "hide":
            discussion_services.hide(by=request.user, reason=reason, **target)
            if "comment" in target:
                messages.success(
                    request, _("Commentaire masqué ; le motif est affiché à sa place.")
                )
            else:
                messages.success(
                    request, _("Proposition masquée ; son auteur voit le motif sur sa page.")
                )
        else:
            discussion_services.restore(by=request.user, reason=reason, **target)
            messages.success(request, _("Contenu rétabli, signalements écartés."))
    except (permissions.Refused, ValidationError) as error:
        refused(request, error)
    return redirect("participation:moderation", campaign.slug)


@moderators_only
def merge(request, campaign):
    proposals = Proposal.objects.active().filter(campaign=campaign).order_by("title", "pk")
    form = MergeForm(request.POST or None, proposals=proposals)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = discussion_services.merge_proposals(
                list(data["sources"]),
                by=request.user,
                into=data["into"],
                title=data["title"],
                body=data["body"],
                reason=data["reason"],
            )
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
        else:
            messages.success(
                request,
                _(
                    "Propositions fusionnées : elles renvoient vers celle-ci, et leurs soutiens "
                    "y sont repris."
                ),
            )
            return redirect(result.get_absolute_url())
    context = {
        "campaign": campaign,
        "form": form,
        "breadcrumb_data": _crumbs(campaign, _("Fusionner des propositions")),
    }
    return render(request, "participation/merge.html", context, status=400 if form.errors else 200)


@moderators_only
def answer(request, campaign, pk):
    proposal = get_proposal(campaign, pk, request.user)
    existing = getattr(proposal, "answer", None)
    initial = {"kind": existing.kind, "text": existing.text} if existing else None
    form = AnswerForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            selection_services.answer_proposal(proposal, by=request.user, **form.cleaned_data)
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
        else:
            messages.success(request, _("La réponse est publiée et l’auteur en est informé."))
            return redirect(proposal.get_absolute_url())
    context = {
        "campaign": campaign,
        "proposal": proposal,
        "form": form,
        "breadcrumb_data": _crumbs(campaign, _("Répondre à une proposition")),
    }
    return render(request, "participation/answer_form.html", context)


BULK_PER_PAGE = 50


@moderators_only
def answer_bulk(request, campaign):
    """Answer many proposals at once: filter, tick, one answer and one reason for all
    (`selection_services.answer_proposals`, all or nothing), then a summary."""
    params = {
        "theme": request.GET.get("theme", "")[:80],
        "state": request.GET.get("etat", "")[:12],
        "answered": request.GET.get("reponse", "sans"),
        "text": request.GET.get("q", "")[:200],
    }
    if params["answered"] not in ANSWER_FILTERS:
        params["answered"] = "sans"
    listed = answerable_list(campaign, **params)
    answerable = answerable_list(campaign, answered="toutes")
    form = BulkAnswerForm(request.POST or None, proposals=answerable)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = selection_services.answer_proposals(
                campaign,
                proposals=data["proposals"],
                by=request.user,
                kind=data["kind"],
                text=data["text"],
            )
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
        else:
            _bulk_summary(request, result, AnswerKind(data["kind"]).label)
            return redirect(request.get_full_path())
    page_obj = CappedPaginator(listed, BULK_PER_PAGE).get_page(request.GET.get("page"))
    ticked = set(request.POST.getlist("proposals"))
    for proposal in page_obj:
        proposal.ticked = str(proposal.pk) in ticked
    context = {
        "campaign": campaign,
        "form": form,
        "page_obj": page_obj,
        "params": params,
        "states": [
            (s.value, s.label)
            for s in ProposalState
            if s not in (ProposalState.DRAFT, ProposalState.MERGED, ProposalState.WITHDRAWN)
        ],
        "breadcrumb_data": _crumbs(campaign, _("Répondre à plusieurs propositions")),
    }
    return render(
        request, "participation/answer_bulk.html", context, status=400 if form.errors else 200
    )


def _bulk_summary(request, result, label) -> None:
    """The messages after a bulk answer: how many answered, which were skipped and why."""
    count = len(result.answered)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s proposition a reçu la réponse « %(label)s » ; son auteur en est "
                "informé.",
                "%(count)s propositions ont reçu la réponse « %(label)s » ; leurs auteurs en "
                "sont informés.",
                count,
            )
            % {"count": count, "label": label},
        )
    if result.skipped:
        details = " ; ".join(
            _("« %(title)s » (%(reason)s)") % {"title": p.title, "reason": reason}
            for p, reason in result.skipped
        )
        messages.warning(
            request,
            ngettext(
                "%(count)s proposition laissée de côté : %(details)s.",
                "%(count)s propositions laissées de côté : %(details)s.",
                len(result.skipped),
            )
            % {"count": len(result.skipped), "details": details},
        )
