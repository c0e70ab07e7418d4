"""Browsing the pool: filters, free intervals' bounds, writes by managers, fixed query counts."""

import datetime

import pytest
from django.utils import timezone

from instruments.choices import BookingStatus
from instruments.models import MaintenanceBlock
from tests.api_support import token_client
from tests.instruments.factories import (
    BookingFactory,
    InstrumentFactory,
    LabFactory,
    at,
    working_day,
)

pytestmark = pytest.mark.django_db


def ids(response) -> set[int]:
    assert response.status_code == 200, response.json()
    return {row["id"] for row in response.json()["results"]}


def test_instruments_filter_by_element_region_lab_status_and_text(pool):
    other_lab = LabFactory(region_code="420102", name="武汉光学实验室")
    gcms = InstrumentFactory(lab=pool.lab, name="气相色谱-质谱联用仪", element="inspection")
    retired = InstrumentFactory(lab=other_lab, name="电感耦合等离子体质谱仪", status="retired")
    client = token_client(pool.users["other_firm"])
    url = "/api/v1/instruments/"

    assert ids(client.get(url, {"element": "inspection"})) == {gcms.pk}
    assert ids(client.get(url, {"region": "3706"})) == {pool.instrument.pk, gcms.pk}
    assert ids(client.get(url, {"lab": other_lab.pk})) == {retired.pk}
    assert ids(client.get(url, {"status": "retired"})) == {retired.pk}
    assert ids(client.get(url, {"search": "质谱"})) == {gcms.pk, retired.pk}
    assert ids(client.get(url, {"search": "武汉光学"})) == {retired.pk}


def test_free_between_two_times_leaves_out_booked_blocked_and_unavailable_instruments(pool):
    day = working_day()
    booked, blocked = pool.instrument, InstrumentFactory(lab=pool.lab)
    free = InstrumentFactory(lab=pool.lab)
    InstrumentFactory(lab=pool.lab, status="maintenance")
    BookingFactory(
        instrument=booked,
        enterprise=pool.firm,
        starts_at=at(day, 9),
        ends_at=at(day, 10),
        status=BookingStatus.APPROVED,
    )
    MaintenanceBlock.objects.create(
        instrument=blocked, starts_at=at(day, 8), ends_at=at(day, 12), reason="保养"
    )
    client = token_client(pool.users["firm"])

    window = {"free_from": at(day, 9).isoformat(), "free_to": at(day, 11).isoformat()}
    assert ids(client.get("/api/v1/instruments/", window)) == {free.pk}
    later = {"free_from": at(day, 14).isoformat(), "free_to": at(day, 15).isoformat()}
    assert ids(client.get("/api/v1/instruments/", later)) == {booked.pk, blocked.pk, free.pk}


@pytest.mark.parametrize(
    "query",
    [
        {"free_from": "2026-12-01T09:00:00+08:00"},
        {"free_from": "2026-12-01T09:00:00+08:00", "free_to": "2026-12-01T08:00:00+08:00"},
        {"element": "astrology"},
        {"colour": "red"},
    ],
)
def test_a_bad_instrument_filter_is_a_400(pool, query):
    response = token_client(pool.users["firm"]).get("/api/v1/instruments/", query)
    assert response.status_code == 400


@pytest.mark.parametrize(
    "query",
    [
        {"date_from": "2026-02-30"},
        {"date_from": "2027-01-10", "date_to": "2027-01-09"},
        {"date_from": "2027-01-01", "date_to": "2027-02-01"},
        {"date_from": "1999-12-31", "date_to": "2000-01-01"},
    ],
)
def test_availability_needs_valid_ordered_dates_at_most_31_days_apart(pool, query):
    url = f"/api/v1/instruments/{pool.instrument.pk}/availability/"
    response = token_client(pool.users["firm"]).get(url, query)
    assert response.status_code == 400
    assert set(response.json()) <= {"date_from", "date_to"}


def test_availability_of_31_days_is_answered(pool):
    today = timezone.localdate()
    url = f"/api/v1/instruments/{pool.instrument.pk}/availability/"
    query = {"date_from": today, "date_to": today + datetime.timedelta(days=30)}
    response = token_client(pool.users["firm"]).get(url, query)
    assert response.status_code == 200
    assert response.json()


