import datetime
import logging
import zoneinfo

import pytest

from requests_app.deadlines import add_working_days, due_at, is_working_day

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def at(year, month, day, hour=10):
    return datetime.datetime(year, month, day, hour, tzinfo=SHANGHAI)


def test_national_day_holidays_push_the_due_date_past_five_weekdays():
    # Friday 2026-09-25 10:00, normal urgency (5 working days). National Day
    # and Mid-Autumn: 10-01..10-07 off; Sunday 09-20 and Saturday 10-10 are
    # make-up working days. Working days after 09-25: 09-28, 09-29, 09-30,
    # 10-08, 10-09 -> due 10-09 10:00 (five plain weekdays would give 10-02).
    assert due_at(at(2026, 9, 25), "normal") == at(2026, 10, 9)


def test_make_up_saturday_counts_as_a_working_day():
    # Saturday 2026-10-10 is a make-up working day (调休).
    assert is_working_day(datetime.date(2026, 10, 10))
    assert add_working_days(at(2026, 10, 9), 1) == at(2026, 10, 10)


def test_spring_festival_is_skipped():
    # 2026 Spring Festival: 02-15..02-23 off; 02-14 (Sat) and 02-28 (Sat) worked.
    assert not is_working_day(datetime.date(2026, 2, 17))
    assert due_at(at(2026, 2, 13), "high") == at(2026, 2, 24)


def test_same_clock_time_is_kept_in_shanghai():
    filed = datetime.datetime(2026, 6, 1, 1, 30, tzinfo=datetime.UTC)  # 09:30 in Shanghai
    assert due_at(filed, "low").astimezone(SHANGHAI).time() == datetime.time(9, 30)


def test_unknown_year_falls_back_to_weekdays_with_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="requests_app.deadlines"):
        # Friday 2099-01-02 + 2 working days -> Tuesday 2099-01-06.
        assert due_at(at(2099, 1, 2), "high") == at(2099, 1, 6)
    assert "2099" in caplog.text


@pytest.mark.parametrize(("urgency", "days"), [("high", 2), ("normal", 5), ("low", 10)])
def test_urgency_sets_the_number_of_working_days(urgency, days, settings):
    # Monday 2026-06-01; the Dragon Boat holiday (06-19) lies beyond ten working days.
    assert due_at(at(2026, 6, 1), urgency) == add_working_days(at(2026, 6, 1), days)
    settings.DUE_WORKING_DAYS = {**settings.DUE_WORKING_DAYS, urgency: 1}
    assert due_at(at(2026, 6, 1), urgency) == at(2026, 6, 2)
