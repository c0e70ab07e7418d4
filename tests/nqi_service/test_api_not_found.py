"""An unknown URL or object under /api/ answers in JSON like every other API error."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from tests.factories import AdminFactory, EnterpriseMembershipFactory, TicketFactory

pytestmark = pytest.mark.django_db


def test_an_unknown_api_url_answers_json_404():
    response = Client().get("/api/v1/no-such-collection/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"detail"}


def test_an_unknown_page_outside_the_api_stays_html():
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_an_id_that_is_no_number_answers_a_documented_404(conforming):
    response = conforming(
        "DELETE",
        "/api/v1/enterprises/{id}/members/{user_id}/",
        AdminFactory(),
        path_parameters={"id": "false", "user_id": "x"},
    )
    assert response.status_code == 404


def test_an_object_out_of_scope_is_a_plain_404_in_chinese():
    ticket = TicketFactory()
    client = APIClient()
    client.force_authenticate(EnterpriseMembershipFactory().user)

    response = client.get(f"/api/v1/tickets/{ticket.pk}/")

    assert response.status_code == 404
    # The same words as for an unknown URL, and no model name.
    assert response.json() == {"detail": "未找到。"}


def test_the_404_of_a_missing_object_speaks_english_when_asked():
    client = APIClient()
    client.force_authenticate(AdminFactory())

    response = client.get("/api/v1/stations/999999/", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
