"""Codes and translated labels of the training records."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentStatus(models.TextChoices):
    ENROLLED = "enrolled", _("Enrolled")
    WAITING = "waiting", _("Waiting")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


# The statuses that hold one of the session's seats.
SEAT_HOLDING = (EnrolmentStatus.ENROLLED, EnrolmentStatus.ATTENDED, EnrolmentStatus.ABSENT)
# The statuses of an attendee still expected at the session.
ACTIVE = (EnrolmentStatus.ENROLLED, EnrolmentStatus.WAITING)
