"""Start and callback of the OpenID Connect sign-in, one pair of URLs per provider."""

import logging
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import View
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from essaim.accounts.oidc import REQUEST_PROVIDER_ATTR, ProviderSettingsMixin
from essaim.accounts.oidc_providers import ProviderUnavailable
from essaim.accounts.oidc_services import OIDCSignInRefused

logger = logging.getLogger(__name__)

UNAVAILABLE = _(
    "%(name)s ne répond pas pour le moment. Réessayez dans quelques minutes, ou connectez-vous "
    "avec votre adresse électronique et votre mot de passe."
)
FAILED = _(
    "La connexion avec %(name)s n’a pas abouti. Réessayez, ou connectez-vous avec votre "
    "adresse électronique et votre mot de passe."
)
REFUSALS = {
    OIDCSignInRefused.MISSING_EMAIL: _(
        "%(name)s ne nous a pas transmis votre adresse électronique : elle est nécessaire pour "
        "vous connecter. Réessayez en acceptant de la partager, ou connectez-vous avec votre "
        "adresse électronique et votre mot de passe."
    ),
    OIDCSignInRefused.UNVERIFIED_EMAIL: _(
        "Votre adresse électronique n’est pas encore vérifiée chez %(name)s : vérifiez-la "
        "auprès de %(name)s, puis réessayez."
    ),
    OIDCSignInRefused.ALREADY_LINKED: _(
        "Le compte qui porte cette adresse électronique est déjà relié à une autre identité "
        "%(name)s. Connectez-vous avec celle-ci, ou avec votre adresse électronique et votre "
        "mot de passe."
    ),
}


class _ProviderView(ProviderSettingsMixin):
    """Refuses a disabled provider (404) and turns an unreachable one into a message."""

    def dispatch(self, request, *args, **kwargs):
        if not self.provider.enabled:
            raise Http404("This sign-in provider is not enabled.")
        try:
            return super().dispatch(request, *args, **kwargs)
        except (ProviderUnavailable, requests.RequestException) as exc:
            logger.error("OIDC provider %s unavailable: %s", self.provider.key, exc)
            return self.back_to_login(UNAVAILABLE)

    def back_to_login(self, message):
        messages.error(self.request, message % {"name": self.provider.name})
        url = reverse("accounts:login")
        next_url = self.request.session.get("oidc_login_next")
        return HttpResponseRedirect(f"{url}?{urlencode({'next': next_url})}" if next_url else url)


class OIDCStartView(_ProviderView, OIDCAuthenticationRequestView):
    """Sends the person to the provider, remembering which provider this state belongs to."""

    def __init__(self, **kwargs):
        # The parent reads the endpoints here; they are read in get(), where errors are handled.
        View.__init__(self, **kwargs)

    def get(self, request):
        self.OIDC_OP_AUTH_ENDPOINT = self.get_settings("OIDC_OP_AUTHORIZATION_ENDPOINT")
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session["oidc_states"][state]["provider"] = self.provider.key
        request.session.modified = True
        return response


class OIDCCallbackView(_ProviderView, OIDCAuthenticationCallbackView):
    """Signs the person in with the provider's answer, or says on the login page why not."""

    def get(self, request):
        started = request.session.get("oidc_states", {}).get(request.GET.get("state"))
        if started and started.get("provider") != self.provider.key:
            return self.login_failure()
        setattr(request, REQUEST_PROVIDER_ATTR, self.provider.key)
        try:
            return super().get(request)
        except OIDCSignInRefused as refusal:
            return self.back_to_login(REFUSALS[refusal.reason])

    def login_failure(self):
        return self.back_to_login(FAILED)
