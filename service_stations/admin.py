from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from service_stations.models import (
    Expert,
    ExpertSpecialty,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)


class StationServiceInline(admin.TabularInline):
    model = StationService
    extra = 0


class StationMembershipInline(admin.TabularInline):
    model = StationMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(ServiceStation)
class ServiceStationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "region_code", "parent", "is_active"]
    list_filter = ["kind", "is_active", "services__category"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "region_code", "host_organization"]
    autocomplete_fields = ["parent"]
    inlines = [StationServiceInline, StationMembershipInline]


class ExpertSpecialtyInline(admin.TabularInline):
    model = ExpertSpecialty
    extra = 0


@admin.register(Expert)
class ExpertAdmin(admin.ModelAdmin):
    list_display = ["name", "organization", "title", "current_load", "is_available"]
    list_filter = ["is_available", "specialties__category", "stations"]
    search_fields = ["name", "organization"]
    readonly_fields = ["open_assignments"]
    filter_horizontal = ["stations"]
    autocomplete_fields = ["user"]
    inlines = [ExpertSpecialtyInline]

    @admin.display(description=_("current load"), ordering="open_assignments")
    def current_load(self, expert):
        return f"{expert.open_assignments} / {expert.capacity}"


@admin.register(SupervisorScope)
class SupervisorScopeAdmin(admin.ModelAdmin):
    list_display = ["user", "region_prefix"]
    search_fields = ["user__username", "region_prefix"]
    autocomplete_fields = ["user"]
