"""Due dates and paused time, in working days of the Chinese calendar.

Filed at any hour, a request's N working days (its urgency's, or its catalogue
service's) start on the next working day, and it is due at the close of
office on the Nth (``OFFICE_HOURS``, Asia/Shanghai).
Time spent awaiting information adds the office time it covered, so a due date
never lands on a day off. Which days are working days: ``workcalendar.days``.
"""

import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.utils import timezone

from workcalendar.days import is_working_day

if TYPE_CHECKING:
    from catalogue.models import Service

__all__ = [
    "add_office_time",
    "close_after_working_days",
    "due_at",
    "is_working_day",
    "office_time_between",
]


def _office(day: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    opens, closes = settings.OFFICE_HOURS
    zone = timezone.get_default_timezone()
    return (
        datetime.datetime.combine(day, opens, tzinfo=zone),
        datetime.datetime.combine(day, closes, tzinfo=zone),
    )


def due_at(
    filed_at: datetime.datetime, urgency: str, service: "Service | None" = None
) -> datetime.datetime:
    """Return when a request of ``urgency`` filed at ``filed_at`` falls due.

    A request for a catalogue ``service`` takes the service's working days,
    whatever its urgency.
    """
    working_days = settings.DUE_WORKING_DAYS[urgency] if service is None else service.working_days
    return close_after_working_days(filed_at, working_days)


def close_after_working_days(filed_at: datetime.datetime, working_days: int) -> datetime.datetime:
    """Return the close of office on the ``working_days``-th working day after filing."""
    day = timezone.localtime(filed_at).date()
    remaining = working_days
    while remaining > 0:
        day += datetime.timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return _office(day)[1]


def office_time_between(start: datetime.datetime, end: datetime.datetime) -> datetime.timedelta:
    """Return the office time of working days between ``start`` and ``end``."""
    total = datetime.timedelta(0)
    day = timezone.localtime(start).date()
    last = timezone.localtime(end).date()
    while day <= last:
        if is_working_day(day):
            opens, closes = _office(day)
            overlap = min(closes, end) - max(opens, start)
            total += max(overlap, datetime.timedelta(0))
        day += datetime.timedelta(days=1)
    return total


def add_office_time(moment: datetime.datetime, amount: datetime.timedelta) -> datetime.datetime:
    """Return the moment ``amount`` of office time after ``moment``, on a working day."""
    if amount <= datetime.timedelta(0):
        return moment
    remaining = amount
    day = timezone.localtime(moment).date()
    while True:
        if is_working_day(day):
            opens, closes = _office(day)
            start = max(opens, moment)
            if start < closes:
                if remaining <= closes - start:
                    return start + remaining
                remaining -= closes - start
        day += datetime.timedelta(days=1)
