from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise, EnterpriseMembership, IndustryCluster
from enterprises.regions import PROVINCES
from enterprises.selectors import enterprises_visible_to
from nqi_service.admin_scoping import ScopedAdminMixin


class ProvinceFilter(admin.SimpleListFilter):
    """Filter by the province part (first two digits) of the region code."""

    title = _("province")
    parameter_name = "province"

    def lookups(self, request, model_admin):
        present = {
            code[:2]
            for code in model_admin.get_queryset(request)
            .order_by()
            .values_list("region_code", flat=True)
            .distinct()
        }
        return [(prefix, PROVINCES.get(prefix, prefix)) for prefix in sorted(present)]

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(region_code__startswith=self.value())
        return queryset


class EnterpriseMembershipInline(admin.TabularInline):
    model = EnterpriseMembership
    extra = 0
    autocomplete_fields = ["user"]


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedAdminMixin, admin.ModelAdmin):
    selector = enterprises_visible_to
    list_display = [
        "name",
        "credit_code",
        "kind",
        "size",
        "region_code",
        "industry_code",
        "has_lab",
        "is_verified",
    ]
    list_filter = [
        ProvinceFilter,
        "is_verified",
        "kind",
        "size",
        "has_lab",
        "in_standard_setting",
        "cluster",
    ]
    search_fields = ["name", "credit_code", "contact_name"]
    date_hierarchy = "created_at"
    autocomplete_fields = ["cluster"]
    inlines = [EnterpriseMembershipInline]


@admin.register(IndustryCluster)
class IndustryClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "region_code", "industry_code"]
    search_fields = ["name", "region_code"]
