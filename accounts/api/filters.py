"""Filters of the user list."""

import django_filters
from django.contrib.auth import get_user_model
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from nqi_service import roles
from nqi_service.api.filters import StrictFilterSet
from service_stations.models import ServiceStation

ROLE_FILTERS = {
    roles.ENTERPRISE: Q(is_enterprise_member=True),
    roles.STATION_STAFF: Q(is_station_staff=True),
    roles.STATION_MANAGER: Q(is_station_manager=True),
    roles.EXPERT: Q(expert_pk__isnull=False),
    roles.SUPERVISOR: Q(supervised_region__isnull=False),
    roles.ADMIN: Q(is_superuser=True),
}


class UserFilterSet(StrictFilterSet):
    role = django_filters.ChoiceFilter(
        choices=[(code, code) for code in ROLE_FILTERS], method="filter_role", label=_("role")
    )
    station = django_filters.ModelChoiceFilter(
        queryset=ServiceStation.objects.all(),
        field_name="station_memberships__station",
        label=_("station"),
    )
    search = django_filters.CharFilter(
        field_name="username", lookup_expr="icontains", label=_("username")
    )

    class Meta:
        model = get_user_model()
        fields = ["is_active"]

    def filter_role(self, queryset, name, value):
        return queryset.filter(ROLE_FILTERS[value])
