"""Essaim's URLs, plus the test-only OpenID Connect provider under /test-oidc-provider/."""

from django.urls import include, path

from essaim import urls as essaim_urls

urlpatterns = [
    path("test-oidc-provider/", include("oidc_provider.urls", namespace="oidc_provider")),
    *essaim_urls.urlpatterns,
]

handler404 = essaim_urls.handler404
handler500 = essaim_urls.handler500
