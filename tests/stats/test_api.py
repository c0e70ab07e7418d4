"""Who may see statistics, how filters are checked, and what a request costs in queries."""

import datetime
import random
import types

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from stats.api import views
from stats.maintenance import sweep
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


def test_supervisor_may_narrow_to_a_district_and_a_station_of_the_region(api, supervisor, network):
    params = {"region": "420104", "station": network.stations[1].id}
    assert api(supervisor).get(url("overview"), params).status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_supervisor_naming_a_station_outside_the_region_gets_403(
    api, supervisor, network, endpoint
):
    yichang = network.stations[3]
    assert yichang.region_code == "420502"
    response = api(supervisor).get(url(endpoint), {"station": yichang.id})
    assert response.status_code == 403


def test_staff_filtering_another_station_gets_403(api, staff, network):
    other = network.stations[1].id
    assert api(staff).get(url("stations"), {"station": other}).status_code == 403
    own = network.stations[0].id
    assert api(staff).get(url("overview"), {"station": own}).status_code == 200


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("region", ["45", "4502", "420104"])
def test_staff_filtering_a_region_their_station_does_not_act_for_gets_403(
    api, staff, endpoint, region
):
    assert api(staff).get(url(endpoint), {"region": region}).status_code == 403


@pytest.mark.parametrize("region", ["42", "4201", "420102"])
def test_staff_may_filter_a_region_overlapping_their_stations(api, staff, region):
    assert api(staff).get(url("overview"), {"region": region}).status_code == 200


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
@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"date_to": "9999-12-31"}, "date_to"),
        ({"date_from": "9999-12-31"}, "date_from"),
        ({"date_from": "0001-01-01"}, "date_from"),
        ({"date_from": "1999-12-31", "date_to": "2000-01-31"}, "date_from"),
        ({"date_from": "2099-12-01", "date_to": "2100-01-01"}, "date_to"),
    ],
)
def test_dates_outside_the_century_get_400_naming_the_parameter(
    api, admin_user, endpoint, params, field
):
    response = api(admin_user).get(url(endpoint), params)
    assert response.status_code == 400
    assert field in response.content.decode("utf-8-sig")


@pytest.mark.parametrize(("day", "field"), [("2000-01-01", "date_from"), ("2099-12-31", "date_to")])
@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_first_and_last_day_of_the_century_are_accepted(api, admin_user, endpoint, day, field):
    params = {field: day, **({"interval": "month"} if endpoint == "timeseries" else {})}
    assert api(admin_user).get(url(endpoint), params).status_code == 200


@pytest.mark.parametrize(
    ("interval", "date_from", "date_to", "allowed"),
    [
        ("day", "2026-01-01", "2027-02-04", 400),
        ("day", "2026-01-01", "2027-02-05", 401),
        ("week", "2022-01-03", "2026-12-27", 260),
        ("week", "2022-01-03", "2026-12-28", 261),
        ("month", "2017-01-31", "2026-12-01", 120),
        ("month", "2016-12-31", "2026-12-01", 121),
    ],
)
def test_a_series_longer_than_its_bound_gets_400_saying_the_bound(
    api, admin_user, interval, date_from, date_to, allowed
):
    params = {"interval": interval, "date_from": date_from, "date_to": date_to}
    response = api(admin_user).get(url("timeseries"), params)
    if allowed <= {"day": 400, "week": 260, "month": 120}[interval]:
        assert response.status_code == 200
        assert len(response.json()) == allowed
    else:
        assert response.status_code == 400
        assert list(response.json()) == ["date_from"]
        assert str(allowed - 1) in response.json()["date_from"][0]


@pytest.mark.parametrize(
    ("interval", "first"),
    [("day", "2025-11-27"), ("week", "2022-01-10"), ("month", "2017-01-01")],
)
def test_a_series_without_dates_covers_the_latest_window(
    api, admin_user, monkeypatch, interval, first
):
    monkeypatch.setattr(views, "datetime", _frozen(datetime.date(2026, 12, 31)))
    series = api(admin_user).get(url("timeseries"), {"interval": interval}).json()
    assert len(series) == {"day": 400, "week": 260, "month": 120}[interval]
    assert (series[0]["period"], series[-1]["period"]) == (first, _last(interval))


def test_a_series_with_one_date_runs_its_window_from_it_until_today(api, admin_user, monkeypatch):
    monkeypatch.setattr(views, "datetime", _frozen(datetime.date(2026, 12, 31)))
    client = api(admin_user)
    since = client.get(url("timeseries"), {"interval": "month", "date_from": "2026-03-15"}).json()
    assert [p["period"] for p in since] == [f"2026-{m:02}-01" for m in range(3, 13)]
    old = client.get(url("timeseries"), {"interval": "month", "date_from": "2001-03-15"}).json()
    assert (old[0]["period"], old[-1]["period"], len(old)) == ("2001-03-01", "2011-02-01", 120)
    until = client.get(url("timeseries"), {"interval": "week", "date_to": "2000-02-01"}).json()
    assert (until[0]["period"], until[-1]["period"]) == ("1999-12-27", "2000-01-31")


def _last(interval: str) -> str:
    return {"day": "2026-12-31", "week": "2026-12-28", "month": "2026-12-01"}[interval]


def _frozen(today: datetime.date):
    class FrozenDateTime(datetime.datetime):
        @classmethod
        def now(cls, tz=None):
            return datetime.datetime.combine(today, datetime.time(12), tzinfo=tz)

    return types.SimpleNamespace(datetime=FrozenDateTime)


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


# One of them reads the visits' roll-up (visits, enterprises_visited), one the
# certificates (people_trained, certificates).
@pytest.mark.parametrize(
    ("who", "expected"),
    [("admin_user", 8), ("supervisor", 9), ("staff", 10)],
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
    ("endpoint", "expected"), [("stations", 8), ("timeseries", 2), ("export", 8)]
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
    from stats.api.views import EXPORT_COLUMNS

    keys = [key for key, _label in EXPORT_COLUMNS]
    for line, row in zip(lines, rows, strict=True):
        for cell, key in zip(line, keys, strict=True):
            assert same(cell, row[key]), (key, cell, row[key])
