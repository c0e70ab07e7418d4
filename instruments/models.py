"""The shared instrument pool: labs, their instruments, maintenance blocks and bookings."""

import datetime
import uuid

from django.conf import settings
from django.contrib.postgres.fields import RangeBoundary, RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.validators import validate_region_code
from instruments.choices import (
    ACTIVE_BOOKING_STATUSES,
    BookingAction,
    BookingMode,
    BookingStatus,
    InstrumentStatus,
)
from instruments.constraints import PostgresExclusionConstraint, TsTzRange
from nqi_service.models import AuditEvent, action_is_known
from requests_app.choices import Category


class Lab(models.Model):
    """A testing or calibration lab of a station or platform, or a partner attached to one."""

    name = models.CharField(_("name"), max_length=200)
    station = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="labs",
    )
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    # Null, not blank, when the lab has none: the API gives null, and CNAS numbers are unique.
    cnas_number = models.CharField(  # noqa: DJ001
        _("CNAS accreditation number"), max_length=32, null=True, blank=True
    )
    cma_number = models.CharField(  # noqa: DJ001
        _("CMA certificate number"), max_length=32, null=True, blank=True
    )
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    opens_at = models.TimeField(_("opens at"), default=datetime.time(8, 30))
    closes_at = models.TimeField(_("closes at"), default=datetime.time(17, 30))
    cancel_hours_before = models.PositiveSmallIntegerField(
        _("cancellation deadline (hours before the start)"),
        default=24,
        validators=[MaxValueValidator(24 * 14)],
    )

    class Meta:
        verbose_name = _("lab")
        verbose_name_plural = _("labs")
        ordering = ["id"]
        indexes = [models.Index(fields=["region_code"], name="lab_region_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=F("opens_at")), name="lab_closes_after_opening"
            ),
            models.UniqueConstraint(fields=["cnas_number"], name="lab_cnas_number_unique"),
        ]

    def __str__(self):
        return self.name


