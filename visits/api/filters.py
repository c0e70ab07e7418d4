"""Filters of the visit list."""

import django_filters

from nqi_service.api.filters import IdFilter, StrictFilterSet
from visits.models import Visit


class VisitFilterSet(StrictFilterSet):
    enterprise = IdFilter(field_name="enterprise_id")
    station = IdFilter(field_name="station_id")
    visited_after = django_filters.DateTimeFilter(field_name="visited_at", lookup_expr="gte")
    visited_before = django_filters.DateTimeFilter(field_name="visited_at", lookup_expr="lt")
    confirmed = django_filters.BooleanFilter(
        field_name="confirmed_at", lookup_expr="isnull", exclude=True
    )

    class Meta:
        model = Visit
        fields = []
