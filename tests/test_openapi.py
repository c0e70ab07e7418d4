"""The API documents itself: schema and docs UI readable without login, no CDN."""

import io

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


def test_schema_generation_has_no_warnings_or_errors(tmp_path):
    call_command(
        "spectacular",
        "--validate",
        "--fail-on-warn",
        "--file",
        str(tmp_path / "schema.yaml"),
        stderr=io.StringIO(),
    )


def test_schema_is_readable_without_login_and_documents_error_shapes():
    response = APIClient().get("/api/schema/", {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    register = paths["/api/v1/auth/register/"]["post"]["responses"]
    assert {"201", "400", "409", "429"} <= set(register)
    for path in ("/api/v1/stations/", "/api/v1/experts/", "/api/v1/enterprises/"):
        assert "401" in paths[path]["get"]["responses"], path
    assert {"403", "404"} <= set(paths["/api/v1/experts/{id}/"]["patch"]["responses"])


def test_docs_ui_is_served_without_login_from_local_static_files():
    response = APIClient().get("/api/docs/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "drf_spectacular_sidecar" in page
    assert "cdn.jsdelivr" not in page


def _operations(paths):
    for path, operations in paths.items():
        for method, operation in operations.items():
            yield f"{method.upper()} {path}", operation


def test_every_operation_documents_the_errors_its_shape_implies():
    paths = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"]
    missing = []
    for label, operation in _operations(paths):
        documented = set(operation["responses"])
        locations = {parameter["in"] for parameter in operation.get("parameters", [])}
        needs_login = {} not in operation.get("security", [{}])
        expected = {"401"} if needs_login else set()
        if "path" in locations or "cursor" in _names(operation) or "page" in _names(operation):
            expected.add("404")
        if "query" in locations or "requestBody" in operation:
            expected.add("400")
        if "requestBody" in operation:
            expected.add("415")
        if expected - documented:
            missing.append(f"{label}: {sorted(expected - documented)}")
    assert not missing


def _names(operation) -> set[str]:
    return {parameter["name"] for parameter in operation.get("parameters", [])}


def test_ticket_actions_document_role_and_status_refusals():
    paths = APIClient().get("/api/schema/", {"format": "json"}).json()["paths"]
    for label, operation in _operations(paths):
        if label.startswith("POST /api/v1/tickets/{id}/") and "summary" in operation:
            assert {"403", "409"} <= set(operation["responses"]), label
