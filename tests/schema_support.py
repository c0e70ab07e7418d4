"""Calls through the WSGI application that are checked against ``/api/schema/``.

Schemathesis loads the schema the application serves and checks a response
the way the fuzz tests do: no server error, a documented status code and
content type, and a body of the documented shape.
"""

from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from accounts.services import token_issue

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]


@contextmanager
def connection_kept_across_requests():
    """Keep the test's database connection across in-process requests.

    The WSGI handler closes a connection that sits in a transaction when a
    request starts and ends; Django's test client avoids this the same way.
    """
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    try:
        yield
    finally:
        for signal in (request_started, request_finished):
            signal.connect(close_old_connections)


def token_headers(user) -> dict[str, str]:
    return {"Authorization": f"Token {token_issue(user=user).key}"}


@pytest.fixture(scope="session")
def api_schema():
    """Return the schema the application serves, loaded through its WSGI entry point."""
    from nqi_service.wsgi import application

    with connection_kept_across_requests():
        return schemathesis.openapi.from_wsgi("/api/schema/?format=json", application)


@pytest.fixture
def conforming(api_schema, db):
    """Return ``call(method, path, user, **case)``: send one request and check it conforms."""

    def call(method: str, path: str, user=None, **case):
        operation = api_schema[path][method]
        headers = token_headers(user) if user is not None else None
        if "body" in case:
            case.setdefault("media_type", "application/json")
        with connection_kept_across_requests():
            return operation.Case(**case).call_and_validate(headers=headers, checks=CHECKS)

    return call
