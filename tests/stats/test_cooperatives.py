"""Per cooperative: active members and sampling pass rate against target, exact and scoped."""

import datetime
import random

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from service_stations.models import CooperativeAlert
from service_stations.services.cooperatives import (
    inspection_record,
    membership_join,
    membership_move,
)
from tests.factories import (
    CooperativeFactory,
    EnterpriseFactory,
    SamplingInspectionFactory,
    StationMembershipFactory,
)
from tests.stats.cooperative_data import (
    assert_cooperatives_equal,
    random_cooperatives,
    reference_cooperatives,
    today,
)
from tests.stats.exports import HAN, exported, same

URL = "/api/v1/stats/cooperatives/"
TODAY = today()
RANGES = [
    {},
    {
        "date_from": TODAY - datetime.timedelta(days=120),
        "date_to": TODAY - datetime.timedelta(days=30),
    },
    {"date_from": TODAY - datetime.timedelta(days=20)},
    {"date_to": TODAY - datetime.timedelta(days=100)},
    {
        "date_from": TODAY - datetime.timedelta(days=7),
        "date_to": TODAY - datetime.timedelta(days=7),
    },
]


@pytest.fixture
def coops(db):
    return random_cooperatives(random.Random(20))


def _params(**filters) -> dict:
    return {key: str(value) for key, value in filters.items()}


def _rows(client, **filters) -> list[dict]:
    response = client.get(URL, _params(**filters))
    assert response.status_code == 200, response.data
    return response.json()


def test_the_random_data_has_cooperatives_on_both_sides_of_their_target(coops):
    rows = reference_cooperatives()
    assert any(row["under_target"] for row in rows)
    assert any(row["inspections"] and not row["under_target"] for row in rows)
    assert any(row["inspections"] == 0 for row in rows)


@pytest.mark.parametrize("period", RANGES, ids=lambda p: "-".join(p) or "rolling")
def test_admin_and_supervisor_rows_equal_raw_rows(api, admin_user, supervisor, coops, period):
    assert_cooperatives_equal(_rows(api(admin_user), **period), reference_cooperatives(**period))
    assert_cooperatives_equal(
        _rows(api(admin_user), region="4201", **period),
        reference_cooperatives(region="4201", **period),
    )
    assert_cooperatives_equal(
        _rows(api(supervisor), **period), reference_cooperatives(region="4201", **period)
    )
    assert_cooperatives_equal(
        _rows(api(supervisor), region="420104", **period),
        reference_cooperatives(region="420104", **period),
    )


@pytest.mark.parametrize("period", RANGES[:3], ids=lambda p: "-".join(p) or "rolling")
def test_station_filter_and_station_staff_count_their_cooperatives(api, supervisor, coops, period):
    one = coops[1]
    assert_cooperatives_equal(
        _rows(api(supervisor), station=one.pk, **period),
        reference_cooperatives(region="4201", stations={one.pk}, **period),
    )
    user = StationMembershipFactory(station=coops[0]).user
    StationMembershipFactory(user=user, station=coops[3])
    assert_cooperatives_equal(
        _rows(api(user), **period),
        reference_cooperatives(stations={coops[0].pk, coops[3].pk}, **period),
    )


@pytest.mark.parametrize("period", RANGES[:2], ids=lambda p: "-".join(p) or "rolling")
def test_the_overview_counts_the_cooperatives_under_target(
    api, admin_user, supervisor, coops, period
):
    for user, region in ((admin_user, ""), (supervisor, "4201")):
        overview = api(user).get("/api/v1/stats/overview/", _params(**period)).json()
        expected = reference_cooperatives(region=region, **period)
        assert overview["cooperatives_under_target"] == sum(r["under_target"] for r in expected)


