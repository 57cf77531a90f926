"""Writing a proposal: the guided form, drafts, the editing window, and « did you mean ».

While the author types, htmx asks `similar` for proposals that mean the same thing and shows
them beside the form. Without JavaScript, publishing first shows the same list as a « Votre
idée existe peut-être déjà » step: the author supports one of them, or confirms and publishes
(nothing typed is lost).
"""

import posixpath

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from essaim.participation import guest_views, permissions, services, uploads
from essaim.participation.enums import Audience
from essaim.participation.forms import CONFIRM_FIELD, ProposalForm
from essaim.participation.similar import similar_proposals
from essaim.participation.views import get_campaign, get_proposal, refusal, refused


def proposal_create(request, slug):
    campaign = get_campaign(slug)
    if not request.user.is_authenticated:
        if campaign.audience != Audience.OPEN:
            return redirect_to_login(request.get_full_path())
        return guest_views.guest_proposal_form(request, campaign)
    verdict = permissions.can_propose(request.user, campaign)
    if not verdict:
        return refusal(request, campaign, verdict)
    return _proposal_form(request, campaign, proposal=None)


def proposal_edit(request, slug, pk):
    campaign = get_campaign(slug)
    proposal = get_proposal(campaign, pk, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    verdict = permissions.can_edit_proposal(request.user, proposal)
    if not verdict:
        return refusal(request, campaign, verdict)
    return _proposal_form(request, campaign, proposal=proposal)


@require_POST
def proposal_withdraw(request, slug, pk):
    """The author withdraws their published proposal: it stays readable, « retirée »."""
    campaign = get_campaign(slug)
    proposal = get_proposal(campaign, pk, request.user)
    if not request.user.is_authenticated:
        return redirect_to_login(proposal.get_absolute_url())
    try:
        services.withdraw_proposal(proposal, by=request.user)
        messages.success(request, _("Votre proposition est retirée ; elle reste lisible."))
    except (permissions.Refused, ValidationError) as error:
        refused(request, error)
    return redirect(proposal.get_absolute_url())


def _attachment(request, form):
    """The attachment to keep showing: a new valid upload is stored aside, else the one the
    form already carried (signed token); None when there is none or it was cleared."""
    if request.method != "POST":
        return None
    upload = request.FILES.get("attachment")
    if upload is not None:
        return None if "attachment" in form.errors else uploads.keep(upload, user=request.user)
    if request.POST.get("attachment-clear"):
        return None
    return uploads.kept(request.POST.get(uploads.FIELD, ""), user=request.user)


def _proposal_form(request, campaign, *, proposal):
    form = ProposalForm(
        request.POST or None, request.FILES or None, campaign=campaign, instance=proposal
    )
    similar = []
    kept = None
    if request.method == "POST" and form.is_valid():
        publish = request.POST.get("action") == "publish"
        text = f"{form.cleaned_data['title']} {form.cleaned_data['body']}"
        if (
            publish
            and not request.POST.get(CONFIRM_FIELD)
            and (proposal is None or proposal.state == "draft")
        ):
            similar = similar_proposals(
                campaign=campaign, text=text, exclude_pk=proposal.pk if proposal else None
            )
        if not similar:
            data = form.proposal_data()
            kept = _attachment(request, form) if "attachment" not in request.FILES else None
            if kept is not None:
                data["attachment"] = kept.as_file()
            try:
                saved = services.save_proposal(
                    campaign=campaign,
                    author=request.user,
                    data=data,
                    proposal=proposal,
                    publish=publish,
                )
            except (permissions.Refused, ValidationError) as error:
                refused(request, error)
                if kept is not None:
                    data["attachment"].close()
            else:
                if kept is not None:
                    data["attachment"].close()
                    kept.discard()
                if saved.state == "draft":
                    messages.success(
                        request,
                        _("Brouillon enregistré : vous pouvez le reprendre quand vous voulez."),
                    )
                    return redirect("participation:edit", campaign.slug, saved.pk)
                messages.success(request, _("Votre proposition est publiée. Merci !"))
                return redirect(saved.get_absolute_url())
    kept = kept or _attachment(request, form)
    title = _("Modifier ma proposition") if proposal else _("Faire une proposition")
    context = {
        "campaign": campaign,
        "form": form,
        "proposal": proposal,
        "similar": similar,
        "kept": kept,
        "kept_field": uploads.FIELD,
        "confirm_field": CONFIRM_FIELD,
        "title": title,
        "breadcrumb_data": {
            "links": [
                {"url": "/consultations/", "title": _("Consultations")},
                {"url": campaign.get_absolute_url(), "title": campaign.title},
            ],
            "current": title,
        },
    }
    return render(
        request,
        "participation/proposal_form.html",
        context,
        status=400 if request.method == "POST" and not similar and form.errors else 200,
    )


@require_GET
def similar(request, slug):
    """htmx fragment: proposals of the campaign that mean the same as the text being typed."""
    campaign = get_campaign(slug)
    text = f"{request.GET.get('title', '')[:150]} {request.GET.get('body', '')[:2000]}"
    exclude = request.GET.get("exclude", "")
    found = similar_proposals(
        campaign=campaign, text=text, exclude_pk=int(exclude) if exclude.isdigit() else None
    )
    return render(
        request,
        "participation/proposal_form.html#similar",
        {"campaign": campaign, "similar": found, "live": True},
    )


@require_GET
def attachment(request, slug, pk):
    """A proposal's attachment, served only to those who may read the proposal: anyone while
    it is public, its author (draft) and the moderators (hidden). Never from public media."""
    campaign = get_campaign(slug, themes=False)
    proposal = get_proposal(campaign, pk, request.user)
    if not proposal.attachment:
        raise Http404
    response = FileResponse(
        proposal.attachment.open("rb"),
        as_attachment=True,
        filename=posixpath.basename(proposal.attachment.name),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
