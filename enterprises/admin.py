from django.contrib import admin

from enterprises.models import Enterprise, EnterpriseMembership, IndustryCluster


class EnterpriseMembershipInline(admin.TabularInline):
    model = EnterpriseMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Enterprise)
class EnterpriseAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "credit_code",
        "kind",
        "size",
        "region_code",
        "industry_code",
        "is_verified",
    ]
    list_filter = ["is_verified", "kind", "size", "has_lab", "in_standard_setting"]
    search_fields = ["name", "credit_code", "contact_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["cluster"]
    inlines = [EnterpriseMembershipInline]


@admin.register(IndustryCluster)
class IndustryClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "region_code", "industry_code"]
    search_fields = ["name", "region_code"]
