"""Following campaigns and proposals, « mes abonnements », and the one-click unsubscribe."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from essaim.participation import digests, notify
from essaim.participation.enums import DigestFrequency
from essaim.participation.forms import FrequencyForm
from essaim.participation.models import Follow
from essaim.participation.views import get_campaign, get_proposal

CRUMB = {"url": "/consultations/", "title": _("Consultations")}


def _toggle(request, target, **kind):
    if not request.user.is_authenticated:
        return redirect_to_login(target.get_absolute_url())
    if request.POST.get("action") == "unfollow":
        notify.unfollow(user=request.user, **kind)
        messages.success(request, _("Vous ne suivez plus « %(t)s ».") % {"t": target})
    else:
        notify.follow(user=request.user, **kind)
        messages.success(
            request,
            _("Vous suivez « %(t)s ». Réglez la fréquence des courriels dans vos abonnements.")
            % {"t": target},
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = target.get_absolute_url()
    return redirect(back)


@require_POST
def follow_campaign(request, slug):
    campaign = get_campaign(slug)
    return _toggle(request, campaign, campaign=campaign)


@require_POST
def follow_proposal(request, slug, pk):
    campaign = get_campaign(slug)
    proposal = get_proposal(campaign, pk, request.user)
    return _toggle(request, proposal, proposal=proposal)


@login_required
@require_http_methods(["GET", "POST"])
def subscriptions(request):
    """What I follow, with an « arrêter » button each, and how often I want e-mails."""
    preference = notify.preference_of(request.user)
    form = FrequencyForm(request.POST or None, initial={"frequency": preference.frequency})
    if request.method == "POST" and form.is_valid():
        notify.set_frequency(request.user, form.cleaned_data["frequency"])
        messages.success(request, _("Votre choix est enregistré."))
        return redirect("participation:subscriptions")
    follows = list(notify.follows_of(request.user))
    context = {
        "form": form,
        "campaign_follows": [f for f in follows if f.campaign_id],
        "proposal_follows": [f for f in follows if f.proposal_id],
        "breadcrumb_data": {"links": [CRUMB], "current": _("Mes abonnements")},
    }
    return render(
        request, "participation/subscriptions.html", context, status=400 if form.errors else 200
    )


@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """One click from an e-mail (GET), or the mail client's one-click POST: no more e-mails."""
    user = digests.user_from_token(token)
    if user is None:
        context = {"breadcrumb_data": {"links": [CRUMB], "current": _("Lien invalide")}}
        return render(request, "participation/unsubscribe_invalid.html", context, status=404)
    notify.set_frequency(user, DigestFrequency.NONE)
    context = {
        "token": token,
        "follow_count": Follow.objects.filter(user=user).count(),
        "breadcrumb_data": {"links": [CRUMB], "current": _("Désabonnement")},
    }
    return render(request, "participation/unsubscribed.html", context)


@require_POST
def resubscribe(request, token):
    """Undo an unsubscription made by mistake: back to the daily digest."""
    user = digests.user_from_token(token)
    if user is None:
        return redirect("participation:list")
    notify.set_frequency(user, DigestFrequency.DAILY)
    messages.success(request, _("C’est noté : vous recevrez de nouveau un résumé par jour."))
    return redirect("participation:list")
