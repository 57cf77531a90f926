"""Proposing without an account in a campaign open to all: the form (proposal and e-mail
address), the page of the link that publishes it, and the same link's page to correct the
proposal within the editing window. The rules live in `guests`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from essaim.participation import guests, permissions
from essaim.participation.enums import PhaseKind, ProposalState
from essaim.participation.forms import CONFIRM_FIELD, GuestEmailForm, ProposalForm
from essaim.participation.similar import similar_proposals
from essaim.participation.views import _crumbs, get_campaign, refusal, refused


def guest_proposal_form(request, campaign):
    """`proposal_views.proposal_create` for a visitor who is not signed in (OPEN campaigns)."""
    verdict = permissions.can_propose_without_account(request.user, campaign)
    if not verdict:
        return refusal(request, campaign, verdict)
    data = request.POST if request.method == "POST" else None
    form = ProposalForm(data, campaign=campaign, guest=True)
    guest_form = GuestEmailForm(data)
    similar = []
    if data is not None and all([form.is_valid(), guest_form.is_valid()]):  # both show errors
        if not data.get(CONFIRM_FIELD):
            text = f"{form.cleaned_data['title']} {form.cleaned_data['body']}"
            similar = similar_proposals(campaign=campaign, text=text)
        if not similar:
            try:
                guests.propose_as_guest(
                    campaign=campaign,
                    email=guest_form.cleaned_data["email"],
                    data=form.proposal_data(),
                )
            except permissions.Refused as error:
                refused(request, error)
            else:
                messages.success(
                    request,
                    _(
                        "Presque fini : nous avons envoyé un lien à %(email)s. Ouvrez-le dans "
                        "les 24 heures pour publier votre proposition."
                    )
                    % {"email": guest_form.cleaned_data["email"]},
                )
                return redirect(campaign.get_absolute_url())
    title = _("Faire une proposition")
    context = {
        "campaign": campaign,
        "form": form,
        "guest_form": guest_form,
        "proposal": None,
        "similar": similar,
        "kept": None,
        "confirm_field": CONFIRM_FIELD,
        "title": title,
        "breadcrumb_data": _crumbs(campaign, title),
    }
    invalid = data is not None and not similar and (form.errors or guest_form.errors)
    return render(
        request, "participation/proposal_form.html", context, status=400 if invalid else 200
    )


@require_http_methods(["GET", "POST"])
def guest_confirm(request, slug, token):
    """The link e-mailed to a visitor: GET shows their proposal and a button (a mail client
    that opens links by itself publishes nothing), POST confirms and publishes."""
    campaign = get_campaign(slug)
    title = _("Publier ma proposition")
    try:
        proposal = guests.read_link(token, campaign=campaign)
    except guests.InvalidGuestLink as error:
        return _invalid_link(request, campaign, title, error)
    if proposal.state != ProposalState.DRAFT:
        messages.info(request, _("Cette proposition est déjà publiée."))
        if guests.can_edit(proposal):
            return redirect("participation:guest_edit", campaign.slug, token)
        return redirect(proposal.get_absolute_url() if proposal.is_public else campaign)
    if request.method == "POST":
        try:
            proposal, _published = guests.confirm_guest_proposal(proposal)
        except permissions.Refused as error:
            return refusal(request, campaign, permissions.Verdict(False, str(error)))
        messages.success(
            request, _("Votre adresse est confirmée et votre proposition est publiée. Merci !")
        )
        messages.info(
            request,
            _(
                "Une correction à faire ? Rouvrez le lien reçu par courriel : vous pouvez "
                "modifier votre proposition pendant %(minutes)s minutes."
            )
            % {"minutes": campaign.edit_window_minutes},
        )
        return redirect(proposal.get_absolute_url())
    context = {
        "campaign": campaign,
        "proposal": proposal,
        "submission": permissions.phase_open(campaign, PhaseKind.SUBMISSION),
        "title": title,
        "breadcrumb_data": _crumbs(campaign, title),
    }
    return render(request, "participation/guest_confirm.html", context)


@require_http_methods(["GET", "POST"])
def guest_edit(request, slug, token):
    """The same link, once the proposal is published: its author corrects it within the
    campaign's editing window (`guests.edit_guest_proposal`)."""
    campaign = get_campaign(slug)
    title = _("Modifier ma proposition")
    try:
        proposal = guests.read_link(token, campaign=campaign)
    except guests.InvalidGuestLink as error:
        return _invalid_link(request, campaign, title, error)
    if proposal.state == ProposalState.DRAFT:
        return redirect("participation:guest_confirm", campaign.slug, token)
    verdict = guests.can_edit(proposal)
    if not verdict:
        return refusal(request, campaign, verdict)
    form = ProposalForm(request.POST or None, campaign=campaign, guest=True, instance=proposal)
    if request.method == "POST" and form.is_valid():
        try:
            guests.edit_guest_proposal(proposal, data=form.proposal_data())
        except (permissions.Refused, ValidationError) as error:
            refused(request, error)
        else:
            messages.success(request, _("Votre proposition est modifiée."))
            return redirect(proposal.get_absolute_url())
    context = {
        "campaign": campaign,
        "proposal": proposal,
        "form": form,
        "deadline": permissions.edit_deadline(proposal),
        "title": title,
        "breadcrumb_data": _crumbs(campaign, title),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "participation/guest_edit.html", context, status=status)


def _invalid_link(request, campaign, title, error):
    context = {
        "campaign": campaign,
        "error": str(error),
        "title": title,
        "breadcrumb_data": _crumbs(campaign, title),
    }
    return render(request, "participation/guest_confirm.html", context, status=400)
