"""The network's effect on firms' capability: for the caller's scope, each share
now and at the firms' first records, beside the national survey of 2021."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from enterprises.services import capability_record
from tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db

URL = "/api/v1/stats/capability/"
NATIONAL = {"standard_setting": 0.194, "lab": 0.57, "high_utilisation": 0.111}


def record(firm, *, days_ago=0, **profile):
    values = {"in_standard_setting": False, "has_lab": False, "equipment_utilisation": None}
    values.update(profile)
    capability_record(
        enterprise=firm,
        actor=None,
        as_of=timezone.localdate() - datetime.timedelta(days=days_ago),
        **values,
    )


@pytest.fixture
def firms(world):
    # Found without a lab, equipment use unknown; now a lab, used 70 % of the time.
    record(world.enterprise_e, has_lab=True, equipment_utilisation=70)
    # No record: its profile now is all that is known.
    EnterpriseFactory(
        region_code="420102", has_lab=True, in_standard_setting=True, equipment_utilisation=60
    )
    # Used 10 % two years ago, 30 % on registration, 80 % now.
    elsewhere = EnterpriseFactory(region_code="420111", equipment_utilisation=30)
    record(elsewhere, days_ago=730, equipment_utilisation=10)
    record(elsewhere, equipment_utilisation=80)
    return world


def share(now, first):
    return {"now": now, "first_record": first, "change": round(now - first, 4)}


def test_station_staff_see_the_firms_their_station_serves(firms):
    response = firms.client("station_staff").get(URL)
    assert response.status_code == 200
    assert response.json() == {
        "enterprises": 2,
        "enterprises_with_history": 1,
        "standard_setting": {**share(0.5, 0.5), "national": 0.194},
        "lab": {**share(1.0, 0.5), "national": 0.57},
        "high_utilisation": {**share(1.0, 0.5), "national": 0.111},
    }


def test_supervisors_see_their_region(firms):
    data = firms.client("supervisor_in").get(URL).json()
    assert (data["enterprises"], data["enterprises_with_history"]) == (3, 2)
    assert data["standard_setting"] == {**share(0.3333, 0.3333), "national": 0.194}
    assert data["lab"] == {
        "now": 0.6667,
        "first_record": 0.3333,
        "change": 0.3333,
        "national": 0.57,
    }
    assert data["high_utilisation"] == {
        "now": 1.0,
        "first_record": 0.3333,
        "change": 0.6667,
        "national": 0.111,
    }


def test_filters_narrow_within_the_scope(firms):
    admin = firms.client("admin")
    assert admin.get(URL).json()["enterprises"] == 4
    assert admin.get(URL, {"region": "420111"}).json()["enterprises"] == 1
    by_station = admin.get(URL, {"station": firms.station_a.pk}).json()
    assert by_station["enterprises"] == 2


def test_no_firm_in_scope_has_no_shares(world):
    data = world.client("admin").get(URL, {"region": "110101"}).json()
    assert data["enterprises"] == 0
    assert data["lab"] == {"now": None, "first_record": None, "change": None, "national": 0.57}


@pytest.mark.parametrize(
    ("role", "query", "status"),
    [
        ("enterprise", {}, 403),
        ("expert", {}, 403),
        ("supervisor_in", {"region": "3206"}, 403),
        ("station_staff", {"station": "other"}, 403),
        ("station_staff", {"category": "metrology"}, 400),
        ("station_staff", {"date_from": "2026-01-01"}, 400),
    ],
)
def test_out_of_scope_is_403_and_what_does_not_apply_is_400(world, role, query, status):
    if query.get("station") == "other":
        query = {"station": world.station_b.pk}
    assert world.client(role).get(URL, query).status_code == status


def test_anonymous_gets_401(client):
    assert client.get(URL).status_code == 401


@pytest.mark.parametrize("count", [2, 20])
def test_queries_do_not_grow_with_the_firms(world, count):
    for n in range(count):
        firm = EnterpriseFactory(region_code="420102")
        record(firm, days_ago=n, has_lab=n % 2 == 0)
    client = world.client("station_staff")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    # the caller and its token, supervisor scope, stations, their regions, one aggregate
    assert len(queries) == 5
