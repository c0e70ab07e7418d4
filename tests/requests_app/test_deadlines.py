import datetime
import zoneinfo

import pytest

from requests_app.deadlines import (
    add_office_time,
    close_after_working_days,
    due_at,
    is_working_day,
    office_time_between,
)
from workcalendar.models import CalendarDay, DayKind

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10, minute=0):
    return datetime.datetime(year, month, day, hour, minute, tzinfo=SHANGHAI)


def close(year, month, day):
    return at(year, month, day, 17, 30)


def test_filed_before_new_years_day_2027_with_the_computed_days_only():
    # Wednesday 2026-12-30 10:00, high (2 working days): Thursday 12-31 is the
    # first, 元旦 (Friday) and the weekend are skipped, Monday 01-04 the second.
    assert due_at(at(2026, 12, 30), "high") == close(2027, 1, 4)


def test_spring_festival_2027_and_its_make_up_days_are_skipped():
    # Thursday 2027-02-04: statutory 02-05..02-08, 补假 02-09 and 02-10.
    assert close_after_working_days(at(2027, 2, 4), 1) == close(2027, 2, 11)
    assert due_at(at(2027, 2, 3), "high") == close(2027, 2, 11)


def test_national_day_2026_holidays_push_the_due_date_past_five_weekdays():
    # Friday 2026-09-25, normal (5 working days); 10-01..10-07 off (the
    # official arrangement). Working days after 09-25: 09-28, 09-29, 09-30,
    # 10-08, 10-09 -> due 10-09 (five plain weekdays would give 10-02).
    assert due_at(at(2026, 9, 25), "normal") == close(2026, 10, 9)


def test_an_administrators_make_up_saturday_counts_as_a_working_day():
    # Friday 2027-02-19 + 1 working day: Monday 02-22, unless Saturday 02-20 is worked.
    assert close_after_working_days(at(2027, 2, 19), 1) == close(2027, 2, 22)
    CalendarDay.objects.create(date=datetime.date(2027, 2, 20), kind=DayKind.WORKDAY, name="调休")
    assert close_after_working_days(at(2027, 2, 19), 1) == close(2027, 2, 20)


@pytest.mark.parametrize("hour", [0, 9, 17, 23])
def test_any_hour_of_filing_is_due_at_the_close_of_the_nth_working_day(hour):
    assert due_at(at(2026, 6, 1, hour), "high") == close(2026, 6, 3)


def test_the_filing_day_is_taken_in_shanghai():
    # 2026-06-01 17:00 UTC is Tuesday 06-02 01:00 in Shanghai.
    filed = datetime.datetime(2026, 6, 1, 17, tzinfo=datetime.UTC)
    assert due_at(filed, "high") == close(2026, 6, 4)


def test_a_leap_day_is_an_ordinary_working_day():
    assert is_working_day(datetime.date(2028, 2, 29))  # a Tuesday
    assert close_after_working_days(at(2028, 2, 28), 1) == close(2028, 2, 29)


@pytest.mark.parametrize(("urgency", "days"), [("high", 2), ("normal", 5), ("low", 10)])
def test_urgency_sets_the_number_of_working_days(urgency, days, settings):
    assert due_at(at(2026, 6, 1), urgency) == close_after_working_days(at(2026, 6, 1), days)
    settings.DUE_WORKING_DAYS = {**settings.DUE_WORKING_DAYS, urgency: 1}
    assert due_at(at(2026, 6, 1), urgency) == close(2026, 6, 2)


def test_office_hours_are_configurable(settings):
    settings.OFFICE_HOURS = (datetime.time(9), datetime.time(18))
    assert due_at(at(2026, 6, 1), "high") == at(2026, 6, 3, 18)


def test_a_pause_over_a_weekend_counts_only_office_time():
    # Friday 12:00 to Monday 12:00: Friday 12:00-17:30 and Monday 08:30-12:00.
    waited = office_time_between(at(2026, 6, 5, 12), at(2026, 6, 8, 12))
    assert waited == datetime.timedelta(hours=9)
    # Friday's close to Monday's opening is no office time at all.
    assert office_time_between(close(2026, 6, 5), at(2026, 6, 8, 8, 30)) == datetime.timedelta(0)


def test_office_time_added_to_a_due_date_lands_on_a_working_day():
    # Due Friday 2026-06-05 17:30; 9 office hours later is Monday's close.
    assert add_office_time(close(2026, 6, 5), datetime.timedelta(hours=9)) == close(2026, 6, 8)
    # Three hours: Monday 11:30, never Saturday.
    assert add_office_time(close(2026, 6, 5), datetime.timedelta(hours=3)) == at(2026, 6, 8, 11, 30)
    # Across the 2027 Spring Festival: from Thursday 02-04's close to Thursday 02-11.
    assert add_office_time(close(2027, 2, 4), datetime.timedelta(hours=1)) == at(2027, 2, 11, 9, 30)
    assert add_office_time(close(2026, 6, 5), datetime.timedelta(0)) == close(2026, 6, 5)


def test_pauses_and_their_additions_agree():
    start, end = at(2027, 2, 3, 15), at(2027, 2, 12, 10)
    waited = office_time_between(start, end)
    # 02-03 15:00-17:30, 02-04 all day, 02-11 all day, 02-12 08:30-10:00.
    assert waited == datetime.timedelta(hours=2.5 + 9 + 9 + 1.5)
