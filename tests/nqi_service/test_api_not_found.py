"""An unknown URL under /api/ answers in JSON like every other API error."""

import pytest
from django.test import Client

from tests.factories import AdminFactory

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
