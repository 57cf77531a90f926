"""The two OpenID Connect providers: agents (ProConnect) and citizens (FranceConnect).

Each is configured by its own `OIDC_<AGENT|CITIZEN>_*` settings. Its endpoints come from the
issuer's discovery document, `<ISSUER>/.well-known/openid-configuration`, fetched at first use
and cached for an hour in the process; any endpoint set explicitly wins over the discovered one.
"""

import logging
import time
from dataclasses import dataclass, field

import requests
from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from essaim.accounts.models import OIDCProvider

logger = logging.getLogger(__name__)

DISCOVERY_TTL_SECONDS = 60 * 60
# Discovery key → the suffix of its explicit setting, OIDC_<AGENT|CITIZEN>_<suffix>.
ENDPOINT_SETTINGS = {
    "authorization_endpoint": "AUTHORIZATION_ENDPOINT",
    "token_endpoint": "TOKEN_ENDPOINT",
    "userinfo_endpoint": "USERINFO_ENDPOINT",
    "jwks_uri": "JWKS_ENDPOINT",
}
_AUDIENCES = {
    OIDCProvider.AGENT: _("Vous êtes agent public ?"),
    OIDCProvider.CITIZEN: _("Vous êtes un particulier ?"),
}

_discovery_cache: dict[str, tuple[float, dict]] = {}


class ProviderUnavailable(Exception):
    """The provider is misconfigured, or its discovery document cannot be had right now."""


@dataclass(frozen=True)
class Provider:
    key: str
    enabled: bool
    name: str
    client_id: str
    client_secret: str
    issuer: str
    scopes: str
    sign_algo: str
    acr_values: str
    explicit_endpoints: dict = field(default_factory=dict)

    @property
    def audience(self) -> str:
        return _AUDIENCES[self.key]

    @property
    def login_url(self) -> str:
        return reverse(f"accounts:oidc:{self.key}-login")

    @property
    def callback_url_name(self) -> str:
        return f"accounts:oidc:{self.key}-callback"

    @property
    def brand(self) -> str:
        """Which official button to show: "franceconnect", "proconnect", or "" for a plain one."""
        name = self.name.replace(" ", "").lower()
        return name if name in {"franceconnect", "proconnect"} else ""

    def metadata(self) -> dict:
        """The provider's endpoints and capabilities. Raises ProviderUnavailable."""
        prefix = f"OIDC_{self.key.upper()}_"
        if not (self.client_id and self.client_secret):
            raise ProviderUnavailable(f"{prefix}CLIENT_ID and {prefix}CLIENT_SECRET must be set.")
        explicit = {key: value for key, value in self.explicit_endpoints.items() if value}
        if len(explicit) == len(ENDPOINT_SETTINGS):
            return {"issuer": self.issuer, **explicit}
        if not self.issuer:
            raise ProviderUnavailable(f"{prefix}ISSUER (or every endpoint) must be set.")
        return {**discover(self.issuer), **explicit}

    def endpoint(self, name: str) -> str:
        url = self.metadata().get(name)
        if not url:
            raise ProviderUnavailable(f"{self.issuer} announces no {name}.")
        return url

    @property
    def uses_pkce(self) -> bool:
        return "S256" in self.metadata().get("code_challenge_methods_supported", ())


def get_provider(key: str) -> Provider:
    """The provider `key` ("agent" or "citizen") as the settings describe it now."""
    prefix = f"OIDC_{OIDCProvider(key).name}_"

    def read(name, default=""):
        return getattr(settings, prefix + name, default)

    return Provider(
        key=key,
        enabled=bool(read("ENABLED", False)),
        name=read("NAME") or key,
        client_id=read("CLIENT_ID"),
        client_secret=read("CLIENT_SECRET"),
        issuer=read("ISSUER").rstrip("/"),
        scopes=read("SCOPES") or "openid email",
        sign_algo=read("SIGN_ALGO") or "RS256",
        acr_values=read("ACR_VALUES"),
        explicit_endpoints={key: read(suffix) for key, suffix in ENDPOINT_SETTINGS.items()},
    )


def enabled_providers() -> list[Provider]:
    providers = [get_provider(key) for key in OIDCProvider.values]
    return [provider for provider in providers if provider.enabled]


def discover(issuer: str) -> dict:
    """The issuer's discovery document, from the cache or fetched. Raises ProviderUnavailable."""
    now = time.monotonic()
    cached = _discovery_cache.get(issuer)
    if cached and cached[0] > now:
        return cached[1]
    url = f"{issuer}/.well-known/openid-configuration"
    try:
        response = requests.get(url, timeout=settings.OIDC_TIMEOUT)
        response.raise_for_status()
        document = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise ProviderUnavailable(f"OpenID discovery failed at {url}: {exc}") from exc
    announced = document.get("issuer", "") if isinstance(document, dict) else ""
    if announced.rstrip("/") != issuer:
        raise ProviderUnavailable(f"{url} announces issuer {announced!r}, not {issuer!r}.")
    _discovery_cache[issuer] = (now + DISCOVERY_TTL_SECONDS, document)
    return document
