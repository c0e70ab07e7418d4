"""Booking through the API: find a slot, book, collide, approve, use, report."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from instruments.choices import BookingStatus
from instruments.models import Booking, BookingEvent
from tests.api_support import token_client
from tests.instruments.factories import BookingFactory, InstrumentFactory, at, working_day
from tests.requests_app.files import EXE, PDF

pytestmark = pytest.mark.django_db


def book(client, instrument, starts_at, ends_at, /, **extra):
    body = {
        "instrument": instrument.pk,
        "starts_at": starts_at.isoformat(),
        "ends_at": ends_at.isoformat(),
        "mode": "self_service",
        "purpose": "齿轮箱壳体形位公差检测",
        **extra,
    }
    return client.post("/api/v1/bookings/", body, format="json")


def test_a_firm_finds_a_slot_books_it_and_the_lab_approves_and_records_the_use(pool):
    firm = token_client(pool.users["firm"])
    other = token_client(pool.users["other_firm"])
    staff = token_client(pool.users["lab_staff"])
    day = working_day()

    found = firm.get("/api/v1/instruments/", {"search": "三坐标"}).json()["results"]
    assert [row["id"] for row in found] == [pool.instrument.pk]
    free = firm.get(
        f"/api/v1/instruments/{pool.instrument.pk}/availability/",
        {"date_from": day.isoformat(), "date_to": day.isoformat()},
    ).json()
    assert free == [{"starts_at": at(day, 8).isoformat(), "ends_at": at(day, 17).isoformat()}]

    booked = book(firm, pool.instrument, at(day, 9), at(day, 11))
    assert booked.status_code == 201, booked.json()
    assert booked.json()["status"] == "requested"
    clash = book(other, pool.instrument, at(day, 10), at(day, 12))
    assert clash.status_code == 409
    assert clash.json()["code"] == "slot_taken"
    free_after = firm.get(
        f"/api/v1/instruments/{pool.instrument.pk}/availability/",
        {"date_from": day.isoformat(), "date_to": day.isoformat()},
    ).json()
    assert [(i["starts_at"], i["ends_at"]) for i in free_after] == [
        (at(day, 8).isoformat(), at(day, 9).isoformat()),
        (at(day, 11).isoformat(), at(day, 17).isoformat()),
    ]

    booking_id = booked.json()["id"]
    assert staff.post(f"/api/v1/bookings/{booking_id}/approve/").json()["status"] == "approved"
    assert staff.post(f"/api/v1/bookings/{booking_id}/start/").json()["status"] == "in_use"
    now = timezone.now()
    used = {
        "used_from": (now - datetime.timedelta(hours=2)).isoformat(),
        "used_to": (now - datetime.timedelta(minutes=5)).isoformat(),
    }
    done = staff.post(f"/api/v1/bookings/{booking_id}/complete/", used, format="json")
    assert done.status_code == 200, done.json()
    assert done.json()["status"] == "completed"
    assert done.json()["used_from"] is not None
    actions = list(
        BookingEvent.objects.filter(booking_id=booking_id).values_list("action", flat=True)
    )
    assert actions == ["book", "approve", "start", "complete"]


def test_expired_calibration_is_refused_before_the_other_rules_and_keeps_the_status(pool):
    instrument = InstrumentFactory(
        lab=pool.lab, calibration_valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    firm = token_client(pool.users["firm"])
    sunday = timezone.localdate() + datetime.timedelta(days=(6 - timezone.localdate().weekday()))
    # Off the slot grid, outside opening hours, on a Sunday: still the calibration first.
    refused = book(firm, instrument, at(sunday, 6, 10), at(sunday, 7, 10))

    assert refused.status_code == 409
    assert refused.json()["code"] == "calibration_expired"
    instrument.refresh_from_db()
    assert instrument.status == "available"
    assert not Booking.objects.exists()


def test_a_calibration_ending_before_the_booking_ends_is_refused(pool):
    day = working_day()
    instrument = InstrumentFactory(lab=pool.lab, calibration_valid_until=day)
    firm = token_client(pool.users["firm"])
    next_day = working_day((day - timezone.localdate()).days + 1)

    assert book(firm, instrument, at(day, 9), at(day, 10)).status_code == 201
    refused = book(firm, instrument, at(next_day, 9), at(next_day, 10))
    assert refused.json()["code"] == "calibration_expired"


def test_an_instrument_without_approval_is_approved_at_once(pool):
    instrument = InstrumentFactory(lab=pool.lab, needs_approval=False)
    day = working_day()
    booked = book(token_client(pool.users["firm"]), instrument, at(day, 9), at(day, 10))
    assert booked.json()["status"] == "approved"


def test_a_firm_with_repeated_no_shows_is_held_to_approval(pool, settings):
    settings.BOOKING_NO_SHOW_LIMIT = 2
    instrument = InstrumentFactory(lab=pool.lab, needs_approval=False)
    day = working_day()
    past = timezone.now() - datetime.timedelta(days=3)
    for hour in (0, 1):
        BookingFactory(
            instrument=instrument,
            enterprise=pool.firm,
            starts_at=past + datetime.timedelta(hours=hour),
            ends_at=past + datetime.timedelta(hours=hour, minutes=60),
            status=BookingStatus.NO_SHOW,
        )

    held = book(token_client(pool.users["firm"]), instrument, at(day, 9), at(day, 10))
    trusted = book(token_client(pool.users["other_firm"]), instrument, at(day, 10), at(day, 11))

    assert held.json()["status"] == "requested"
    assert trusted.json()["status"] == "approved"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"mode": "remote"}, "mode"),
        ({"starts_at": "2026-02-30T09:00:00+08:00"}, "starts_at"),
        ({"purpose": ""}, "purpose"),
        ({"instrument": 987654321}, "instrument"),
    ],
)
def test_a_malformed_booking_is_a_400_naming_the_field(pool, change, field):
    day = working_day()
    response = book(
        token_client(pool.users["firm"]), pool.instrument, at(day, 9), at(day, 10), **change
    )
    assert response.status_code == 400
    assert field in response.json()


def test_a_mode_the_instrument_does_not_offer_is_a_400(pool):
    instrument = InstrumentFactory(lab=pool.lab, modes=["lab_operated"])
    day = working_day()
    response = book(token_client(pool.users["firm"]), instrument, at(day, 9), at(day, 10))
    assert response.status_code == 400
    assert "mode" in response.json()


def test_only_enterprise_staff_book(pool):
    day = working_day()
    response = book(token_client(pool.users["lab_staff"]), pool.instrument, at(day, 9), at(day, 10))
    assert response.status_code == 403


def test_a_booking_inside_a_maintenance_block_is_taken(pool):
    staff = token_client(pool.users["lab_staff"])
    day = working_day()
    block = {
        "starts_at": at(day, 8).isoformat(),
        "ends_at": at(day, 12).isoformat(),
        "reason": "年度保养",
    }
    assert (
        staff.post(
            f"/api/v1/instruments/{pool.instrument.pk}/blocks/", block, format="json"
        ).status_code
        == 201
    )
    response = book(token_client(pool.users["firm"]), pool.instrument, at(day, 11), at(day, 12))
    assert response.status_code == 409
    assert response.json()["code"] == "slot_taken"


def test_an_impossible_move_is_a_409_with_the_allowed_actions(pool):
    day = working_day()
    booking_id = book(
        token_client(pool.users["firm"]), pool.instrument, at(day, 9), at(day, 10)
    ).json()["id"]
    response = token_client(pool.users["lab_staff"]).post(f"/api/v1/bookings/{booking_id}/start/")
    assert response.status_code == 409
    assert response.json()["code"] == "invalid_transition"
    assert response.json()["allowed"] == ["approve", "reject", "cancel"]


def test_the_firm_cancels_until_the_labs_deadline(pool):
    firm = token_client(pool.users["firm"])
    soon = timezone.localtime() + datetime.timedelta(hours=2)
    late = BookingFactory(
        instrument=pool.instrument,
        enterprise=pool.firm,
        starts_at=soon,
        ends_at=soon + datetime.timedelta(hours=1),
    )
    day = working_day()
    early_id = book(firm, pool.instrument, at(day, 9), at(day, 10)).json()["id"]

    refused = firm.post(f"/api/v1/bookings/{late.pk}/cancel/")
    cancelled = firm.post(f"/api/v1/bookings/{early_id}/cancel/", {"reason": "样品未到"})

    assert refused.status_code == 409
    assert refused.json()["code"] == "cancellation_closed"
    assert cancelled.json()["status"] == "cancelled"
    # The cancelled time is free again.
    assert book(firm, pool.instrument, at(day, 9), at(day, 10)).status_code == 201


def _in_use(pool, mode="lab_operated") -> Booking:
    start = timezone.now() - datetime.timedelta(hours=3)
    return BookingFactory(
        instrument=pool.instrument,
        enterprise=pool.firm,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        mode=mode,
        purpose="委托检测",
        status=BookingStatus.IN_USE,
    )


def _use_times() -> dict:
    now = timezone.now()
    return {
        "used_from": (now - datetime.timedelta(hours=3)).isoformat(),
        "used_to": (now - datetime.timedelta(hours=1)).isoformat(),
    }


def test_a_lab_operated_booking_ends_with_its_report_which_the_firm_downloads(pool):
    booking = _in_use(pool)
    staff = token_client(pool.users["lab_staff"])
    url = f"/api/v1/bookings/{booking.pk}/complete/"

    without = staff.post(url, _use_times(), format="multipart")
    wrong_type = staff.post(
        url, {**_use_times(), "report": SimpleUploadedFile("r.pdf", EXE)}, format="multipart"
    )
    done = staff.post(
        url, {**_use_times(), "report": SimpleUploadedFile("检测报告.pdf", PDF)}, format="multipart"
    )

    assert without.status_code == wrong_type.status_code == 400
    assert "report" in without.json() and "report" in wrong_type.json()
    assert done.status_code == 200, done.json()
    assert done.json()["has_report"] is True
    download = token_client(pool.users["firm"]).get(f"/api/v1/bookings/{booking.pk}/report/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    outsider = token_client(pool.users["other_firm"]).get(f"/api/v1/bookings/{booking.pk}/report/")
    assert outsider.status_code == 404


def test_a_use_ending_before_it_starts_is_a_400(pool):
    booking = _in_use(pool, mode="self_service")
    times = _use_times()
    body = {"used_from": times["used_to"], "used_to": times["used_from"]}
    response = token_client(pool.users["lab_staff"]).post(
        f"/api/v1/bookings/{booking.pk}/complete/", body, format="json"
    )
    assert response.status_code == 400
    assert "used_to" in response.json()


def test_a_no_show_is_recorded_once_the_time_has_begun(pool):
    start = timezone.now() - datetime.timedelta(minutes=30)
    begun = BookingFactory(
        instrument=pool.instrument,
        enterprise=pool.firm,
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=1),
        status=BookingStatus.APPROVED,
    )
    day = working_day()
    future = BookingFactory(
        instrument=pool.instrument,
        enterprise=pool.firm,
        starts_at=at(day, 9),
        ends_at=at(day, 10),
        status=BookingStatus.APPROVED,
    )
    staff = token_client(pool.users["lab_staff"])

    assert staff.post(f"/api/v1/bookings/{begun.pk}/no_show/").json()["status"] == "no_show"
    early = staff.post(f"/api/v1/bookings/{future.pk}/no_show/")
    assert early.status_code == 409
    assert early.json()["code"] == "not_started"
