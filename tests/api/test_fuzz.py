"""The whole read API fuzzed by schemathesis from its own OpenAPI schema.

Every operation of /api/v1/openapi.json receives generated requests (valid and invalid query
strings, path parameters, unknown facet values, huge numbers…) through Django's WSGI handler, in
the test database: none may answer with a server error (5xx). The catalogue's operations
(/initiatives, /labs) are also checked in full: status code, content type, headers and body as
the schema documents them.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from essaim.catalogue.models import PublicationState
from tests.catalogue.factories import InitiativeFactory, LabFactory

API_SCHEMA = "/api/v1/openapi.json"


# Loaded once at collection through the WSGI handler (generating the schema reads no table).
schema = schemathesis.openapi.from_wsgi(API_SCHEMA, get_wsgi_application())


@pytest.fixture(autouse=True)
def _keep_the_test_connection_open():
    """The bare WSGI handler would close the test's database connection after each request
    (Django's test client prevents this; schemathesis calls the handler directly)."""
    for signal in (signals.request_started, signals.request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (signals.request_started, signals.request_finished):
        signal.connect(close_old_connections)


@pytest.fixture(autouse=True)
def catalogue(db, settings):
    """A little published catalogue behind the API (and a draft it must never show)."""
    settings.ALLOWED_HOSTS = ["*"]
    lab = LabFactory(name="Ti-Lab")
    origin = InitiativeFactory(title="Nord autonomie", labs=[lab])
    InitiativeFactory(title="Nord autonomie en Loire", origin=origin)
    InitiativeFactory(title="Brouillon secret", publication_state=PublicationState.DRAFT)


FUZZ = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# The catalogue's own operations (issue 3) must also answer exactly as documented.
CATALOGUE = schema.include(path_regex=r"^/api/v1/(initiatives|labs)")


@schema.parametrize()
@FUZZ
def test_no_api_operation_ever_answers_with_a_server_error(case):
    response = case.call()
    assert response.status_code < 500, (response.status_code, case.formatted_path, case.query)
    case.validate_response(response, checks=[not_a_server_error])


@CATALOGUE.parametrize()
@FUZZ
def test_catalogue_api_answers_every_generated_request_as_documented(case):
    response = case.call()
    assert response.status_code < 500, (response.status_code, case.formatted_path, case.query)
    case.validate_response(response)
