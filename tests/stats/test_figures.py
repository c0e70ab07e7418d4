"""Every figure of every endpoint equals a count over the raw rows, for several scopes."""

import copy
import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.stats.data import SHANGHAI, assert_figures_equal, chosen, reference_figures

TODAY = datetime.datetime.now(SHANGHAI).date()
RANGES = [
    {},
    {
        "date_from": TODAY - datetime.timedelta(days=75),
        "date_to": TODAY - datetime.timedelta(days=9),
    },
    {"date_from": TODAY - datetime.timedelta(days=20)},
    {"date_to": TODAY - datetime.timedelta(days=40)},
    {
        "date_from": TODAY - datetime.timedelta(days=3),
        "date_to": TODAY - datetime.timedelta(days=3),
    },
]


@pytest.fixture
def network(counted_network_once, db):
    """The network with its requests counted, once for the module: the tests only read them."""
    return copy.deepcopy(counted_network_once)


def _params(**filters) -> dict:
    return {key: str(value) for key, value in filters.items()}


@pytest.mark.parametrize("period", RANGES, ids=lambda p: "-".join(p) or "all")
def test_admin_overview_equals_raw_rows(api, admin_user, network, period):
    for category in (None, "metrology"):
        filters = {**period, **({"category": category} if category else {})}
        response = api(admin_user).get("/api/v1/stats/overview/", _params(**filters))
        assert response.status_code == 200, response.data
        assert_figures_equal(response.json(), reference_figures(chosen(**filters)))


@pytest.mark.parametrize("period", RANGES[:3], ids=lambda p: "-".join(p) or "all")
def test_supervisor_overview_counts_the_region_of_the_enterprise(api, supervisor, network, period):
    response = api(supervisor).get("/api/v1/stats/overview/", _params(**period))
    assert_figures_equal(response.json(), reference_figures(chosen(region="4201", **period)))
    narrower = api(supervisor).get(
        "/api/v1/stats/overview/",
        _params(region="420104", station=network.stations[1].id, **period),
    )
    expected = chosen(region="420104", stations={network.stations[1].id}, **period)
    assert_figures_equal(narrower.json(), reference_figures(expected))


def test_staff_overview_counts_their_stations(api, network):
    from tests.factories import StationMembershipFactory

    user = StationMembershipFactory(station=network.stations[0]).user
    StationMembershipFactory(user=user, station=network.stations[2])
    both = {network.stations[0].id, network.stations[2].id}
    for period in RANGES[:2]:
        response = api(user).get("/api/v1/stats/overview/", _params(**period))
        assert_figures_equal(response.json(), reference_figures(chosen(stations=both, **period)))


def test_all_time_reach_of_several_stations_reads_no_daily_rows(api, network):
    from tests.factories import StationMembershipFactory

    user = StationMembershipFactory(station=network.stations[0]).user
    StationMembershipFactory(user=user, station=network.stations[2])
    with CaptureQueriesContext(connection) as queries:
        response = api(user).get("/api/v1/stats/overview/")
    assert response.status_code == 200
    # an enterprise is counted once across the stations from its all-time rows per
    # station, not from its rows per day (a scan of most of the table at 1M)
    assert not [q for q in queries.captured_queries if "stats_enterpriseday" in q["sql"]]


@pytest.mark.parametrize("period", RANGES[:2], ids=lambda p: "-".join(p) or "all")
def test_station_table_rows_equal_raw_rows(api, admin_user, supervisor, network, period):
    for user, region in ((admin_user, ""), (supervisor, "4201")):
        rows = api(user).get("/api/v1/stats/stations/", _params(**period)).json()
        assert [row["station"] for row in rows] == sorted(
            (s.id for s in network.stations),
            key=lambda i: next(s.code for s in network.stations if s.id == i),
        )
        for row in rows:
            expected = chosen(region=region, stations={row["station"]}, **period)
            assert_figures_equal(row, reference_figures(expected))


@pytest.mark.parametrize("interval", ["day", "week", "month"])
def test_timeseries_counts_requests_by_filing_period(api, admin_user, network, interval):
    period = {
        "date_from": TODAY - datetime.timedelta(days=80),
        "date_to": TODAY - datetime.timedelta(days=5),
    }
    response = api(admin_user).get(
        "/api/v1/stats/timeseries/", _params(interval=interval, **period)
    )
    assert response.status_code == 200
    series = response.json()
    tickets = chosen(**period)
    expected = {}
    for ticket in tickets:
        day = ticket.created_at.astimezone(SHANGHAI).date()
        start = {
            "day": day,
            "week": day - datetime.timedelta(days=day.weekday()),
            "month": day.replace(day=1),
        }[interval]
        received, resolved = expected.get(str(start), (0, 0))
        expected[str(start)] = (received + 1, resolved + (ticket.status in {"resolved", "closed"}))
    assert {
        p["period"]: (p["received"], p["resolved"]) for p in series if p["received"]
    } == expected
    assert sum(p["received"] for p in series) == len(tickets)
    assert len({p["period"] for p in series}) == len(series)
