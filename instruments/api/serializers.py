"""Render labs, instruments, blocks and bookings; parse their bodies.

Input serializers check the shape of a body; the booking rules (calibration,
opening hours, slots, overlaps) are the services' to enforce.
"""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from instruments.choices import BookingMode, BookingStatus, InstrumentStatus
from instruments.models import Booking, Instrument, Lab, MaintenanceBlock
from instruments.selectors import stations_managed_by
from nqi_service.api.dates import DAY_VALIDATORS, FIRST_DAY, LAST_DAY
from nqi_service.api.fields import ChoiceLabelField
from requests_app.api.serializers import OwnEnterpriseSerializer
from requests_app.choices import Category
from requests_app.models import Ticket
from service_stations.models import ServiceStation

TEXT_MAX_LENGTH = 500
# The longest period one availability question may cover.
AVAILABILITY_MAX_DAYS = 31


class _ManagedStationField(serializers.PrimaryKeyRelatedField):
    """A station the caller manages; any other id reads as unknown."""

    def get_queryset(self):
        return stations_managed_by(self.context["request"].user)


class _ManagedLabField(serializers.PrimaryKeyRelatedField):
    """A lab of a station the caller manages; any other id reads as unknown."""

    def get_queryset(self):
        return Lab.objects.filter(station__in=stations_managed_by(self.context["request"].user))


@extend_schema_field({"type": "string", "pattern": r"^\d{2}:\d{2}$", "example": "08:30"})
class ClockTimeField(serializers.TimeField):
    """A time of day as ``HH:MM``, local time (Asia/Shanghai)."""

    def __init__(self, **kwargs):
        super().__init__(format="%H:%M", input_formats=["%H:%M"], **kwargs)


class MomentField(serializers.DateTimeField):
    """A date and time from 2000 to 2099, the years a booking can concern."""

    default_error_messages = {"out_of_range": _("Dates run from 2000-01-01 to 2099-12-31.")}

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not FIRST_DAY <= timezone.localdate(moment) <= LAST_DAY:
            self.fail("out_of_range")
        return moment


class OpeningHoursSerializer(serializers.Serializer):
    opens_at = ClockTimeField()
    closes_at = ClockTimeField()

    def validate(self, attrs):
        if attrs["closes_at"] <= attrs["opens_at"]:
            raise serializers.ValidationError({"closes_at": _("The lab must close after opening.")})
        return attrs


class LabSerializer(serializers.ModelSerializer):
    station = _ManagedStationField(queryset=ServiceStation.objects.all())
    opening_hours = OpeningHoursSerializer(source="*")

    class Meta:
        model = Lab
        fields = [
            "id",
            "name",
            "station",
            "organization",
            "cnas_number",
            "cma_number",
            "region_code",
            "address",
            "opening_hours",
            "cancel_hours_before",
        ]
        extra_kwargs = {
            "cnas_number": {"required": False, "allow_null": True},
            "cma_number": {"required": False, "allow_null": True},
        }


class InstrumentSerializer(serializers.ModelSerializer):
    lab = _ManagedLabField(queryset=Lab.objects.all())
    lab_name = serializers.CharField(source="lab.name", read_only=True)
    region_code = serializers.CharField(source="lab.region_code", read_only=True)
    element_label = ChoiceLabelField(Category, source="element")
    status_label = ChoiceLabelField(InstrumentStatus, source="status")
    calibration_expired = serializers.SerializerMethodField()
    modes = serializers.ListField(
        child=serializers.ChoiceField(choices=BookingMode.choices), min_length=1, max_length=2
    )

    class Meta:
        model = Instrument
        fields = [
            "id",
            "lab",
            "lab_name",
            "region_code",
            "name",
            "model",
            "maker",
            "element",
            "element_label",
            "original_value",
            "location",
            "status",
            "status_label",
            "calibration_certificate",
            "calibration_valid_until",
            "calibration_expired",
            "slot_minutes",
            "max_hours",
            "advance_days",
            "needs_approval",
            "fee_per_hour",
            "modes",
        ]

    def get_calibration_expired(self, instrument: Instrument) -> bool:
        return instrument.calibration_valid_until < timezone.localdate()

    def validate_modes(self, modes):
        return [mode for mode in BookingMode.values if mode in modes]


class BlockSerializer(serializers.ModelSerializer):
    starts_at = MomentField()
    ends_at = MomentField()

    class Meta:
        model = MaintenanceBlock
        fields = ["id", "starts_at", "ends_at", "reason"]


class AvailabilityQuery(serializers.Serializer):
    """``date_from`` and ``date_to``, inclusive, at most ``AVAILABILITY_MAX_DAYS`` apart."""

    date_from = serializers.DateField(required=False, validators=DAY_VALIDATORS)
    date_to = serializers.DateField(required=False, validators=DAY_VALIDATORS)

    def validate(self, attrs):
        date_from = attrs.get("date_from") or timezone.localdate()
        date_to = attrs.get("date_to") or min(date_from + datetime.timedelta(days=6), LAST_DAY)
        if date_to < date_from:
            raise serializers.ValidationError({"date_to": _("date_to is before date_from.")})
        if (date_to - date_from).days >= AVAILABILITY_MAX_DAYS:
            raise serializers.ValidationError(
                {"date_to": _("Ask for at most %(days)d days.") % {"days": AVAILABILITY_MAX_DAYS}}
            )
        return {"date_from": date_from, "date_to": date_to}


class IntervalSerializer(serializers.Serializer):
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()


class BookingSerializer(serializers.ModelSerializer):
    status_label = ChoiceLabelField(BookingStatus, source="status")
    mode_label = ChoiceLabelField(BookingMode, source="mode")
    instrument_name = serializers.CharField(source="instrument.name", read_only=True)
    lab = serializers.IntegerField(source="instrument.lab_id", read_only=True)
    has_report = serializers.SerializerMethodField()

    class Meta:
        model = Booking
        fields = [
            "id",
            "instrument",
            "instrument_name",
            "lab",
            "enterprise",
            "booked_by",
            "ticket",
            "starts_at",
            "ends_at",
            "mode",
            "mode_label",
            "purpose",
            "status",
            "status_label",
            "used_from",
            "used_to",
            "has_report",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_report(self, booking: Booking) -> bool:
        return bool(booking.report)


class _OwnTicketField(serializers.PrimaryKeyRelatedField):
    """A request of one of the caller's enterprises; any other id reads as unknown."""

    def get_queryset(self):
        user = self.context["request"].user
        return Ticket.objects.filter(enterprise__memberships__user=user)


class BookingCreateSerializer(OwnEnterpriseSerializer):
    instrument = serializers.PrimaryKeyRelatedField(queryset=Instrument.objects.all())
    starts_at = MomentField()
    ends_at = MomentField()
    mode = serializers.ChoiceField(choices=BookingMode.choices)
    purpose = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    ticket = _OwnTicketField(queryset=Ticket.objects.all(), required=False, allow_null=True)


class CompleteBody(serializers.Serializer):
    used_from = MomentField()
    used_to = MomentField()
    report = serializers.FileField(required=False, allow_empty_file=False)
