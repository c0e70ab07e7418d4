"""Due dates in working days of the Chinese calendar.

Public holidays are days off and make-up working days (调休) count as working
days, as published by the State Council and packaged by ``chinese-calendar``.
For a year the package does not know yet, weekends alone are skipped and a
warning is logged.
"""

import datetime
import functools
import logging

import chinese_calendar
from django.conf import settings
from django.utils import timezone

logger = logging.getLogger(__name__)


def is_working_day(day: datetime.date) -> bool:
    """Return whether ``day`` is a working day in mainland China."""
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        _warn_unknown_year(day.year)
        return day.weekday() < 5


@functools.cache
def _warn_unknown_year(year: int) -> None:
    logger.warning("No Chinese holiday calendar for %s; counting weekdays only.", year)


def add_working_days(start: datetime.datetime, days: int) -> datetime.datetime:
    """Return the same clock time ``days`` working days after ``start``."""
    moment = start
    remaining = days
    while remaining > 0:
        moment += datetime.timedelta(days=1)
        if is_working_day(moment.date()):
            remaining -= 1
    return moment


def due_at(filed_at: datetime.datetime, urgency: str) -> datetime.datetime:
    """Return when a request filed at ``filed_at`` with ``urgency`` falls due."""
    return add_working_days(timezone.localtime(filed_at), settings.DUE_WORKING_DAYS[urgency])
