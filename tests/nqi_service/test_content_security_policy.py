"""Every HTML page carries a Content-Security-Policy that its own assets satisfy."""

import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S)


def scripts(page: str) -> list[tuple[str, str]]:
    return [(attributes, body.strip()) for attributes, body in SCRIPT.findall(page)]


@pytest.mark.parametrize(
    "path", ["/admin/login/", "/dashboard/login/", "/api/docs/", "/api/schema/", "/healthz"]
)
def test_every_response_carries_the_policy(client, path):
    assert client.get(path)["Content-Security-Policy"] == POLICY


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/admin/auth/user/", "/admin/service_stations/servicestation/add/", "/dashboard/"],
)
def test_logged_in_pages_carry_it_and_run_no_inline_script(client, path):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(path)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == POLICY
    assert [body for _attributes, body in scripts(response.content.decode()) if body] == []


def test_the_docs_ui_loads_only_local_scripts_by_url():
    page = APIClient().get("/api/docs/").content.decode()
    sources = [re.search(r'src="([^"]+)"', attributes).group(1) for attributes, _b in scripts(page)]
    assert [body for _attributes, body in scripts(page)] == ["", "", ""]
    bundle, preset, start_up = sources
    for static in (bundle, preset):
        assert static.startswith("/static/drf_spectacular_sidecar/")
        assert finders.find(static.removeprefix("/static/"))
    script = APIClient().get(start_up)
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()
    assert "/api/schema/" in script.content.decode()
