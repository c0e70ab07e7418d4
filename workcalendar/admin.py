from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from workcalendar.days import bundled, calendar_status
from workcalendar.models import CalendarDay, CalendarYear
from workcalendar.statutory import computed_days_off


class _WarnsWhileNextYearIsMissing:
    """Say on the calendar pages what ``/healthz`` says: next year is not entered yet."""

    def changelist_view(self, request, extra_context=None):
        today = timezone.localdate()
        if calendar_status(today) != "ok":
            messages.warning(
                request,
                _(
                    "The official holiday arrangement of %(year)s is not complete: enter its "
                    "days off and make-up working days, then mark the year complete. Until "
                    "then due dates use the statutory holidays computed from the national rules."
                )
                % {"year": today.year + 1},
            )
        return super().changelist_view(request, extra_context)


@admin.register(CalendarDay)
class CalendarDayAdmin(_WarnsWhileNextYearIsMissing, admin.ModelAdmin):
    list_display = ["date", "kind", "name"]
    list_filter = ["kind"]
    date_hierarchy = "date"
    search_fields = ["name"]


@admin.register(CalendarYear)
class CalendarYearAdmin(_WarnsWhileNextYearIsMissing, admin.ModelAdmin):
    list_display = ["year", "arrangement_complete", "bundled"]
    readonly_fields = ["computed_days_off"]

    @admin.display(boolean=True, description=_("shipped with chinese-calendar"))
    def bundled(self, obj):
        return bundled(obj.year)

    @admin.display(description=_("statutory days off computed from the national rules"))
    def computed_days_off(self, obj):
        if not obj.year:
            return "-"
        days = computed_days_off(obj.year)
        return "; ".join(f"{day:%m-%d} {days[day]}" for day in sorted(days))
