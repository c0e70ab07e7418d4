"""The dashboard: the supervisor's figures in Chinese, and nobody else's."""

import pytest

from tests.factories import EnterpriseMembershipFactory


def test_anonymous_is_sent_to_the_login_page(client, db):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response["Location"].startswith("/dashboard/login/")


def test_supervisor_sees_figures_chart_and_stations_in_chinese(
    client, supervisor, counted, network
):
    client.force_login(supervisor)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    page = response.content.decode()
    overview = response.context["overview"]
    assert overview["received"] > 0
    assert "进展统计" in page
    assert "<svg" in page and "<rect" in page
    for row in response.context["stations"]:
        assert row["name"] in page
    assert "http" not in page.split("<svg", 1)[1].split("</svg>", 1)[0].replace(
        'xmlns="http://www.w3.org/2000/svg"', ""
    )


def test_the_dashboard_applies_the_same_filters(client, supervisor, counted):
    client.force_login(supervisor)
    response = client.get("/dashboard/", {"category": "metrology", "date_from": "2026-13-01"})
    assert response.status_code == 200
    assert "date_from" in response.context["errors"]
    assert client.get("/dashboard/", {"region": "43"}).status_code == 403


@pytest.mark.django_db
def test_an_enterprise_user_is_refused(client):
    client.force_login(EnterpriseMembershipFactory().user)
    assert client.get("/dashboard/").status_code == 403


def test_login_page_logs_a_supervisor_in(client, supervisor):
    response = client.post(
        "/dashboard/login/", {"username": "stats_supervisor", "password": "pass-word-123"}
    )
    assert response.status_code == 302
    assert client.get("/dashboard/").status_code == 200
