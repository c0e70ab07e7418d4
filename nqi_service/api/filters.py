"""FilterSets that refuse what they do not understand (STYLE.md rule 9)."""

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from rest_framework.settings import api_settings

from enterprises.validators import validate_region_prefix
from nqi_service.api.pagination import CursorPagination, PageNumberPagination

UNKNOWN_FILTER = _("Unknown filter.")

# Query parameters that choose a page or a format, never a filter.
PAGE_AND_FORMAT_PARAMS = frozenset(
    {
        PageNumberPagination.page_query_param,
        PageNumberPagination.page_size_query_param,
        CursorPagination.cursor_query_param,
        api_settings.URL_FORMAT_OVERRIDE,
    }
)


class FilterBackend(DjangoFilterBackend):
    """django-filter's backend, which leaves a list alone when no filter is asked for.

    A FilterSet bound to nothing but paging parameters filters nothing (every
    filter passes an empty value through) and finds nothing unknown, yet it
    builds and validates a form on every request.
    """

    def filter_queryset(self, request, queryset, view):
        filterset_class = self.get_filterset_class(view, queryset)
        passing = getattr(filterset_class, "extra_query_params", PAGE_AND_FORMAT_PARAMS)
        if filterset_class is None or request.query_params.keys() <= passing:
            return queryset
        return super().filter_queryset(request, queryset, view)


class StrictFilterSet(django_filters.FilterSet):
    """A FilterSet for which an unknown query parameter is a 400, not a silent no-op.

    Pagination and format parameters pass through; subclasses that serve other
    backends add their parameters to ``extra_query_params``.
    """

    extra_query_params = frozenset(
        {
            PageNumberPagination.page_query_param,
            PageNumberPagination.page_size_query_param,
            api_settings.URL_FORMAT_OVERRIDE,
        }
    )

    def known_query_params(self) -> set[str]:
        known = set(self.extra_query_params)
        for name, field in self.form.fields.items():
            known.add(name)
            known.update(f"{name}_{suffix}" for suffix in getattr(field.widget, "suffixes", ()))
        return known

    def is_valid(self):
        valid = super().is_valid()
        unknown = sorted(set(self.data) - self.known_query_params())
        for name in unknown:
            self.form.errors[name] = self.form.error_class(
                [ValidationError(UNKNOWN_FILTER, code="unknown_filter")]
            )
        return valid and not unknown


class RegionPrefixFilter(django_filters.CharFilter):
    """Match a region code by a 2-, 4- or 6-digit administrative prefix."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "startswith")
        kwargs.setdefault("validators", [validate_region_prefix])
        kwargs.setdefault("label", _("region code prefix"))
        super().__init__(*args, **kwargs)


class IdFilter(django_filters.Filter):
    """Match a related object by its integer id, without looking it up.

    A model choice filter would answer 400 for a missing id and 200 for one the
    caller may not see, telling them it exists; an id simply matches nothing.
    """

    field_class = forms.IntegerField
