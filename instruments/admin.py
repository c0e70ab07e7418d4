"""The instrument pool in Django's admin, for the network's administrators."""

from django.contrib import admin

from instruments.models import Booking, Instrument, Lab, MaintenanceBlock
from nqi_service.admin_read_only import ReadOnlyAdminMixin


@admin.register(Lab)
class LabAdmin(admin.ModelAdmin):
    list_display = ["name", "station", "region_code", "cnas_number", "cma_number"]
    list_filter = ["region_code"]
    search_fields = ["name", "organization", "cnas_number", "cma_number"]
    raw_id_fields = ["station"]


@admin.register(Instrument)
class InstrumentAdmin(admin.ModelAdmin):
    list_display = ["name", "model", "lab", "element", "status", "calibration_valid_until"]
    list_filter = ["element", "status"]
    list_select_related = ["lab"]
    search_fields = ["name", "model", "maker", "calibration_certificate"]
    raw_id_fields = ["lab"]


@admin.register(MaintenanceBlock)
class MaintenanceBlockAdmin(admin.ModelAdmin):
    list_display = ["instrument", "starts_at", "ends_at", "reason"]
    list_select_related = ["instrument"]
    raw_id_fields = ["instrument", "created_by"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Bookings are read here; they change only through their lifecycle (the API)."""

    list_display = ["instrument", "enterprise", "starts_at", "ends_at", "mode", "status"]
    list_filter = ["status", "mode"]
    list_select_related = ["instrument", "enterprise"]
    date_hierarchy = "starts_at"