def test_a_manager_adds_an_instrument_to_their_lab_only(pool):
    body = {
        "lab": pool.lab.pk,
        "name": "电感耦合等离子体质谱仪",
        "model": "iCAP RQ",
        "maker": "赛默飞",
        "element": "inspection",
        "original_value": "2600000.00",
        "calibration_certificate": "JZ2026-99",
        "calibration_valid_until": "2027-06-30",
        "modes": ["lab_operated"],
    }
    manager = token_client(pool.users["lab_manager"])
    foreign = {**body, "lab": LabFactory().pk}

    created = manager.post("/api/v1/instruments/", body, format="json")
    refused = manager.post("/api/v1/instruments/", foreign, format="json")

    assert created.status_code == 201, created.json()
    assert created.json()["status"] == "available"
    assert created.json()["modes"] == ["lab_operated"]
    assert refused.status_code == 400
    assert "lab" in refused.json()
    changed = manager.patch(
        f"/api/v1/instruments/{created.json()['id']}/", {"status": "maintenance"}, format="json"
    )
    assert changed.json()["status"] == "maintenance"


def test_a_block_over_an_active_booking_is_refused(pool):
    day = working_day()
    BookingFactory(
        instrument=pool.instrument,
        enterprise=pool.firm,
        starts_at=at(day, 9),
        ends_at=at(day, 10),
    )
    body = {
        "starts_at": at(day, 8).isoformat(),
        "ends_at": at(day, 12).isoformat(),
        "reason": "维修",
    }
    url = f"/api/v1/instruments/{pool.instrument.pk}/blocks/"
    response = token_client(pool.users["lab_staff"]).post(url, body, format="json")
    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"


def _bookings(pool, count: int) -> None:
    day = working_day()
    instruments = [InstrumentFactory(lab=LabFactory()) for _ in range(count)]
    for instrument in instruments:
        BookingFactory(instrument=instrument, enterprise=pool.firm, starts_at=at(day, 9))
    MaintenanceBlock.objects.bulk_create(
        MaintenanceBlock(
            instrument=pool.instrument,
            starts_at=at(day, 8) + datetime.timedelta(days=i),
            ends_at=at(day, 9) + datetime.timedelta(days=i),
            reason="保养",
        )
        for i in range(count)
    )


@pytest.mark.parametrize("count", [1, 6])
@pytest.mark.parametrize(
    ("url", "role", "queries"),
    [
        # Authentication (token and caller), count, page.
        ("/api/v1/instruments/", "firm", 3),
        ("/api/v1/labs/", "firm", 3),
        ("/api/v1/bookings/", "firm", 3),
        ("/api/v1/bookings/", "supervisor", 3),
        # The instrument looked up, then count and page of its blocks.
        ("/api/v1/instruments/{instrument}/blocks/", "lab_staff", 4),
    ],
)
def test_lists_cost_a_fixed_number_of_queries(
    pool, django_assert_num_queries, count, url, role, queries
):
    _bookings(pool, count)
    client = token_client(pool.users[role])
    with django_assert_num_queries(queries):
        response = client.get(url.format(instrument=pool.instrument.pk))
    assert response.status_code == 200
    assert len(response.json()["results"]) >= count


def test_a_manager_opens_a_lab_of_their_station_with_its_hours(pool):
    body = {
        "name": "烟台海关技术中心化学分析实验室",
        "station": pool.lab.station_id,
        "organization": "烟台海关技术中心",
        "cma_number": "231512349999",
        "region_code": "370613",
        "address": "烟台市莱山区",
        "opening_hours": {"opens_at": "08:00", "closes_at": "16:00"},
    }
    manager = token_client(pool.users["lab_manager"])

    created = manager.post("/api/v1/labs/", body, format="json")
    backwards = manager.post(
        "/api/v1/labs/",
        {**body, "opening_hours": {"opens_at": "16:00", "closes_at": "08:00"}},
        format="json",
    )

    assert created.status_code == 201, created.json()
    assert created.json()["opening_hours"] == {"opens_at": "08:00", "closes_at": "16:00"}
    assert created.json()["cnas_number"] is None
    assert backwards.status_code == 400
    assert "closes_at" in backwards.json()["opening_hours"]


def test_times_outside_2000_to_2099_are_a_400(pool):
    url = f"/api/v1/instruments/{pool.instrument.pk}/blocks/"
    body = {"starts_at": "1352-02-10T08:00:00+08:00", "ends_at": "1352-02-10T09:00:00+08:00"}
    response = token_client(pool.users["lab_staff"]).post(url, {**body, "reason": "x"})
    assert response.status_code == 400
    assert set(response.json()) == {"starts_at", "ends_at"}