def test_the_default_window_is_the_alerts_and_agrees_with_it(api, admin_user):
    coop = CooperativeFactory(region_code="320612", pass_rate_target="0.950")
    firm = EnterpriseFactory(region_code="320612")
    membership = membership_join(cooperative=coop, enterprise=firm, actor=None)
    membership_move(membership=membership, action="approve", actor=None)
    SamplingInspectionFactory(
        cooperative=coop,
        enterprise=firm,
        passed=False,
        sampled_on=TODAY - datetime.timedelta(days=90),
    )

    def record(passed: bool) -> None:
        inspection_record(
            cooperative=coop,
            enterprise=firm,
            product="纯棉四件套",
            batch="B-1",
            sampled_on=timezone.localdate(),
            passed=passed,
            defect_categories=[] if passed else ["色牢度"],
            inspector=None,
        )

    for passed in [True] * 19 + [False]:
        record(passed)
    (row,) = _rows(api(admin_user))
    assert (row["members"], row["inspections"], row["passed"]) == (1, 20, 19)
    assert (row["pass_rate"], row["pass_rate_target"], row["under_target"]) == (
        0.95,
        "0.950",
        False,
    )
    assert not CooperativeAlert.objects.exists()
    record(False)
    (row,) = _rows(api(admin_user))
    assert row["under_target"] is True
    assert CooperativeAlert.objects.filter(cooperative=coop, recovered_at__isnull=True).exists()
    assert (
        _rows(api(admin_user), date_from=TODAY - datetime.timedelta(days=90))[0]["inspections"]
        == 22
    )


@pytest.mark.parametrize("region", ["42", "4202", "320602"])
def test_a_region_outside_the_supervisors_gets_403(api, supervisor, region):
    assert api(supervisor).get(URL, {"region": region}).status_code == 403


def test_staff_filtering_a_cooperative_of_another_station_gets_403(api, coops):
    user = StationMembershipFactory(station=coops[0]).user
    assert api(user).get(URL, {"station": coops[1].pk}).status_code == 403
    assert [row["station"] for row in _rows(api(user))] == [coops[0].pk]


def test_staff_of_a_station_that_is_no_cooperative_see_an_empty_table(api, staff, coops):
    assert _rows(api(staff)) == []


def test_the_category_does_not_apply_to_inspections(api, admin_user):
    response = api(admin_user).get(URL, {"category": "metrology"})
    assert response.status_code == 400
    assert list(response.json()) == ["category"]


def _queries(client, path, params) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries)


@pytest.mark.parametrize(
    ("path", "who", "expected"),
    [
        (URL, "admin_user", 3),
        (URL, "supervisor", 4),
        # the overview's figures, the visits' roll-up and the certificates included
        ("/api/v1/stats/overview/", "admin_user", 9),
        ("/api/v1/stats/overview/", "supervisor", 10),
    ],
)
@pytest.mark.parametrize(
    "period", [{}, _params(date_from=TODAY - datetime.timedelta(days=60), date_to=TODAY)]
)
def test_queries_do_not_grow_with_cooperatives_members_or_inspections(
    request, api, db, path, who, expected, period
):
    client = api(request.getfixturevalue(who))
    random_cooperatives(random.Random(1), cooperatives=2, enterprises=5, inspections=10)
    small = _queries(client, path, period)
    random_cooperatives(random.Random(2), cooperatives=9, enterprises=20, inspections=300)
    assert small == _queries(client, path, period) == expected


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_the_cooperatives_export_parses_and_equals_the_json(api, supervisor, coops, file_format):
    client = api(supervisor)
    period = _params(date_from=TODAY - datetime.timedelta(days=60))
    rows = client.get(URL, period).json()
    response = client.get(
        "/api/v1/stats/export/", {"format": file_format, "table": "cooperatives", **period}
    )
    assert response.status_code == 200
    assert f"cooperatives.{file_format}" in response["Content-Disposition"]
    header, *lines = exported(response.content, file_format)
    assert all(HAN.search(label) for label in header)
    assert [line[0] for line in lines] == [row["code"] for row in rows]
    from stats.api.views import COOPERATIVE_COLUMNS

    flags = {"是": True, "否": False}
    for line, row in zip(lines, rows, strict=True):
        for cell, (key, _label) in zip(line, COOPERATIVE_COLUMNS, strict=True):
            if key == "under_target":
                assert flags[cell] is row[key]
            else:
                assert same(cell, row[key]), (key, cell, row[key])


@pytest.mark.parametrize(
    ("params", "field"),
    [({"table": "cooperatives", "category": "metrology"}, "category"), ({"table": "x"}, "table")],
)
def test_the_export_refuses_a_category_for_cooperatives_and_unknown_tables(
    api, admin_user, params, field
):
    response = api(admin_user).get("/api/v1/stats/export/", {"format": "csv", **params})
    assert response.status_code == 400
    assert field in response.content.decode("utf-8-sig")
