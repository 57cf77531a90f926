"""Public pages of the consultations: campaigns, a campaign, a proposal, supports, comments."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.core.refusals import forbidden_page
from essaim.participation import discussion_services, notify, permissions, services
from essaim.participation.enums import ACTIVE_STATES, Audience, ProposalState
from essaim.participation.figures import shown_figures
from essaim.participation.forms import CommentForm, ReportForm
from essaim.participation.models import Campaign, Comment, Proposal, Space
from essaim.participation.queries import (
    SORTS,
    CappedPaginator,
    phases_timeline,
    proposal_list,
)

PER_PAGE = 20


def get_campaign(slug, *, themes=True) -> Campaign:
    """A published campaign with what its permissions read (phases, organisations) and, unless
    `themes` is False (a proposal's page: one query less), its themes."""
    related = ("phases", "organisations", "themes") if themes else ("phases", "organisations")
    return get_object_or_404(Campaign.objects.published().prefetch_related(*related), slug=slug)


def get_proposal(campaign, pk, user=None) -> Proposal:
    """A public proposal of `campaign`, or the author's own draft."""
    proposal = get_object_or_404(
        Proposal.objects.select_related("author", "theme", "commune", "merged_into", "answer"),
        campaign=campaign,
        pk=pk,
    )
    own = user is not None and user.pk == proposal.author_id
    if not proposal.is_public and not own and not permissions.can_moderate(user, campaign):
        raise Http404
    proposal.campaign = campaign
    return proposal


def refusal(request, campaign, verdict):
    """The 403 page that says, in French, why `verdict` refused."""
    return forbidden_page(
        request,
        verdict.reason,
        back_url=campaign.get_absolute_url(),
        back_label=_("Revenir à la consultation"),
    )


def refused(request, error) -> None:
    """Show a service's refusal or validation error as a French message."""
    text = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
    messages.error(request, text)


@require_GET
def campaign_list(request):
    campaigns = Campaign.objects.published().prefetch_related("organisations", "phases")
    context = {
        "campaigns": campaigns,
        "spaces": Space.objects.prefetch_related("partners", "campaigns"),
        "can_organise": permissions.can_create_campaign(request.user),
        "breadcrumb_data": {"links": [], "current": _("Consultations")},
    }
    return render(request, "participation/campaign_list.html", context)


@require_GET
def space_detail(request, slug):
    space = get_object_or_404(Space.objects.prefetch_related("partners"), slug=slug)
    context = {
        "space": space,
        "campaigns": space.campaigns.published().prefetch_related("organisations", "phases"),
        "breadcrumb_data": {
            "links": [{"url": "/consultations/", "title": _("Consultations")}],
            "current": space.name,
        },
    }
    return render(request, "participation/space.html", context)


def _crumbs(campaign, current):
    return {
        "links": [
            {"url": "/consultations/", "title": _("Consultations")},
            {"url": campaign.get_absolute_url(), "title": campaign.title},
        ],
        "current": current,
    }


@require_GET
def campaign_detail(request, slug):
    campaign = get_campaign(slug)
    params = {
        "theme": request.GET.get("theme", "")[:80],
        "state": request.GET.get("etat", "")[:12],
        "text": request.GET.get("q", "")[:200],
        "sort": request.GET.get("tri", "soutiens"),
    }
    paginator = CappedPaginator(proposal_list(campaign, **params), PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    context = {
        "campaign": campaign,
        "phases": phases_timeline(campaign),
        "figures": shown_figures(campaign),
        "page_obj": page_obj,
        "params": params,
        "sorts": SORTS,
        "states": [(s.value, s.label) for s in ProposalState if s != ProposalState.DRAFT],
        "can_propose": permissions.can_start_proposal(request.user, campaign),
        "guest": not request.user.is_authenticated and campaign.audience == Audience.OPEN,
        "can_moderate": permissions.can_moderate(request.user, campaign),
        "is_juror": permissions.can_judge(request.user, campaign),
        "following": notify.is_following(request.user, campaign=campaign),
        "breadcrumb_data": {
            "links": [{"url": "/consultations/", "title": _("Consultations")}],
            "current": campaign.title,
        },
    }
    return render(request, "participation/campaign.html", context)


@require_GET
def proposal_detail(request, slug, pk):
    campaign = get_campaign(slug, themes=False)
    proposal = get_proposal(campaign, pk, request.user)
    return render(request, "participation/proposal.html", _proposal_context(request, proposal))


def _proposal_context(request, proposal, **extra):
    campaign = proposal.campaign
    after = request.GET.get("apres", "")
    after = int(after) if after.isdigit() else None
    thread = request.GET.get("fil", "")
    if thread.isdigit():  # the rest of one long thread
        threads, next_cursor = discussion_services.thread_page(
            proposal, root_id=int(thread), after=after
        )
    else:
        thread = ""
        threads, next_cursor = discussion_services.comment_page(proposal, after=after)
    user = request.user
    supported = user.is_authenticated and proposal.supports.filter(user=user).exists()
    return {
        "campaign": campaign,
        "proposal": proposal,
        "answer": getattr(proposal, "answer", None),
        "merged_sources": proposal.merged_sources.all(),
        "threads": threads,
        "thread": thread,
        "next_cursor": next_cursor,
        "supported": supported,
        "supports_left": services.supports_left(user, campaign) if user.is_authenticated else None,
        "can_support": permissions.can_support(user, proposal),
        "can_comment": permissions.can_comment(user, proposal),
        "can_edit": permissions.can_edit_proposal(user, proposal),
        "can_withdraw": user.pk == proposal.author_id and proposal.state in ACTIVE_STATES,
        "can_moderate": permissions.can_moderate(user, campaign),
        "is_juror": permissions.can_judge(user, campaign),
        "following": notify.is_following(user, proposal=proposal),
        "comment_form": extra.pop("comment_form", None) or CommentForm(),
        "report_form": ReportForm(),
        "breadcrumb_data": _crumbs(campaign, proposal.title),
        **extra,
    }


@require_POST
def support_toggle(request, slug, pk):
    campaign = get_campaign(slug)
    proposal = get_proposal(campaign, pk, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    try:
        if request.POST.get("action") == "withdraw":
            services.withdraw_support(proposal, user=request.user)
            messages.success(request, _("Votre soutien est retiré."))
        else:
            services.support(proposal, user=request.user)
            messages.success(request, _("Merci : votre soutien est enregistré."))
    except (permissions.Refused, ValidationError) as error:
        refused(request, error)
    return redirect(proposal.get_absolute_url())


def comments(request, slug, pk):
    """GET: the next page of comments (htmx fragment or full page); POST: a new comment."""
    campaign = get_campaign(slug, themes=False)
    proposal = get_proposal(campaign, pk, request.user)
    if request.method == "GET":
        if request.headers.get("HX-Request"):
            return render(
                request,
                "participation/proposal.html#comment-page",
                _proposal_context(request, proposal),
            )
        return redirect(
            proposal.get_absolute_url() + "?" + request.GET.urlencode() + "#commentaires"
        )
    if request.method != "POST":
        raise Http404
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    form = CommentForm(request.POST)
    if form.is_valid():
        parent_id = form.cleaned_data.get("parent")
        parent = (
            Comment.objects.filter(proposal=proposal, pk=parent_id).first() if parent_id else None
        )
        try:
            discussion_services.post_comment(
                proposal, author=request.user, body=form.cleaned_data["body"], parent=parent
            )
            messages.success(request, _("Votre commentaire est publié."))
            return redirect(proposal.get_absolute_url() + "#commentaires")
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
    context = _proposal_context(request, proposal, comment_form=form)
    return render(request, "participation/proposal.html", context, status=400)


@require_POST
def report_content(request, slug, pk):
    campaign = get_campaign(slug)
    proposal = get_proposal(campaign, pk, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Indiquez le motif du signalement (300 caractères au plus)."))
        return redirect(proposal.get_absolute_url())
    comment_id = form.cleaned_data.get("comment")
    comment = get_object_or_404(Comment, proposal=proposal, pk=comment_id) if comment_id else None
    try:
        discussion_services.report(
            by=request.user,
            reason=form.cleaned_data["reason"],
            comment=comment,
            proposal=None if comment else proposal,
        )
        messages.success(request, _("Merci : les modérateurs examineront votre signalement."))
    except (permissions.Refused, ValidationError) as error:
        refused(request, error)
    return redirect(proposal.get_absolute_url())


@require_GET
def answers(request, slug):
    """The public report: every answer, and each subject's chain proposal → jury → workshops →
    initiative, readable end to end."""
    campaign = get_campaign(slug)
    answered = (
        Proposal.objects.public()
        .filter(campaign=campaign, answer__isnull=False)
        .select_related("answer", "theme")
        .order_by("answer__kind", "-support_count", "pk")
    )
    subjects = campaign.subjects.prefetch_related("workshops__event", "proposals").select_related(
        "initiative"
    )
    context = {
        "campaign": campaign,
        "answered": answered,
        "subjects": subjects,
        "unanswered": Proposal.objects.public()
        .filter(campaign=campaign, answer__isnull=True)
        .count(),
        "breadcrumb_data": _crumbs(campaign, _("Réponses publiques")),
    }
    return render(request, "participation/answers.html", context)
