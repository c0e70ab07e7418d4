import datetime

import pytest

from workcalendar.days import arrangement_loaded, calendar_status, is_working_day
from workcalendar.models import CalendarDay, CalendarYear, DayKind

pytestmark = pytest.mark.django_db


def test_bundled_years_use_the_official_arrangement():
    # 2026: 10-01..10-07 off (National Day and Mid-autumn), Saturday 10-10 worked.
    assert not is_working_day(datetime.date(2026, 10, 7))
    assert is_working_day(datetime.date(2026, 10, 10))


def test_a_year_nobody_entered_uses_the_computed_statutory_days():
    assert not is_working_day(datetime.date(2027, 1, 1))
    assert not is_working_day(datetime.date(2027, 2, 10))  # 补假 of the Spring Festival
    assert is_working_day(datetime.date(2027, 2, 11))
    assert not is_working_day(datetime.date(2027, 2, 13))  # a plain Saturday


def test_an_administrators_entries_win_over_everything():
    saturday = datetime.date(2027, 2, 20)
    bridged = datetime.date(2027, 2, 11)
    assert not is_working_day(saturday)
    CalendarDay.objects.create(date=saturday, kind=DayKind.WORKDAY, name="春节调休上班")
    CalendarDay.objects.create(date=bridged, kind=DayKind.HOLIDAY, name="春节")
    assert is_working_day(saturday)
    assert not is_working_day(bridged)


def test_an_entry_also_overrides_the_bundled_data():
    day = datetime.date(2026, 10, 10)
    CalendarDay.objects.create(date=day, kind=DayKind.HOLIDAY, name="test")
    assert not is_working_day(day)
    CalendarDay.objects.filter(date=day).delete()
    assert is_working_day(day)


def test_a_year_is_loaded_when_bundled_or_marked_complete():
    assert arrangement_loaded(2026)
    assert not arrangement_loaded(2027)
    CalendarYear.objects.create(year=2027, arrangement_complete=False)
    assert not arrangement_loaded(2027)
    CalendarYear.objects.filter(year=2027).update(arrangement_complete=True)
    assert arrangement_loaded(2027)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (datetime.date(2026, 10, 31), "ok"),
        (datetime.date(2026, 11, 1), "next year not loaded"),
        (datetime.date(2026, 12, 31), "next year not loaded"),
        (datetime.date(2025, 11, 1), "ok"),  # 2026 is bundled
        (datetime.date(2027, 1, 1), "ok"),
        (datetime.date(2099, 11, 1), "next year not loaded"),
    ],
)
def test_status_warns_from_november_until_next_year_is_loaded(today, expected):
    assert calendar_status(today) == expected


def test_marking_next_year_complete_clears_the_warning():
    CalendarYear.objects.create(year=2027, arrangement_complete=True)
    assert calendar_status(datetime.date(2026, 11, 15)) == "ok"
