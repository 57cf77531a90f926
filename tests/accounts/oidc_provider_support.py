"""The provider side of the sign-in tests: what django-oidc-provider asserts about a person.

tests/settings.py points django-oidc-provider's OIDC_USERINFO and OIDC_EXTRA_SCOPE_CLAIMS here.
A provider-side account is an ordinary row of the user table (the provider runs in the same
process); the identity it asserts — address, names — is set by the test in `CLAIMS`.
"""

from oidc_provider.lib.claims import ScopeClaims

# Provider-side account's primary key → the claims the provider asserts for it.
CLAIMS: dict[int, dict] = {}


def userinfo(claims, user):
    claims.update(CLAIMS.get(user.pk, {}))
    return claims


class FrenchScopeClaims(ScopeClaims):
    """ProConnect's and FranceConnect's scopes, each named after the one claim it grants."""

    def scope_given_name(self):
        return {"given_name": self.userinfo.get("given_name")}

    def scope_usual_name(self):
        return {"usual_name": self.userinfo.get("usual_name")}

    def scope_family_name(self):
        return {"family_name": self.userinfo.get("family_name")}
