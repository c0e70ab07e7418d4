"""Which days are working days in mainland China, for every year.

A date is decided, first match wins, by:

1. an administrator's ``CalendarDay`` (the State Council's yearly arrangement);
2. ``chinese-calendar``, for the years it ships (public holidays, 调休 weekends);
3. the statutory holidays computed from the national rules, their make-up
   days, and weekends (``workcalendar.statutory``).

So a year nobody has entered yet still skips 元旦, 春节 and the rest. The
administrator's entries are read once per process and year and kept for
``CACHE_SECONDS``; saving one clears this process's copy at once.
"""

import datetime
import functools
import threading
import time

import chinese_calendar

from workcalendar.models import CalendarDay, CalendarYear, DayKind
from workcalendar.statutory import computed_days_off

CACHE_SECONDS = 60

_lock = threading.Lock()
_entries: dict[int, tuple[float, dict[datetime.date, bool]]] = {}


def is_working_day(day: datetime.date) -> bool:
    """Return whether ``day`` is a working day in mainland China."""
    entered = _entered(day.year).get(day)
    if entered is not None:
        return entered
    if bundled(day.year):
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5 and day not in computed_days_off(day.year)


@functools.cache
def bundled(year: int) -> bool:
    """Return whether ``chinese-calendar`` ships the official arrangement of ``year``."""
    return any(day.year == year for day in chinese_calendar.holidays)


def arrangement_loaded(year: int) -> bool:
    """Return whether the official arrangement of ``year`` is known in full."""
    return (
        bundled(year) or CalendarYear.objects.filter(year=year, arrangement_complete=True).exists()
    )


def forget_entries() -> None:
    """Drop this process's copy of the administrator's entries."""
    with _lock:
        _entries.clear()


def _entered(year: int) -> dict[datetime.date, bool]:
    now = time.monotonic()
    with _lock:
        cached = _entries.get(year)
    if cached and now - cached[0] < CACHE_SECONDS:
        return cached[1]
    rows = CalendarDay.objects.filter(date__year=year).values_list("date", "kind")
    entries = {date: kind == DayKind.WORKDAY for date, kind in rows}
    with _lock:
        _entries[year] = (now, entries)
    return entries


def calendar_status(today: datetime.date, *, loaded=arrangement_loaded) -> str:
    """Return ``"ok"``, or from 1 November ``"next year not loaded"`` until it is.

    ``loaded`` tells whether a year is loaded; without a database, ``bundled``.
    """
    if today.month >= 11 and not loaded(today.year + 1):
        return "next year not loaded"
    return "ok"
