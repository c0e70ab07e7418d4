"""Codes of the shared instrument pool, each with a translated label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InstrumentStatus(models.TextChoices):
    AVAILABLE = "available", _("Available")
    MAINTENANCE = "maintenance", _("Under maintenance")
    RETIRED = "retired", _("Retired")


class BookingMode(models.TextChoices):
    SELF_SERVICE = "self_service", _("Self-service (the firm's own staff)")
    LAB_OPERATED = "lab_operated", _("Lab-operated (testing outsourced to the lab)")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    APPROVED = "approved", _("Approved")
    IN_USE = "in_use", _("In use")
    COMPLETED = "completed", _("Completed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


# Bookings that hold their time range: no two of one instrument overlap.
ACTIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED, BookingStatus.IN_USE)


class BookingAction(models.TextChoices):
    BOOK = "book", _("Booked")
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    CANCEL = "cancel", _("Cancelled")
    START = "start", _("Started")
    COMPLETE = "complete", _("Completed")
    NO_SHOW = "no_show", _("Marked as no-show")
