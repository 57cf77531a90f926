"""`{% oidc_providers as providers %}`: the OpenID Connect providers enabled on this instance."""

from django import template

from essaim.accounts.oidc_providers import Provider, enabled_providers

register = template.Library()


@register.simple_tag
def oidc_providers() -> list[Provider]:
    return enabled_providers()
