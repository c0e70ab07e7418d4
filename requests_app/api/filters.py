"""Query-string filters of the request list; an unknown filter or value is a 400, never ignored."""

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from enterprises.validators import validate_region_prefix
from nqi_service.api.filters import IdFilter, StrictFilterSet
from nqi_service.api.pagination import CursorPagination
from requests_app.choices import Category, Status
from requests_app.models import Ticket, overdue_q


class ChoiceInFilter(filters.BaseInFilter, filters.ChoiceFilter):
    """Comma-separated codes, each one checked against the choices."""


class TicketFilter(StrictFilterSet):
    # The list pages with cursors (``next``), not page numbers.
    extra_query_params = StrictFilterSet.extra_query_params | {CursorPagination.cursor_query_param}

    status = ChoiceInFilter(choices=Status.choices)
    category = ChoiceInFilter(choices=Category.choices)
    station = IdFilter(field_name="station_id")
    enterprise = IdFilter(field_name="enterprise_id")
    assigned_expert = IdFilter(field_name="assigned_expert_id")
    region = filters.CharFilter(
        field_name="enterprise__region_code",
        lookup_expr="startswith",
        validators=[validate_region_prefix],
        help_text=_("Region code prefix of the enterprise: 2, 4 or 6 digits."),
    )
    overdue = filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_overdue",
        help_text=_(
            "true: still open and past the due date (one waiting for the enterprise's "
            "information if it was past it when the wait began); false: the others."
        ),
    )
    created_after = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="gte")
    created_before = filters.IsoDateTimeFilter(field_name="created_at", lookup_expr="lt")
    search = filters.CharFilter(
        method="filter_search", help_text=_("Part of the reference or of the title.")
    )
    ordering = filters.OrderingFilter(fields=["created_at", "due_at", "updated_at", "id"])

    class Meta:
        model = Ticket
        fields = []

    def filter_overdue(self, queryset: QuerySet[Ticket], name: str, value: str):
        overdue = overdue_q(timezone.now())
        return queryset.filter(overdue) if value == "true" else queryset.exclude(overdue)

    def filter_search(self, queryset: QuerySet[Ticket], name: str, value: str):
        return queryset.filter(Q(reference__icontains=value) | Q(title__icontains=value))
