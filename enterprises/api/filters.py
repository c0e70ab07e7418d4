"""Filters of the enterprise list."""

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise
from enterprises.validators import validate_industry_code
from nqi_service.api.filters import RegionPrefixFilter, StrictFilterSet


class EnterpriseFilterSet(StrictFilterSet):
    region = RegionPrefixFilter(field_name="region_code")
    industry = django_filters.CharFilter(
        field_name="industry_code",
        lookup_expr="startswith",
        validators=[validate_industry_code],
        label=_("industry code prefix"),
    )
    search = django_filters.CharFilter(method="filter_search", label=_("name or credit code"))

    class Meta:
        model = Enterprise
        fields = ["kind", "size", "is_verified", "cluster"]

    def filter_search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(credit_code__iexact=value))
