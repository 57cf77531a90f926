"""Alert pages: save a search, confirm it, unsubscribe in one click (and undo)."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from essaim.catalogue import alerts
from essaim.catalogue.alerts_forms import AlertForm
from essaim.catalogue.alerts_models import Alert
from essaim.catalogue.filters import Filters

T = "catalogue/alerts/"


def _list_url(query: str) -> str:
    return reverse("catalogue:list") + (f"?{query}" if query else "")


def _breadcrumb(current) -> dict:
    links = [{"url": reverse("catalogue:list"), "title": _("Initiatives")}]
    return {"breadcrumb_data": {"links": links, "current": current}}


def _invalid(request):
    return render(request, T + "invalid.html", _breadcrumb(_("Lien invalide")), status=404)


@require_http_methods(["GET", "POST"])
def alert_create(request):
    if request.method == "POST":
        form = AlertForm(request.POST)
        filters = Filters.from_querydict(QueryDict(request.POST.get("query", "")[:2000]))
        if form.is_valid():
            alert = alerts.create_alert(
                email=form.cleaned_data["email"],
                filters=filters,
                frequency=form.cleaned_data["frequency"],
            )
            if alert.is_active:
                messages.success(request, _("Votre alerte est à jour."))
            else:
                messages.success(
                    request,
                    _(
                        "Presque fini : ouvrez le message que nous venons d’envoyer à "
                        "%(email)s et confirmez votre alerte."
                    )
                    % {"email": alert.email},
                )
            return redirect(_list_url(alert.query))
    else:
        filters = Filters.from_querydict(request.GET)
        form = AlertForm(initial={"query": alerts.normalised_query(filters)})
    context = {
        "form": form,
        "criteria": alerts.describe_search(filters),
        "search_url": _list_url(alerts.normalised_query(filters)),
        **_breadcrumb(_("Créer une alerte")),
    }
    return render(request, T + "form.html", context)


@require_http_methods(["GET", "POST"])
def alert_confirm(request, token):
    alert = Alert.objects.filter(token=token[:64]).first()
    if alert is None:
        return _invalid(request)
    if request.method == "POST":
        alerts.confirm_alert(alert)
        messages.success(
            request,
            _("Alerte confirmée : vous recevrez les nouvelles initiatives de cette recherche."),
        )
        return redirect(_list_url(alert.query))
    context = {
        "alert": alert,
        "criteria": alerts.describe_search(alerts.filters_of(alert)),
        **_breadcrumb(_("Confirmer l’alerte")),
    }
    return render(request, T + "confirm.html", context)


@csrf_exempt  # RFC 8058 one-click unsubscription: mail clients POST without a CSRF token
@require_http_methods(["GET", "POST"])
def alert_unsubscribe(request, token):
    """One click (GET from the e-mail, or POST from the mail client) stops the alert."""
    alert = alerts.alert_from_token(token)
    if alert is None:
        return _invalid(request)
    alerts.unsubscribe(alert)
    context = {"alert": alert, "token": token, **_breadcrumb(_("Désabonnement"))}
    return render(request, T + "unsubscribed.html", context)


@require_POST
def alert_resubscribe(request, token):
    alert = alerts.alert_from_token(token)
    if alert is None:
        return _invalid(request)
    alerts.resubscribe(alert)
    messages.success(request, _("C’est noté : votre alerte reprend."))
    return redirect(_list_url(alert.query))
