"""Sign-in through OpenID Connect, under /compte/oidc/: one start and one callback per provider."""

from django.urls import path

from essaim.accounts.models import OIDCProvider
from essaim.accounts.oidc_views import OIDCCallbackView, OIDCStartView

app_name = "oidc"

_URL_PREFIXES = {OIDCProvider.AGENT: "agent", OIDCProvider.CITIZEN: "citoyen"}

urlpatterns = [
    route
    for key, prefix in _URL_PREFIXES.items()
    for route in (
        path(
            f"{prefix}/connexion/",
            OIDCStartView.as_view(provider_key=key),
            name=f"{key}-login",
        ),
        path(
            f"{prefix}/retour/",
            OIDCCallbackView.as_view(provider_key=key),
            name=f"{key}-callback",
        ),
    )
]