class Instrument(models.Model):
    """An instrument of the pool, with its booking rules and its calibration.

    An expired calibration does not change ``status``: bookings ending after
    ``calibration_valid_until`` are refused instead.
    """

    lab = models.ForeignKey(
        Lab, verbose_name=_("lab"), on_delete=models.PROTECT, related_name="instruments"
    )
    name = models.CharField(_("name"), max_length=200)
    model = models.CharField(_("model"), max_length=100, blank=True)
    maker = models.CharField(_("maker"), max_length=200, blank=True)
    element = models.CharField(_("NQI element"), max_length=24, choices=Category.choices)
    original_value = models.DecimalField(
        _("original value (yuan)"),
        max_digits=14,
        decimal_places=2,
        validators=[MinValueValidator(0)],
    )
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=InstrumentStatus.choices,
        default=InstrumentStatus.AVAILABLE,
    )
    calibration_certificate = models.CharField(
        _("calibration certificate number"), max_length=64, blank=True
    )
    calibration_valid_until = models.DateField(_("calibration valid until"))
    # The valid-until date the lab was last reminded of, so a reminder goes out once.
    calibration_reminded_for = models.DateField(
        _("calibration reminder sent for"), null=True, blank=True, editable=False
    )
    slot_minutes = models.PositiveSmallIntegerField(
        _("slot length (minutes)"),
        default=60,
        validators=[MinValueValidator(15), MaxValueValidator(480)],
    )
    max_hours = models.PositiveSmallIntegerField(
        _("longest booking (hours)"),
        default=8,
        validators=[MinValueValidator(1), MaxValueValidator(24 * 14)],
    )
    advance_days = models.PositiveSmallIntegerField(
        _("booking window (days ahead)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    needs_approval = models.BooleanField(_("bookings need approval"), default=True)
    fee_per_hour = models.DecimalField(
        _("fee per hour (yuan)"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    modes = models.JSONField(_("booking modes"), default=list)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("instrument")
        verbose_name_plural = _("instruments")
        ordering = ["id"]
        indexes = [
            models.Index(fields=["lab", "id"], name="instrument_lab_idx"),
            models.Index(fields=["element", "id"], name="instrument_element_idx"),
            models.Index(fields=["calibration_valid_until"], name="instrument_calibration_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(slot_minutes__gte=15) & Q(slot_minutes__lte=480),
                name="instrument_slot_minutes_range",
            ),
            models.CheckConstraint(condition=Q(max_hours__gte=1), name="instrument_max_hours_min"),
            models.CheckConstraint(
                condition=Q(advance_days__gte=1), name="instrument_advance_days_min"
            ),
            models.CheckConstraint(
                condition=Q(original_value__gte=0), name="instrument_value_not_negative"
            ),
        ]

    def __str__(self):
        return self.name


class MaintenanceBlock(models.Model):
    """A period when an instrument can't be booked (maintenance, calibration, repair)."""

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.CASCADE, related_name="blocks"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    reason = models.CharField(_("reason"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("maintenance block")
        verbose_name_plural = _("maintenance blocks")
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["instrument", "ends_at"], name="block_instrument_ends_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="block_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.instrument} {self.starts_at:%Y-%m-%d %H:%M}–{self.ends_at:%H:%M}"


def report_storage_name(booking: "Booking", filename: str) -> str:
    """Return a random storage name: the uploader's file name never reaches the disk."""
    return f"booking-reports/{uuid.uuid4().hex}"


class Booking(models.Model):
    """An enterprise's booking of an instrument for a time range.

    Two active bookings (``requested``, ``approved``, ``in_use``) of one
    instrument never overlap: on PostgreSQL the exclusion constraint below
    refuses it, whatever the code above it does.
    """

    instrument = models.ForeignKey(
        Instrument, verbose_name=_("instrument"), on_delete=models.PROTECT, related_name="bookings"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticket = models.ForeignKey(
        "requests_app.Ticket",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="bookings",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    mode = models.CharField(_("mode"), max_length=16, choices=BookingMode.choices)
    purpose = models.CharField(_("purpose"), max_length=500)
    status = models.CharField(
        _("status"), max_length=16, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    used_from = models.DateTimeField(_("used from"), null=True, blank=True)
    used_to = models.DateTimeField(_("used to"), null=True, blank=True)
    report = models.FileField(_("test report"), upload_to=report_storage_name, blank=True)
    report_name = models.CharField(_("report file name"), max_length=120, blank=True)
    report_content_type = models.CharField(_("report content type"), max_length=100, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-starts_at", "-id"]
        indexes = [
            models.Index(fields=["instrument", "starts_at"], name="booking_instrument_idx"),
            models.Index(fields=["enterprise", "status"], name="booking_enterprise_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="booking_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(used_to__isnull=True)
                | Q(used_from__isnull=True)
                | Q(used_to__gt=F("used_from")),
                name="booking_used_to_after_from",
            ),
            PostgresExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    ("instrument", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at", RangeBoundary()), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=ACTIVE_BOOKING_STATUSES),
            ),
        ]

    def __str__(self):
        return f"{self.instrument} {self.starts_at:%Y-%m-%d %H:%M}"


class BookingEvent(AuditEvent):
    """One step of a booking's life: who moved it, from where, to where, when."""

    booking = models.ForeignKey(
        Booking, verbose_name=_("booking"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=BookingAction.choices)
    from_status = models.CharField(  # noqa: DJ001 -- null on the booking's first event
        _("from status"), max_length=16, choices=BookingStatus.choices, null=True
    )
    to_status = models.CharField(_("to status"), max_length=16, choices=BookingStatus.choices)

    class Meta:
        verbose_name = _("booking event")
        verbose_name_plural = _("booking events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["booking", "created_at"], name="booking_event_idx")]
        constraints = [action_is_known(BookingAction, name="booking_event_action_known")]

    def __str__(self):
        return f"{self.booking_id} {self.action}"
