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
