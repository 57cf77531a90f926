"""OpenID Connect sign-in with two providers at once, on top of mozilla-django-oidc.

mozilla-django-oidc reads one provider from global settings. Here each backend and view is bound
to one provider ("agent" or "citizen") and answers mozilla-django-oidc's setting names from that
provider's own settings (see `ProviderSettingsMixin`). The callback view marks the request with
its provider, so that only that provider's backend takes part in `authenticate()`.
"""

from functools import cached_property

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import SuspiciousOperation, ValidationError
from django.core.validators import validate_email
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.utils import import_from_settings

from essaim.accounts.models import OIDCProvider
from essaim.accounts.oidc_providers import Provider, get_provider
from essaim.accounts.oidc_services import OIDCSignInRefused, sign_in_with_oidc

# The attribute, on the request, naming the provider whose callback is being handled.
REQUEST_PROVIDER_ATTR = "essaim_oidc_provider"


class ProviderSettingsMixin:
    """Answers mozilla-django-oidc's `get_settings()` from one provider's settings."""

    provider_key: str = ""

    @cached_property
    def provider(self) -> Provider:
        return get_provider(self.provider_key)

    def get_settings(self, attr, *default):
        provider = self.provider
        own = {
            "OIDC_RP_CLIENT_ID": lambda: provider.client_id,
            "OIDC_RP_CLIENT_SECRET": lambda: provider.client_secret,
            "OIDC_RP_SCOPES": lambda: provider.scopes,
            "OIDC_RP_SIGN_ALGO": lambda: provider.sign_algo,
            "OIDC_RP_IDP_SIGN_KEY": lambda: None,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": lambda: provider.endpoint("authorization_endpoint"),
            "OIDC_OP_TOKEN_ENDPOINT": lambda: provider.endpoint("token_endpoint"),
            "OIDC_OP_USER_ENDPOINT": lambda: provider.endpoint("userinfo_endpoint"),
            "OIDC_OP_JWKS_ENDPOINT": lambda: provider.endpoint("jwks_uri"),
            "OIDC_AUTHENTICATION_CALLBACK_URL": lambda: provider.callback_url_name,
            "OIDC_AUTH_REQUEST_EXTRA_PARAMS": lambda: (
                {"acr_values": provider.acr_values} if provider.acr_values else {}
            ),
            "OIDC_USE_PKCE": lambda: provider.uses_pkce,
        }
        if attr in own:
            return own[attr]()
        return import_from_settings(attr, *default)


class _ProviderBackend(ProviderSettingsMixin, OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        # The parent reads every setting here; this backend is also built on each request to
        # load the signed-in user, so it reads nothing until a sign-in needs it.
        self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if request is None or getattr(request, REQUEST_PROVIDER_ATTR, None) != self.provider_key:
            return None
        if not self.provider.enabled:
            return None
        self.OIDC_RP_CLIENT_ID = self.get_settings("OIDC_RP_CLIENT_ID")
        self.OIDC_RP_CLIENT_SECRET = self.get_settings("OIDC_RP_CLIENT_SECRET")
        self.OIDC_RP_SIGN_ALGO = self.get_settings("OIDC_RP_SIGN_ALGO")
        self.OIDC_RP_IDP_SIGN_KEY = None
        self.OIDC_OP_TOKEN_ENDPOINT = self.get_settings("OIDC_OP_TOKEN_ENDPOINT")
        self.OIDC_OP_USER_ENDPOINT = self.get_settings("OIDC_OP_USER_ENDPOINT")
        self.OIDC_OP_JWKS_ENDPOINT = self.get_settings("OIDC_OP_JWKS_ENDPOINT")
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The signed payload, also checked to come from this issuer for this client."""
        payload = super().verify_token(token, **kwargs)
        issuer = (self.provider.metadata().get("issuer") or self.provider.issuer).rstrip("/")
        if "iss" in payload and str(payload["iss"]).rstrip("/") != issuer:
            raise SuspiciousOperation("The token comes from another issuer.")
        audience = payload.get("aud")
        audiences = [audience] if isinstance(audience, str) else audience or []
        if audience is not None and self.provider.client_id not in audiences:
            raise SuspiciousOperation("The token is meant for another client.")
        return payload

    def get_or_create_user(self, access_token, id_token, payload):
        claims = self.get_userinfo(access_token, id_token, payload)
        if not payload.get("sub") or claims.get("sub") != payload["sub"]:
            raise SuspiciousOperation("The userinfo and id_token subjects differ.")
        email = claims.get("email")
        if not email or not isinstance(email, str):
            raise OIDCSignInRefused(OIDCSignInRefused.MISSING_EMAIL)
        if claims.get("email_verified") is False:
            raise OIDCSignInRefused(OIDCSignInRefused.UNVERIFIED_EMAIL)
        try:
            validate_email(email)
        except ValidationError as exc:
            raise SuspiciousOperation("The provider's e-mail address is malformed.") from exc
        return sign_in_with_oidc(
            provider=self.provider_key,
            sub=str(payload["sub"]),
            email=email,
            first_name=_text(claims.get("given_name")),
            last_name=_text(claims.get("usual_name")) or _text(claims.get("family_name")),
        )

    def get_user(self, user_id):
        # Django's own rule: an inactive account is signed out.
        return ModelBackend.get_user(self, user_id)


def _text(value) -> str:
    return value.strip() if isinstance(value, str) else ""


class AgentOIDCBackend(_ProviderBackend):
    """Public agents, through ProConnect (settings OIDC_AGENT_*)."""

    provider_key = OIDCProvider.AGENT


class CitizenOIDCBackend(_ProviderBackend):
    """Citizens, through FranceConnect (settings OIDC_CITIZEN_*)."""

    provider_key = OIDCProvider.CITIZEN
