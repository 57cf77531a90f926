"""The one NinjaAPI of Essaim, mounted at /api/v1/ by essaim.urls.

Each app adds its endpoints by shipping an `api.py` module that defines `router` (a
`ninja.Router`) and `prefix` (e.g. "/organisations"): they are found and mounted when the URLs
load, in INSTALLED_APPS order. Endpoints are read-only and public unless they say otherwise.
"""

from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import ValidationError
from ninja.openapi.docs import Swagger

from essaim.api.errors import document_errors, validation_error_body
from essaim.core.discovery import app_modules

DESCRIPTION = """
Les données publiques d’Essaim, la plateforme de l’innovation publique : organisations,
laboratoires, initiatives, événements… en JSON.

L’API est en lecture seule et ouverte à tous, sans clé. Les listes sont paginées : `page`
(à partir de 1) et `page_size` (100 au plus) ; la réponse donne les éléments de la page
(`items`) et le nombre total de résultats (`count`). Le schéma OpenAPI se télécharge à
l’adresse `/api/v1/openapi.json`.
"""


class LocalSwagger(Swagger):
    """Swagger UI from the files django-ninja ships (no CDN), in a page declared in French."""

    template = "api/docs.html"


class EssaimAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The schema, with the 404 and 422 answers every operation may give."""
        return document_errors(super().get_openapi_schema(**kwargs))


def build_api() -> NinjaAPI:
    api = EssaimAPI(
        title="API Essaim",
        version="1",
        description=DESCRIPTION.strip(),
        urls_namespace="api",
        # validatorUrl: null keeps Swagger UI from calling validator.swagger.io.
        docs=LocalSwagger(settings={"validatorUrl": None, "defaultModelsExpandDepth": 0}),
    )
    for _label, module in app_modules("api"):
        api.add_router(module.prefix, module.router)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        message = "Introuvable : vérifiez l’adresse, ou cherchez dans la liste correspondante."
        return api.create_response(request, {"detail": message}, status=404)

    @api.exception_handler(ValidationError)
    def invalid_request(request, exc):
        return api.create_response(request, validation_error_body(exc.errors), status=422)

    return api


api = build_api()
