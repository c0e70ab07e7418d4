"""Opening hours, slots, the booking window and free intervals, on the Chinese calendar."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from instruments.schedule import Interval, check_booking_times, free_intervals
from tests.instruments.factories import InstrumentFactory, at

pytestmark = pytest.mark.django_db

# A Monday morning before the examples; 1–7 October 2026 is the National Day holiday
# and Saturday 2026-10-10 a make-up working day.
NOW = at(datetime.date(2026, 9, 28), 7, 0)
MONDAY = datetime.date(2026, 9, 28)


def hours(day, *pairs):
    return [Interval(at(day, a, am), at(day, b, bm)) for (a, am), (b, bm) in pairs]


def test_a_free_day_is_the_whole_opening_time():
    instrument = InstrumentFactory()
    free = free_intervals(instrument, date_from=MONDAY, date_to=MONDAY, busy=[], now=NOW)
    assert free == hours(MONDAY, ((8, 30), (17, 30)))


def test_bookings_and_blocks_are_cut_out_on_slot_boundaries():
    instrument = InstrumentFactory(slot_minutes=60)
    busy = [
        Interval(at(MONDAY, 10, 30), at(MONDAY, 11, 30)),
        # A block that ends off the slot grid frees the instrument from the next slot on.
        Interval(at(MONDAY, 13, 30), at(MONDAY, 14, 0)),
    ]
    free = free_intervals(instrument, date_from=MONDAY, date_to=MONDAY, busy=busy, now=NOW)
    assert free == hours(MONDAY, ((8, 30), (10, 30)), ((11, 30), (13, 30)), ((14, 30), (17, 30)))


def test_holidays_and_weekends_are_closed_and_make_up_days_open():
    instrument = InstrumentFactory(advance_days=30)
    free = free_intervals(
        instrument,
        date_from=datetime.date(2026, 10, 1),
        date_to=datetime.date(2026, 10, 11),
        busy=[],
        now=NOW,
    )
    days = {interval.starts_at.date() for interval in free}
    assert days == {datetime.date(2026, 10, d) for d in (8, 9, 10)}


def test_the_past_the_booking_window_and_the_calibration_limit_the_intervals():
    instrument = InstrumentFactory(
        advance_days=2, calibration_valid_until=datetime.date(2026, 9, 29)
    )
    now = at(MONDAY, 9, 10)
    free = free_intervals(
        instrument, date_from=MONDAY, date_to=datetime.date(2026, 10, 2), busy=[], now=now
    )
    assert free == [
        *hours(MONDAY, ((9, 30), (17, 30))),
        *hours(datetime.date(2026, 9, 29), ((8, 30), (17, 30))),
    ]


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ((8, 30), (10, 30), None),
        ((8, 0), (9, 0), "starts_at"),  # before opening
        ((16, 30), (18, 30), "starts_at"),  # after closing
        ((9, 0), (10, 0), "starts_at"),  # off the slot grid
        ((8, 30), (9, 15), "starts_at"),  # not a whole slot
        ((8, 30), (13, 30), "ends_at"),  # longer than max_hours
    ],
)
def test_booking_times_follow_hours_slots_and_length(start, end, field):
    instrument = InstrumentFactory(max_hours=4)
    starts_at, ends_at = at(MONDAY, *start), at(MONDAY, *end)
    if field is None:
        check_booking_times(instrument, starts_at, ends_at, now=NOW)
        return
    with pytest.raises(ValidationError) as raised:
        check_booking_times(instrument, starts_at, ends_at, now=NOW)
    assert field in raised.value.message_dict


@pytest.mark.parametrize(
    ("day", "now"),
    [
        (datetime.date(2026, 10, 1), NOW),  # National Day
        (datetime.date(2026, 9, 27), at(datetime.date(2026, 9, 25), 7, 0)),  # a Sunday
        (MONDAY, at(MONDAY, 12, 0)),  # already begun
        (datetime.date(2026, 10, 29), NOW),  # beyond the 30 days' window
    ],
)
def test_closed_days_the_past_and_beyond_the_window_are_refused(day, now):
    instrument = InstrumentFactory(advance_days=30)
    with pytest.raises(ValidationError) as raised:
        check_booking_times(instrument, at(day, 10), at(day, 11), now=now)
    assert "starts_at" in raised.value.message_dict
