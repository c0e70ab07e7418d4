"""Unexpected errors in the API answer in the API's JSON error shape, never an HTML page."""

import pytest
from rest_framework.test import APIClient

from requests_app.api.views import TicketViewSet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_an_unexpected_error_in_the_api_is_a_json_500(monkeypatch):
    def broken(user):
        raise RuntimeError("a bug")

    monkeypatch.setattr(TicketViewSet, "selector", broken)
    client = APIClient(raise_request_exception=False)
    client.force_authenticate(UserFactory())

    response = client.get("/api/v1/tickets/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "A server error occurred.", "code": "server_error"}
