"""Query-string filters of the instrument and booking lists; anything unknown is a 400."""

from django import forms
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _
from django_filters import rest_framework as filters

from instruments.choices import BookingStatus, InstrumentStatus
from instruments.models import Booking, Instrument
from instruments.selectors import instruments_free_between
from nqi_service.api.filters import IdFilter, RegionPrefixFilter, StrictFilterSet
from requests_app.api.filters import ChoiceInFilter
from requests_app.choices import Category


class _FreeBetweenForm(forms.Form):
    """``free_from`` and ``free_to`` come together, the end after the start."""

    def clean(self):
        cleaned = super().clean()
        free_from, free_to = cleaned.get("free_from"), cleaned.get("free_to")
        if (free_from is None) != (free_to is None):
            missing = "free_to" if free_to is None else "free_from"
            self.add_error(missing, _("Give both free_from and free_to."))
        elif free_from is not None and free_to <= free_from:
            self.add_error("free_to", _("free_to must be after free_from."))
        return cleaned


class InstrumentFilter(StrictFilterSet):
    element = ChoiceInFilter(choices=Category.choices)
    status = ChoiceInFilter(choices=InstrumentStatus.choices)
    lab = IdFilter(field_name="lab_id")
    region = RegionPrefixFilter(field_name="lab__region_code")
    free_from = filters.IsoDateTimeFilter(
        method="filter_free", help_text=_("With free_to: no booking or block in between.")
    )
    free_to = filters.IsoDateTimeFilter(method="filter_free")
    search = filters.CharFilter(
        method="filter_search", help_text=_("Part of the name, model, maker or lab name.")
    )

    class Meta:
        model = Instrument
        fields = []
        form = _FreeBetweenForm

    def filter_free(self, queryset: QuerySet[Instrument], name: str, value):
        # Both bounds are applied once, when the second of them is reached.
        if name == "free_from":
            return queryset
        return instruments_free_between(
            queryset.filter(status=InstrumentStatus.AVAILABLE),
            self.form.cleaned_data["free_from"],
            value,
        )

    def filter_search(self, queryset: QuerySet[Instrument], name: str, value: str):
        return queryset.filter(
            Q(name__icontains=value)
            | Q(model__icontains=value)
            | Q(maker__icontains=value)
            | Q(lab__name__icontains=value)
        )


class BookingFilter(StrictFilterSet):
    status = ChoiceInFilter(choices=BookingStatus.choices)
    instrument = IdFilter(field_name="instrument_id")
    lab = IdFilter(field_name="instrument__lab_id")
    enterprise = IdFilter(field_name="enterprise_id")
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Booking
        fields = []
