"""Codes of the shared instrument pool, each with a translated label."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class InstrumentStatus(models.TextChoices):
    AVAILABLE = "available", pgettext_lazy("instrument status", "Available")
    MAINTENANCE = "maintenance", pgettext_lazy("instrument status", "Under maintenance")
    RETIRED = "retired", pgettext_lazy("instrument status", "Retired")


class BookingMode(models.TextChoices):
    SELF_SERVICE = "self_service", _("Self-service (the firm's own staff)")
    LAB_OPERATED = "lab_operated", _("Lab-operated (testing outsourced to the lab)")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", pgettext_lazy("booking status", "Requested")
    APPROVED = "approved", pgettext_lazy("booking status", "Approved")
    IN_USE = "in_use", pgettext_lazy("booking status", "In use")
    COMPLETED = "completed", pgettext_lazy("booking status", "Completed")
    REJECTED = "rejected", pgettext_lazy("booking status", "Rejected")
    CANCELLED = "cancelled", pgettext_lazy("booking status", "Cancelled")
    NO_SHOW = "no_show", pgettext_lazy("booking status", "No-show")


# Bookings that hold their time range: no two of one instrument overlap.
ACTIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED, BookingStatus.IN_USE)


class BookingAction(models.TextChoices):
    BOOK = "book", pgettext_lazy("booking event", "Booked")
    APPROVE = "approve", pgettext_lazy("booking event", "Approved")
    REJECT = "reject", pgettext_lazy("booking event", "Rejected")
    CANCEL = "cancel", pgettext_lazy("booking event", "Cancelled")
    START = "start", pgettext_lazy("booking event", "Started")
    COMPLETE = "complete", pgettext_lazy("booking event", "Completed")
    NO_SHOW = "no_show", pgettext_lazy("booking event", "Marked as no-show")
