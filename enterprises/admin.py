from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from enterprises.models import Enterprise, EnterpriseMembership, IndustryCluster
from enterprises.regions import PROVINCES
from enterprises.selectors import enterprises_visible_to
from enterprises.services import enterprise_update
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

    def save_model(self, request, obj, form, change):
        """Save a change through ``enterprise_update``, as the API does: the event, the
        rule on regions and the statistics' recount apply alike."""
        if not change:
            super().save_model(request, obj, form, change)
            return
        enterprise_update(
            enterprise=Enterprise.objects.get(pk=obj.pk),
            actor=request.user,
            **{name: form.cleaned_data[name] for name in form.changed_data},
        )


@admin.register(IndustryCluster)
class IndustryClusterAdmin(admin.ModelAdmin):
    list_display = ["name", "region_code", "industry_code"]
    search_fields = ["name", "region_code"]
