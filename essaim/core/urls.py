from django.urls import path
from django.utils.translation import gettext_lazy as _

from essaim.core import views

app_name = "core"

_PAGES = [
    (
        "accessibilite/",
        "core/accessibility.html",
        _("Déclaration d’accessibilité"),
        "accessibility",
    ),
    ("mentions-legales/", "core/legal.html", _("Mentions légales"), "legal"),
    ("donnees-personnelles/", "core/privacy.html", _("Données personnelles"), "privacy"),
    ("plan-du-site/", "core/sitemap.html", _("Plan du site"), "sitemap"),
]

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("readyz", views.readyz, name="readyz"),
    path("territoires/recherche", views.territory_search, name="territory_search"),
    *[
        path(route, views.static_page, {"template": template, "title": title}, name=name)
        for route, template, title, name in _PAGES
    ],
]
