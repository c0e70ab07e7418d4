from django.contrib import admin

from requests_app.models import Ticket, TicketEvent


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(admin.ModelAdmin):
    """Requests are read here; their status changes only through the services."""

    list_display = ["reference", "title", "enterprise", "station", "category", "status", "due_at"]
    list_filter = ["status", "category", "urgency", "station"]
    search_fields = ["reference", "title", "enterprise__name", "enterprise__credit_code"]
    date_hierarchy = "created_at"
    list_select_related = ["enterprise", "station"]
    readonly_fields = [
        "reference",
        "enterprise",
        "filed_by",
        "station",
        "status",
        "assigned_expert",
        "due_at",
        "created_at",
        "triaged_at",
        "assigned_at",
        "resolved_at",
        "closed_at",
        "losses_avoided",
        "rating",
    ]
    inlines = [TicketEventInline]

    def has_add_permission(self, request):
        return False


@admin.register(TicketEvent)
class TicketEventAdmin(admin.ModelAdmin):
    """The audit trail: read-only and undeletable."""

    list_display = ["created_at", "ticket", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["ticket__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["ticket", "actor"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
