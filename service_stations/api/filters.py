"""Filters of the station and expert lists."""

import django_filters
from django.db.models import Exists, F, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from nqi_service.api.filters import IdFilter, RegionPrefixFilter, StrictFilterSet
from requests_app.choices import Category
from service_stations.models import (
    CooperativeMembership,
    Expert,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
    StationService,
)


class StationFilterSet(StrictFilterSet):
    region = RegionPrefixFilter(field_name="region_code")
    service = django_filters.ChoiceFilter(
        choices=Category.choices, method="filter_service", label=_("offers the category")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("code or name"))

    class Meta:
        model = ServiceStation
        fields = ["kind", "is_active", "parent"]

    def filter_service(self, queryset, name, value):
        offered = StationService.objects.filter(station=OuterRef("pk"), category=value)
        return queryset.filter(Exists(offered))

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value))


class ExpertFilterSet(StrictFilterSet):
    specialty = django_filters.ChoiceFilter(
        choices=Category.choices, method="filter_specialty", label=_("specialty")
    )
    station = django_filters.ModelChoiceFilter(
        queryset=ServiceStation.objects.all(), field_name="stations", label=_("station")
    )
    has_capacity = django_filters.BooleanFilter(
        method="filter_has_capacity", label=_("below capacity")
    )
    search = django_filters.CharFilter(method="filter_search", label=_("name or organisation"))

    class Meta:
        model = Expert
        fields = ["is_available"]

    def filter_specialty(self, queryset, name, value):
        held = ExpertSpecialty.objects.filter(expert=OuterRef("pk"), category=value)
        return queryset.filter(Exists(held))

    def filter_has_capacity(self, queryset, name, value):
        below = Q(open_assignments__lt=F("capacity"))
        return queryset.filter(below if value else ~below)

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(organization__icontains=value))


class MembershipFilterSet(StrictFilterSet):
    # Cooperatives are public; enterprises are not, so theirs go by id alone.
    enterprise = IdFilter(field_name="enterprise_id")

    class Meta:
        model = CooperativeMembership
        fields = ["cooperative", "status"]


class InspectionFilterSet(StrictFilterSet):
    sampled_after = django_filters.DateFilter(
        field_name="sampled_on", lookup_expr="gte", label=_("sampled on or after")
    )
    sampled_before = django_filters.DateFilter(
        field_name="sampled_on", lookup_expr="lte", label=_("sampled on or before")
    )
    enterprise = IdFilter(field_name="enterprise_id")

    class Meta:
        model = SamplingInspection
        fields = ["cooperative", "passed"]
