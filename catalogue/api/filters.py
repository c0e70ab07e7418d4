"""Query-string filters of the catalogue; anything unknown is a 400."""

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from catalogue.choices import ServiceKind
from catalogue.models import Service
from nqi_service.api.filters import IdFilter, RegionPrefixFilter, StrictFilterSet
from requests_app.api.filters import ChoiceInFilter
from requests_app.choices import Category


class ServiceFilter(StrictFilterSet):
    element = ChoiceInFilter(choices=Category.choices)
    kind = ChoiceInFilter(choices=ServiceKind.choices)
    station = IdFilter(field_name="stations", label=_("offered at the station"))
    region = RegionPrefixFilter(
        method="filter_region", label=_("offered at a station of the region code prefix")
    )
    search = filters.CharFilter(
        method="filter_search", label=_("Part of the code, name or description.")
    )

    class Meta:
        model = Service
        fields = []

    def filter_region(self, queryset, name, value):
        offered = Service.stations.through.objects.filter(
            service=OuterRef("pk"), servicestation__region_code__startswith=value
        )
        return queryset.filter(Exists(offered))

    def filter_search(self, queryset, name, value):
        return queryset.filter(
            Q(code__icontains=value) | Q(name__icontains=value) | Q(description__icontains=value)
        )
