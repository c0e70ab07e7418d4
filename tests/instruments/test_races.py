"""Two active bookings of one instrument never overlap, however many firms press at once.

On PostgreSQL the exclusion constraint decides: every thread passes the
service's check before any has committed, and the database refuses all but
one insert. The embedded SQLite mode serialises the check instead (every
write transaction begins IMMEDIATE); it runs in a process of its own on a
file-based database (``tests.sqlite_race``).
"""

import datetime
from collections import Counter
from itertools import combinations

import pytest
from django.db import IntegrityError, transaction

from instruments.choices import ACTIVE_BOOKING_STATUSES, BookingStatus
from instruments.models import Booking
from tests import sqlite_race
from tests.factories import EnterpriseFactory
from tests.instruments.factories import InstrumentFactory, at, working_day
from tests.instruments.race import FIRMS, book_at_once, firms


def _booking(instrument, enterprise, starts_at, ends_at, status=BookingStatus.REQUESTED):
    return Booking(
        instrument=instrument,
        enterprise=enterprise,
        starts_at=starts_at,
        ends_at=ends_at,
        mode="self_service",
        purpose="x",
        status=status,
    )


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_twenty_firms_pressing_book_on_one_slot_get_one_201_and_nineteen_slot_taken():
    instrument = InstrumentFactory()
    day = working_day()

    answers = book_at_once(firms(), instrument, [(at(day, 9), at(day, 11))] * FIRMS)

    assert Counter(status for status, _body in answers) == {201: 1, 409: FIRMS - 1}
    assert {body["code"] for status, body in answers if status == 409} == {"slot_taken"}
    assert Booking.objects.filter(instrument=instrument).count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_overlapping_partial_ranges_at_once_leave_no_two_active_bookings_overlapping():
    instrument = InstrumentFactory(max_hours=3)
    day = working_day()
    # Twenty ranges of one to three hours, starting every hour from 08:30 to 14:30.
    ranges = [(at(day, 8 + i % 7), at(day, 8 + i % 7 + 1 + i % 3)) for i in range(FIRMS)]

    answers = book_at_once(firms(), instrument, ranges)

    statuses = Counter(status for status, _body in answers)
    assert set(statuses) == {201, 409} and statuses[201] >= 2
    assert {body["code"] for status, body in answers if status == 409} == {"slot_taken"}
    kept = Booking.objects.filter(instrument=instrument, status__in=ACTIVE_BOOKING_STATUSES)
    assert kept.count() == statuses[201]
    for a, b in combinations(kept, 2):
        assert a.ends_at <= b.starts_at or b.ends_at <= a.starts_at, (a, b)


@pytest.mark.postgres
@pytest.mark.django_db
def test_the_database_refuses_overlapping_active_bookings_whatever_the_code_above_does():
    instrument = InstrumentFactory()
    firm = EnterpriseFactory()
    day = working_day()
    Booking.objects.bulk_create([_booking(instrument, firm, at(day, 9), at(day, 11))])

    # Back to back, cancelled, or on another instrument: allowed.
    Booking.objects.bulk_create(
        [
            _booking(instrument, firm, at(day, 11), at(day, 12)),
            _booking(instrument, firm, at(day, 10), at(day, 11), BookingStatus.CANCELLED),
            _booking(InstrumentFactory(), firm, at(day, 10), at(day, 11)),
        ]
    )
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        Booking.objects.bulk_create(
            [_booking(instrument, firm, at(day, 10), at(day, 10) + datetime.timedelta(minutes=30))]
        )


def test_on_a_file_based_sqlite_database_twenty_firms_get_one_201_and_nineteen_slot_taken(
    tmp_path,
):
    outcome = sqlite_race.run("tests.instruments.race", tmp_path / "race.sqlite3")

    assert outcome["vendor"] == "sqlite"
    answers = outcome["answers"]
    assert Counter(status for status, _body in answers) == {201: 1, 409: FIRMS - 1}
    assert {body["code"] for status, body in answers if status == 409} == {"slot_taken"}
