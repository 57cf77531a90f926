"""Settings of the test suite: Essaim's own, plus an OpenID Connect provider to sign in against.

django-oidc-provider is a development dependency: it is installed and routed here only, so the
sign-in tests drive a real provider (discovery, authorize, token, userinfo, JWKS) inside the
live server, while production settings and URLs know nothing of it.
"""

from essaim.settings import *  # noqa: F403
from essaim.settings import INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "oidc_provider"]
ROOT_URLCONF = "tests.urls"
OIDC_USERINFO = "tests.accounts.oidc_provider_support.userinfo"
OIDC_EXTRA_SCOPE_CLAIMS = "tests.accounts.oidc_provider_support.FrenchScopeClaims"
