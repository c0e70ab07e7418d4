"""Thin Celery tasks of the instrument pool, safe to run twice."""

from celery import shared_task
from django.conf import settings
from django.utils import timezone


@shared_task(acks_late=True)
def remind_expiring_calibrations() -> int:
    """Tell each lab of calibrations ending within the notice period; return how many told.

    Daily by beat. Each instrument's reminder is its own transaction and is
    sent once per valid-until date, so a rerun or an overlapping run tells
    nobody twice.
    """
    from instruments.selectors import calibrations_ending
    from instruments.services import calibration_remind

    today = timezone.localdate()
    due = calibrations_ending(today, settings.CALIBRATION_REMINDER_NOTICE)
    return sum(calibration_remind(instrument_id=pk, today=today) for pk in due)
