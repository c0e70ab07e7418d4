"""Keep this process's copy of the calendar entries in step with the admin's saves."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from workcalendar.days import forget_entries
from workcalendar.models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_day_changed(**kwargs):
    forget_entries()
