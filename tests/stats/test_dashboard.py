"""The dashboard: the supervisor's figures in Chinese, and nobody else's."""

import pytest

from tests.factories import (
    CooperativeFactory,
    CooperativeMembershipFactory,
    EnterpriseMembershipFactory,
    SamplingInspectionFactory,
)


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
    assert [label for label, _messages in response.context["errors"]] == ["起"]
    assert client.get("/dashboard/", {"region": "43"}).status_code == 403


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"date_to": "9999-12-31"}, "止: 确保该值小于或等于2099-12-31。"),
        ({"date_from": "9999-12-31"}, "起: 确保该值小于或等于2099-12-31。"),
        ({"date_from": "0001-01-01"}, "起: 确保该值大于或等于2000-01-01。"),
        (
            {"date_from": "2000-01-01", "date_to": "2099-12-31"},
            "起: 按月统计最多 120 个时段，请缩短日期范围。",
        ),
    ],
)
def test_dates_outside_the_bounds_are_named_in_chinese_not_a_500(
    client, supervisor, params, message
):
    client.force_login(supervisor)
    response = client.get("/dashboard/", params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_a_station_outside_the_supervisors_region_gets_403(client, supervisor, network):
    client.force_login(supervisor)
    assert client.get("/dashboard/", {"station": network.stations[3].id}).status_code == 403
    assert client.get("/dashboard/", {"station": network.stations[1].id}).status_code == 200


def test_staff_filtering_a_region_outside_their_station_gets_403(client, staff):
    client.force_login(staff)
    assert client.get("/dashboard/", {"region": "45"}).status_code == 403


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


def test_supervisor_sees_the_cooperatives_with_those_under_target_flagged(client, supervisor):
    under = CooperativeFactory(region_code="420104", name="汉正街服装质量合作社")
    fine = CooperativeFactory(region_code="420111", name="洪山光电质量合作社")
    outside = CooperativeFactory(region_code="320602", name="南通家纺质量合作社")
    CooperativeMembershipFactory.create_batch(3, cooperative=under)
    for coop, results in ((under, [True] * 8 + [False] * 2), (fine, [True] * 10)):
        for passed in results:
            SamplingInspectionFactory(cooperative=coop, passed=passed)
    client.force_login(supervisor)
    response = client.get("/dashboard/")
    page = response.content.decode()
    in_region = sorted((under, fine), key=lambda coop: coop.code)
    assert [row["station"] for row in response.context["cooperatives"]] == [
        coop.pk for coop in in_region
    ]
    assert outside.name not in page
    section = page.split("质量合作社抽检合格率", 1)[1]
    under_row = section.split(under.name, 1)[1].split("</tr>", 1)[0]
    fine_row = section.split(fine.name, 1)[1].split("</tr>", 1)[0]
    assert "低于目标" in under_row and "80.0 %" in under_row and "95.0 %" in under_row
    assert ">3<" in under_row
    assert "低于目标" not in fine_row and "100.0 %" in fine_row
    assert "1 个合作社低于合格率目标" in page
