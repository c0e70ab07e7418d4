from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enterprises.forms import CheckedCodesForm
from enterprises.validators import check_region_code, check_region_prefix
from nqi_service.admin_scoping import ScopedAdminMixin
from service_stations.models import (
    CooperativeAlert,
    CooperativeMembership,
    CooperativeMembershipEvent,
    Expert,
    ExpertLeave,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)
from service_stations.selectors import expert_is_managed_by, experts_visible_to
from service_stations.services import expert_check_capacity, expert_update


class StationServiceInline(admin.TabularInline):
    model = StationService
    extra = 0


class StationMembershipInline(admin.TabularInline):
    model = StationMembership
    extra = 0
    autocomplete_fields = ["user"]


class StationAdminForm(CheckedCodesForm):
    code_checks = {"region_code": check_region_code}


class SupervisorScopeAdminForm(CheckedCodesForm):
    code_checks = {"region_prefix": check_region_prefix}


@admin.register(ServiceStation)
class ServiceStationAdmin(admin.ModelAdmin):
    form = StationAdminForm
    list_display = ["code", "name", "kind", "region_code", "parent", "is_active"]
    list_filter = ["kind", "is_active", "services__category"]
    list_select_related = ["parent"]
    search_fields = ["code", "name", "region_code", "host_organization"]
    autocomplete_fields = ["parent"]
    inlines = [StationServiceInline, StationMembershipInline]


class ExpertSpecialtyInline(admin.TabularInline):
    model = ExpertSpecialty
    extra = 0


class ExpertLeaveInline(admin.TabularInline):
    model = ExpertLeave
    extra = 0


@admin.register(Expert)
class ExpertAdmin(ScopedAdminMixin, admin.ModelAdmin):
    selector = experts_visible_to
    list_display = ["name", "organization", "title", "current_load", "is_available"]
    list_filter = ["is_available", "specialties__category", "stations"]
    search_fields = ["name", "organization"]
    readonly_fields = ["open_assignments"]
    filter_horizontal = ["stations"]
    autocomplete_fields = ["user"]
    inlines = [ExpertSpecialtyInline, ExpertLeaveInline]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class ExpertForm(form):
            def clean_capacity(self):
                capacity = self.cleaned_data["capacity"]
                if self.instance.pk:
                    try:
                        expert_check_capacity(expert=self.instance, capacity=capacity)
                    except ValidationError as error:
                        raise ValidationError(error.message_dict["capacity"]) from None
                return capacity

        return ExpertForm

    def get_readonly_fields(self, request, obj=None):
        """Only administrators link logins and move experts between stations (the API's rule)."""
        readonly = list(super().get_readonly_fields(request, obj))
        if not request.user.is_superuser:
            readonly += ["user", "stations"]
        return readonly

    def save_model(self, request, obj, form, change):
        """Save an edit through ``expert_update``, as the API does: only the edited
        columns (``open_assignments`` belongs to the services), under the row lock
        that keeps capacity above the open assignments."""
        if not change:
            return super().save_model(request, obj, form, change)
        columns = {f.name for f in obj._meta.concrete_fields}
        edited = {name: form.cleaned_data[name] for name in form.changed_data if name in columns}
        if "stations" in form.changed_data:
            edited["stations"] = form.cleaned_data["stations"]
        expert_update(expert=obj, actor=request.user, **edited)

    def has_change_permission(self, request, obj=None):
        """Managers change only the experts of the stations they manage."""
        allowed = super().has_change_permission(request, obj)
        if obj is None or request.user.is_superuser:
            return allowed
        return allowed and expert_is_managed_by(expert=obj, user=request.user)

    @admin.display(description=_("current load"), ordering="open_assignments")
    def current_load(self, expert):
        return f"{expert.open_assignments} / {expert.capacity}"


@admin.register(SupervisorScope)
class SupervisorScopeAdmin(admin.ModelAdmin):
    form = SupervisorScopeAdminForm
    list_display = ["user", "region_prefix"]
    search_fields = ["user__username", "region_prefix"]
    autocomplete_fields = ["user"]


class MembershipEventInline(admin.TabularInline):
    """The history, read-only: it is never changed or deleted."""

    model = CooperativeMembershipEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "from_status", "to_status", "actor", "note", "created_at"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(CooperativeMembership)
class CooperativeMembershipAdmin(admin.ModelAdmin):
    """Memberships move through the API (their history is written there); read here."""

    list_display = ["enterprise", "cooperative", "status", "updated_at"]
    list_filter = ["status", "cooperative"]
    list_select_related = ["enterprise", "cooperative"]
    search_fields = ["enterprise__name", "cooperative__name"]
    readonly_fields = ["cooperative", "enterprise", "status", "created_at", "updated_at"]
    inlines = [MembershipEventInline]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SamplingInspection)
class SamplingInspectionAdmin(admin.ModelAdmin):
    list_display = ["sampled_on", "enterprise", "cooperative", "product", "batch", "passed"]
    list_filter = ["passed", "cooperative"]
    list_select_related = ["enterprise", "cooperative"]
    search_fields = ["enterprise__name", "product", "batch"]
    date_hierarchy = "sampled_on"
    raw_id_fields = ["enterprise", "inspector", "ticket"]


@admin.register(CooperativeAlert)
class CooperativeAlertAdmin(admin.ModelAdmin):
    list_display = ["cooperative", "pass_rate", "target", "created_at", "recovered_at"]
    list_filter = ["cooperative"]
    list_select_related = ["cooperative"]
    readonly_fields = ["cooperative", "inspection", "pass_rate", "target", "created_at"]
