"""Who may see statistics, how filters are checked, and what a request costs in queries."""

import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from requests_app.stats.maintenance import sweep
from tests.factories import EnterpriseMembershipFactory, ExpertFactory, UserFactory
from tests.stats.data import random_requests
from tests.stats.exports import HAN, exported, same

ENDPOINTS = ["overview", "stations", "cooperatives", "timeseries", "export"]


def url(endpoint: str) -> str:
    return f"/api/v1/stats/{endpoint}/"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_anonymous_gets_401(api, db, endpoint):
    response = api().get(url(endpoint))
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_enterprise_and_expert_users_get_403(api, db, endpoint):
    enterprise_user = EnterpriseMembershipFactory().user
    expert_user = ExpertFactory(user=UserFactory()).user
    assert api(enterprise_user).get(url(endpoint)).status_code == 403
    assert api(expert_user).get(url(endpoint)).status_code == 403


@pytest.mark.parametrize("region", ["42", "4202", "320602"])
def test_supervisor_filtering_outside_the_region_gets_403(api, supervisor, region):
    assert api(supervisor).get(url("overview"), {"region": region}).status_code == 403


def test_supervisor_may_narrow_to_a_district_and_any_station(api, supervisor, network):
    params = {"region": "420104", "station": network.stations[3].id}
    assert api(supervisor).get(url("overview"), params).status_code == 200


def test_staff_filtering_another_station_gets_403(api, staff, network):
    other = network.stations[1].id
    assert api(staff).get(url("stations"), {"station": other}).status_code == 403
    own = network.stations[0].id
    assert api(staff).get(url("overview"), {"station": own}).status_code == 200


def test_staff_see_only_their_station_in_the_table(api, staff, network, counted):
    rows = api(staff).get(url("stations")).json()
    assert [row["station"] for row in rows] == [network.stations[0].id]


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_from": "2026-02-30"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2026-03-02", "date_to": "2026-03-01"}, "date_to"),
        ({"category": "cooking"}, "category"),
        ({"region": "420"}, "region"),
        ({"station": 999999}, "station"),
    ],
)
def test_invalid_filters_get_400_on_the_field(api, admin_user, params, field):
    response = api(admin_user).get(url("overview"), params)
    assert response.status_code == 400
    assert list(response.json()) == [field]


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_an_unknown_filter_gets_400_not_ignored(api, admin_user, endpoint):
    response = api(admin_user).get(url(endpoint), {"regoin": "42"})
    assert response.status_code == 400
    assert "regoin" in response.content.decode("utf-8-sig")


def test_an_unknown_filter_is_named_in_chinese(api, admin_user):
    response = api(admin_user).get(url("overview"), {"regoin": "42"})
    assert response.json() == {"regoin": ["未知的筛选条件。"]}


def test_the_format_override_is_no_filter(api, admin_user):
    assert api(admin_user).get(url("overview"), {"format": "json"}).status_code == 200


def test_an_unknown_interval_gets_400(api, admin_user):
    response = api(admin_user).get(url("timeseries"), {"interval": "fortnight"})
    assert response.status_code == 400
    assert "interval" in response.json()


def _queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


# One of them reads the visits' roll-up (visits, enterprises_visited).
@pytest.mark.parametrize(
    ("who", "expected"),
    [("admin_user", 7), ("supervisor", 8), ("staff", 9)],
)
@pytest.mark.parametrize("period", [{}, {"date_from": "2026-01-15", "date_to": "2026-03-20"}])
def test_overview_queries_do_not_grow_with_the_requests(
    request, api, network, who, expected, period
):
    client = api(request.getfixturevalue(who))
    random_requests(random.Random(1), network, 20)
    sweep()
    small = _queries(client, url("overview"), period)
    random_requests(random.Random(2), network, 200)
    sweep()
    assert small == _queries(client, url("overview"), period) == expected


@pytest.mark.parametrize(
    ("endpoint", "expected"), [("stations", 7), ("timeseries", 2), ("export", 7)]
)
def test_table_and_series_queries_do_not_grow_with_the_requests(
    api, supervisor, network, endpoint, expected
):
    client = api(supervisor)
    random_requests(random.Random(1), network, 20)
    sweep()
    small = _queries(client, url(endpoint), {"format": "csv"} if endpoint == "export" else {})
    random_requests(random.Random(2), network, 200)
    sweep()
    large = _queries(client, url(endpoint), {"format": "csv"} if endpoint == "export" else {})
    assert small == large == expected


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_export_parses_and_equals_the_station_table(api, supervisor, counted, file_format):
    client = api(supervisor)
    rows = client.get(url("stations"), {"date_from": "2026-01-01"}).json()
    response = client.get(url("export"), {"format": file_format, "date_from": "2026-01-01"})
    assert response.status_code == 200
    assert file_format in response["Content-Disposition"]
    header, *lines = exported(response.content, file_format)
    assert all(HAN.search(label) for label in header)
    assert len(lines) == len(rows)
    from requests_app.stats.api.views import EXPORT_COLUMNS

    keys = [key for key, _label in EXPORT_COLUMNS]
    for line, row in zip(lines, rows, strict=True):
        for cell, key in zip(line, keys, strict=True):
            assert same(cell, row[key]), (key, cell, row[key])
