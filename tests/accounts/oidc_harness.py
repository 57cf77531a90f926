"""A real OpenID Connect provider and a real HTTP client for the end-to-end sign-in tests.

The live server answers on one port under two host names: Essaim at http://127.0.0.1:PORT and
django-oidc-provider at http://localhost:PORT/test-oidc-provider. Cookies are kept per host
name, so signing in at the provider does not sign anyone in on Essaim: only the callback does.
"""

import itertools
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import requests
from django.contrib.sessions.models import Session
from oidc_provider.models import Client, ResponseType, RSAKey

from essaim.accounts.models import OIDCProvider, User
from tests.accounts import oidc_provider_support
from tests.accounts.factories import PASSWORD, UserFactory

URL_PREFIXES = {OIDCProvider.AGENT: "agent", OIDCProvider.CITIZEN: "citoyen"}
_client_numbers = itertools.count(1)


@dataclass
class Form:
    action: str
    method: str
    fields: dict = field(default_factory=dict)
    has_password: bool = False


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.forms.append(Form(attrs.get("action") or "", (attrs.get("method") or "get")))
        elif tag == "input" and self.forms:
            form = self.forms[-1]
            if attrs.get("type") == "password":
                form.has_password = True
            elif attrs.get("type") in {"hidden", "email", "text"} and attrs.get("name"):
                form.fields[attrs["name"]] = attrs.get("value") or ""


def forms_of(response) -> list[Form]:
    parser = _FormParser()
    parser.feed(response.text)
    return parser.forms


@dataclass
class OpenIDProvider:
    """django-oidc-provider inside the live server, and Essaim configured to use it."""

    root: str  # the provider's host, http://localhost:PORT
    essaim_root: str  # Essaim's host, http://127.0.0.1:PORT
    settings: object

    @property
    def issuer(self) -> str:
        return f"{self.root}/test-oidc-provider"

    def register(self, key: str, **extra_settings) -> Client:
        """Registers Essaim as a client of this provider for `key`, and enables it on Essaim."""
        number = next(_client_numbers)
        client = Client.objects.create(
            name=f"Essaim {key}",
            client_id=f"essaim-{key}-{number}",
            client_secret=f"secret-{key}-{number}",
            jwt_alg="RS256",
            redirect_uris=[f"{self.essaim_root}/compte/oidc/{URL_PREFIXES[key]}/retour/"],
        )
        client.response_types.add(ResponseType.objects.get(value="code"))
        prefix = f"OIDC_{OIDCProvider(key).name}_"
        values = {
            "ENABLED": True,
            "CLIENT_ID": client.client_id,
            "CLIENT_SECRET": client.client_secret,
            "ISSUER": self.issuer,
            **extra_settings,
        }
        for name, value in values.items():
            setattr(self.settings, prefix + name, value)
        return client

    def account(self, **claims) -> User:
        """A person's account at the provider, asserting `claims` (email, given_name…)."""
        account = UserFactory(email=f"compte-{next(_client_numbers)}@fournisseur.test")
        oidc_provider_support.CLAIMS[account.pk] = claims
        return account


def start_provider(*, live_server, settings, rsa_private_key_pem: str) -> OpenIDProvider:
    port = live_server.thread.port
    provider = OpenIDProvider(
        root=f"http://localhost:{port}", essaim_root=f"http://127.0.0.1:{port}", settings=settings
    )
    # django-oidc-provider builds its issuer on SITE_URL.
    settings.SITE_URL = provider.root
    RSAKey.objects.create(key=rsa_private_key_pem)
    ResponseType.objects.get_or_create(
        value="code", defaults={"description": "code (Authorization Code Flow)"}
    )
    return provider


class Browser:
    """A person's web browser: a cookie jar and forms submitted as they are on the page."""

    def __init__(self, essaim_root: str):
        self.essaim_root = essaim_root
        self.http = requests.Session()

    def close(self):
        self.http.close()

    def get(self, path_or_url: str, **params):
        return self.http.get(urljoin(self.essaim_root, path_or_url), params=params, timeout=30)

    def submit(self, response, form: Form, **values):
        url = urljoin(response.url, form.action or response.url)
        data = {**form.fields, **values}
        if form.method.lower() == "post":
            return self.http.post(url, data=data, timeout=30)
        return self.http.get(url, params=data, timeout=30)

    def sign_in_with(self, key: str, account: User, *, allow: bool = True, next_url: str = ""):
        """From Essaim's login page, the provider's button, then whatever the provider asks."""
        page = self.get("/compte/connexion/", **({"next": next_url} if next_url else {}))
        start_path = f"/compte/oidc/{URL_PREFIXES[key]}/connexion/"
        button = next(form for form in forms_of(page) if form.action == start_path)
        response = self.submit(page, button)
        if urlsplit(response.url).path == "/compte/connexion/" and "localhost" in response.url:
            # The provider's own login page (the provider reuses Essaim's login view).
            login_form = next(form for form in forms_of(response) if form.has_password)
            response = self.submit(response, login_form, username=account.email, password=PASSWORD)
        if urlsplit(response.url).path.startswith("/test-oidc-provider/authorize"):
            consent = next(form for form in forms_of(response) if form.method.lower() == "post")
            response = self.submit(response, consent, **({"allow": "Authorize"} if allow else {}))
        return response

    def signed_in_user(self) -> User | None:
        """Who Essaim's session cookie signs in, read from the session store."""
        key = self.http.cookies.get("sessionid", domain="127.0.0.1")
        session = Session.objects.filter(session_key=key).first() if key else None
        user_id = session.get_decoded().get("_auth_user_id") if session else None
        return User.objects.filter(pk=user_id).first() if user_id else None
