import datetime

import pytest

from workcalendar.statutory import computed_days_off, statutory_holidays


def dates(year, *month_days):
    return {datetime.date(year, month, day) for month, day in month_days}


def test_spring_festival_2027_is_four_days_from_new_years_eve_with_two_made_up():
    # 除夕 Friday 5 February, 初一 Saturday 6 February.
    off = computed_days_off(2027)
    assert dates(2027, (2, 5), (2, 6), (2, 7), (2, 8)) <= set(off)
    # Saturday and Sunday holidays are made up on the following working days.
    assert dates(2027, (2, 9), (2, 10)) <= set(off)
    assert datetime.date(2027, 2, 4) not in off
    assert datetime.date(2027, 2, 11) not in off


def test_new_years_day_2027_is_a_friday_without_make_up():
    off = computed_days_off(2027)
    assert datetime.date(2027, 1, 1) in off
    assert not any(day.month == 1 and day.day > 1 for day in off)


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        # 清明 is the solar term: 5 April 2027, 4 April 2028.
        (2027, dates(2027, (1, 1), (4, 5), (5, 1), (5, 2), (6, 9), (9, 15), (10, 1), (10, 2))),
        (2028, dates(2028, (1, 1), (4, 4), (5, 1), (5, 2), (5, 28), (10, 1), (10, 3))),
    ],
)
def test_the_statutory_days_follow_the_lunar_calendar_and_solar_terms(year, expected):
    assert expected <= {day for day, _ in statutory_holidays(year)}


def test_every_year_has_the_thirteen_statutory_days_of_the_2024_rules():
    for year in (2025, 2027, 2030, 2099, 2100):
        assert len(statutory_holidays(year)) == 1 + 4 + 1 + 2 + 1 + 1 + 3


def test_a_weekend_holiday_is_made_up_on_the_next_weekday_not_already_off():
    # 2028: 元旦 on a Saturday → Monday 3 January; 端午 Sunday 28 May → Monday 29 May.
    off = computed_days_off(2028)
    assert datetime.date(2028, 1, 3) in off
    assert datetime.date(2028, 5, 29) in off


def test_mid_autumn_on_national_day_gives_an_extra_day():
    # 2028: 中秋 falls on 3 October, a National Day holiday; 1 October is a Sunday.
    off = computed_days_off(2028)
    assert dates(2028, (10, 1), (10, 2), (10, 3), (10, 4), (10, 5)) <= set(off)
    assert datetime.date(2028, 10, 6) not in off


def test_every_statutory_day_costs_exactly_one_weekday_off_every_year():
    # Article 6: a holiday on a weekend (or on another holiday) is made up on a
    # weekday, so each of the thirteen days takes exactly one weekday off.
    for year in range(2025, 2101):
        off = computed_days_off(year)
        assert sum(1 for day in off if day.weekday() < 5) == 13, year
        assert all(day.year == year for day in off)
