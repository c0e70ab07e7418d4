"""The statutory public holidays of any year, computed from the national rules.

全国年节及纪念日放假办法 as amended in 2024 (in force from 2025-01-01), Article 2:
the whole population has 元旦 1 day, 春节 4 days (from 除夕), 清明节 1, 劳动节 2,
端午节 1, 中秋节 1 and 国庆节 3. Article 6: a whole-population holiday that falls
on a Saturday or Sunday is made up on a following working day (补假).

This is the floor of every year's arrangement. The State Council's yearly notice
adds bridged days and make-up working weekends (调休); those are loaded from
``chinese-calendar`` or entered by an administrator (``workcalendar.days``).
Lunar dates and the 清明 solar term come from ``lunar-python``.
"""

import datetime
import functools

from django.utils.translation import gettext_lazy as _
from lunar_python import Lunar

NEW_YEAR = _("New Year's Day")
SPRING_FESTIVAL = _("Spring Festival")
TOMB_SWEEPING = _("Tomb-sweeping Day")
LABOUR_DAY = _("Labour Day")
DRAGON_BOAT = _("Dragon Boat Festival")
MID_AUTUMN = _("Mid-autumn Festival")
NATIONAL_DAY = _("National Day")
MAKE_UP = _("make-up day off (补假)")


def _lunar(year: int, month: int, day: int) -> datetime.date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def _qingming(year: int) -> datetime.date:
    solar = Lunar.fromYmd(year, 3, 1).getJieQiTable()["清明"]
    return datetime.date(solar.getYear(), solar.getMonth(), solar.getDay())


def statutory_holidays(year: int) -> list[tuple[datetime.date, str]]:
    """Return the whole-population holidays of ``year`` (Article 2), in date order.

    Two holidays may fall on one date (中秋 on 1-3 October): both are listed.
    """
    eve = _lunar(year, 1, 1) - datetime.timedelta(days=1)
    runs = [
        (datetime.date(year, 1, 1), 1, NEW_YEAR),
        (eve, 4, SPRING_FESTIVAL),
        (_qingming(year), 1, TOMB_SWEEPING),
        (datetime.date(year, 5, 1), 2, LABOUR_DAY),
        (_lunar(year, 5, 5), 1, DRAGON_BOAT),
        (_lunar(year, 8, 15), 1, MID_AUTUMN),
        (datetime.date(year, 10, 1), 3, NATIONAL_DAY),
    ]
    days = [
        (first + datetime.timedelta(days=offset), name)
        for first, length, name in runs
        for offset in range(length)
    ]
    return sorted(days, key=lambda entry: entry[0])


@functools.cache
def computed_days_off(year: int) -> dict[datetime.date, str]:
    """Return the statutory holidays of ``year`` and their make-up days, by date.

    A holiday on a weekend (Article 6), or on a date another holiday already
    takes, is made up on the first following weekday that is not already off,
    in date order. The last holidays of a year are in October, so a make-up day
    never crosses into the next year.
    """
    off: dict[datetime.date, str] = {}
    owed = []
    for day, name in statutory_holidays(year):
        if day.weekday() >= 5 or day in off:
            owed.append(day)
        off.setdefault(day, name)
    for day in owed:
        candidate = day + datetime.timedelta(days=1)
        while candidate.weekday() >= 5 or candidate in off:
            candidate += datetime.timedelta(days=1)
        off[candidate] = MAKE_UP
    return off
