"""The whole read API fuzzed by schemathesis from its own OpenAPI schema.

Every operation of /api/v1/openapi.json receives generated requests (valid and invalid query
strings, path parameters, unknown facet values, huge numbers…) through Django's WSGI handler, in
the test database. Checked on every response: never a server error (5xx), status code, content
type, headers and body as documented by the schema.
"""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings

from essaim.catalogue.models import PublicationState
from tests.catalogue.factories import InitiativeFactory, LabFactory

API_SCHEMA = "/api/v1/openapi.json"


# Loaded once at collection through the WSGI handler (generating the schema reads no table).
schema = schemathesis.openapi.from_wsgi(API_SCHEMA, get_wsgi_application())


@pytest.fixture(autouse=True)
def catalogue(db, settings):
    """A little published catalogue behind the API (and a draft it must never show)."""
    settings.ALLOWED_HOSTS = ["*"]
    lab = LabFactory(name="Ti-Lab")
    origin = InitiativeFactory(title="Nord autonomie", labs=[lab])
    InitiativeFactory(title="Nord autonomie en Loire", origin=origin)
    InitiativeFactory(title="Brouillon secret", publication_state=PublicationState.DRAFT)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_api_answers_every_generated_request_as_documented(case):
    response = case.call()
    assert response.status_code < 500, (response.status_code, case.formatted_path, case.query)
    case.validate_response(response)
