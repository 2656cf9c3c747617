"""Schemathesis reads the API's OpenAPI document and throws generated requests at every operation, in process.

It fails on any server error and on any response that does not match the document (status code, content
type, body schema), and on requests that break the document but are accepted anyway. The run is bounded
(few examples per operation, no coverage phase) so that it stays well under a minute in `make test`;
`MAILLAGE_API_FUZZ_FULL=1` adds schemathesis' coverage phase (boundary values of every parameter) and more
examples, for a deeper run by hand (about a minute more).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.config import SchemathesisConfig

from maillage.api.actions import do_create_token
from maillage.api.main import api

# The app itself, without wsgi.py's refusal to serve on the development key (the tests run on it).
application = get_wsgi_application()

FULL = os.environ.get("MAILLAGE_API_FUZZ_FULL") == "1"
CONFIG = SchemathesisConfig.from_dict({"phases": {"coverage": {"enabled": FULL}}})
schema = schemathesis.openapi.from_dict(api.get_openapi_schema(), config=CONFIG)
schema.app = application


@pytest.fixture
def token(admin, tie_a) -> str:
    # The admin reads and writes everything: generated requests reach the code behind each permission check.
    return do_create_token(admin, "schemathesis")[1]


@pytest.fixture
def one_connection():
    """Keep the test's database connection open across the in-process requests.

    Schemathesis calls the WSGI application itself, where Django closes the connection at the end of each
    request — and with it, on PostgreSQL, the test's transaction. Django's own test client does the same.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=40 if FULL else 8,
    deadline=None,
    derandomize=True,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_document(case, token, one_connection, db):
    # Writes follow the web forms' rules, some of which JSON Schema cannot state (a name in French *or* in
    # English, dates in order, two members of the same network): a schema-valid body may rightly get a 422
    # with field errors, so "schema-valid data must be accepted" is the one check left out.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[schemathesis.checks.positive_data_acceptance],
    )
