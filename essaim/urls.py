from django.contrib import admin
from django.urls import include, path

from essaim.api.site import api

urlpatterns = [
    path("", include("essaim.core.urls")),
    path("compte/", include("essaim.accounts.urls")),
    path("organisations/", include("essaim.accounts.org_urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("initiatives/", include("essaim.catalogue.urls")),
    path("agenda/", include("essaim.agenda.urls")),
    path("consultations/", include("essaim.participation.urls")),
    path("syntheses/", include("essaim.synthesis.urls")),
    path("demarches/", include("essaim.procedures.urls")),
]

handler404 = "essaim.core.views.page_not_found"
handler500 = "essaim.core.views.server_error"
