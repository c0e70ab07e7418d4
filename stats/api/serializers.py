"""Statistics query parameters in, figures out."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers
from rest_framework.settings import api_settings

from enterprises.validators import validate_region_prefix
from nqi_service.api.dates import DAY_VALIDATORS
from nqi_service.api.filters import UNKNOWN_FILTER
from requests_app.choices import Category
from service_stations.models import ServiceStation
from stats.figures import SERIES_BOUNDS, periods

# Statistics dates are calendar dates of this century (API.md Extensions, "Hardening").


class StatsQuerySerializer(serializers.Serializer):
    """The filters of every statistics endpoint; dates are inclusive Shanghai dates.

    An unknown parameter is a 400, as on every list: a misspelt filter must
    not quietly widen the figures.
    """

    region = serializers.CharField(
        required=False, validators=[validate_region_prefix], label=_("Region code prefix")
    )
    station = serializers.PrimaryKeyRelatedField(
        queryset=ServiceStation.objects.all(), required=False, label=_("Station")
    )
    category = serializers.ChoiceField(
        choices=Category.choices, required=False, label=_("Category")
    )
    date_from = serializers.DateField(required=False, validators=DAY_VALIDATORS, label=_("From"))
    date_to = serializers.DateField(required=False, validators=DAY_VALIDATORS, label=_("To"))

    def validate(self, attrs):
        known = {*self.fields, api_settings.URL_FORMAT_OVERRIDE}
        unknown = sorted(set(self.initial_data) - known)
        if unknown:
            raise serializers.ValidationError({name: [UNKNOWN_FILTER] for name in unknown})
        date_from, date_to = attrs.get("date_from"), attrs.get("date_to")
        if date_from and date_to and date_from > date_to:
            raise serializers.ValidationError(
                {"date_to": [_("The end date is before the start date.")]}
            )
        return attrs


NO_CATEGORY = _("Sampling inspections have no category.")
EXPORT_TABLES = ("stations", "cooperatives")
EXPORT_FORMATS = ("csv", "xlsx")  # the renderers of the export view


class CooperativeQuerySerializer(StatsQuerySerializer):
    """The filters of the cooperatives' figures: the category does not apply to inspections."""

    category = serializers.CharField(required=False)

    def validate_category(self, value):
        raise serializers.ValidationError(NO_CATEGORY)


class ExportQuerySerializer(StatsQuerySerializer):
    """The filters of the export and the table it exports (the stations by default)."""

    table = serializers.ChoiceField(choices=EXPORT_TABLES, default="stations")
    format = serializers.ChoiceField(choices=EXPORT_FORMATS, default="csv")

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["table"] == "cooperatives" and "category" in attrs:
            raise serializers.ValidationError({"category": [NO_CATEGORY]})
        return attrs


INTERVAL_LABELS = {
    "day": pgettext_lazy("interval", "day"),
    "week": pgettext_lazy("interval", "week"),
    "month": pgettext_lazy("interval", "month"),
}


class TimeseriesQuerySerializer(StatsQuerySerializer):
    """The filters of a series, which may have at most ``SERIES_BOUNDS[interval]`` periods."""

    interval = serializers.ChoiceField(
        choices=list(INTERVAL_LABELS.items()), default="day", label=_("Interval")
    )

    def validate(self, attrs):
        attrs = super().validate(attrs)
        date_from, date_to, interval = (
            attrs.get("date_from"),
            attrs.get("date_to"),
            attrs["interval"],
        )
        bound = SERIES_BOUNDS[interval]
        if date_from and date_to and periods(date_from, date_to, interval) > bound:
            message = _(
                "A series by %(interval)s has at most %(bound)d periods; shorten the dates."
            )
            raise serializers.ValidationError(
                {"date_from": [message % {"interval": INTERVAL_LABELS[interval], "bound": bound}]}
            )
        return attrs


class NationalBaselineSerializer(serializers.Serializer):
    lab_share = serializers.FloatField()
    standard_setting_share = serializers.FloatField()
    high_utilisation_share = serializers.FloatField()


class CapabilitySerializer(serializers.Serializer):
    """The capability profile of the enterprises served, beside the national survey."""

    enterprises = serializers.IntegerField()
    lab_share = serializers.FloatField(allow_null=True)
    standard_setting_share = serializers.FloatField(allow_null=True)
    high_utilisation_share = serializers.FloatField(allow_null=True)
    national = NationalBaselineSerializer()


class FiguresSerializer(serializers.Serializer):
    received = serializers.IntegerField()
    resolved = serializers.IntegerField()
    resolution_rate = serializers.FloatField(allow_null=True)
    backlog = serializers.IntegerField()
    overdue = serializers.IntegerField()
    median_hours_to_resolve = serializers.FloatField(allow_null=True)
    enterprises_served = serializers.IntegerField()
    losses_avoided = serializers.DecimalField(max_digits=18, decimal_places=2)
    satisfaction = serializers.FloatField(allow_null=True)
    low_rating_share = serializers.FloatField(allow_null=True)
    on_time_rate = serializers.FloatField(allow_null=True)
    mean_hours_to_first_assignment = serializers.FloatField(allow_null=True)
    reopened = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())
    by_category = serializers.DictField(child=serializers.IntegerField())
    by_channel = serializers.DictField(child=serializers.IntegerField())
    visits = serializers.IntegerField()
    enterprises_visited = serializers.IntegerField()
    people_trained = serializers.IntegerField()
    certificates = serializers.IntegerField()
    capability_baseline = CapabilitySerializer()


class OverviewSerializer(FiguresSerializer):
    as_of = serializers.DateTimeField(allow_null=True)
    cooperatives_under_target = serializers.IntegerField()


class StationFiguresSerializer(FiguresSerializer):
    station = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class PeriodSerializer(serializers.Serializer):
    period = serializers.DateField()
    received = serializers.IntegerField()
    resolved = serializers.IntegerField()


class CooperativeFiguresSerializer(serializers.Serializer):
    """A cooperative's active members now and its sampling pass rate over the period."""

    station = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()
    region_code = serializers.CharField()
    members = serializers.IntegerField()
    inspections = serializers.IntegerField()
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True)
    pass_rate_target = serializers.DecimalField(max_digits=4, decimal_places=3)
    under_target = serializers.BooleanField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)


class CapabilityQuerySerializer(StatsQuerySerializer):
    """The filters of the capability shares: the scope only. The shares are read as of
    now and at each firm's first record, so dates and the category are unknown filters."""

    category = None
    date_from = None
    date_to = None


class CapabilityShareSerializer(serializers.Serializer):
    now = serializers.FloatField(allow_null=True)
    first_record = serializers.FloatField(allow_null=True)
    change = serializers.FloatField(allow_null=True)
    national = serializers.FloatField()


class CapabilitySharesSerializer(serializers.Serializer):
    """Standard setting, an in-house lab, equipment used 60 % of the time or more."""

    enterprises = serializers.IntegerField()
    enterprises_with_history = serializers.IntegerField()
    standard_setting = CapabilityShareSerializer()
    lab = CapabilityShareSerializer()
    high_utilisation = CapabilityShareSerializer()
