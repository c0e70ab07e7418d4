"""Admin for enterprises. Contact phones are shown masked; the full number is on a
separate page whose every view is recorded (``enterprises.services.personal_data``)."""

from django import forms
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from enterprises.choices import AccessChannel
from enterprises.forms import CheckedCodesForm
from enterprises.models import (
    CapabilityRecord,
    ContactAccess,
    Enterprise,
    EnterpriseMembership,
    IndustryCluster,
)
from enterprises.regions import PROVINCES
from enterprises.selectors import enterprises_visible_to
from enterprises.services import enterprise_update
from enterprises.services.personal_data import contact_reveal
from enterprises.validators import check_credit_code, check_industry_code, check_region_code
from nqi_service.admin_read_only import ReadOnlyAdminMixin
from nqi_service.admin_scoping import ScopedAdminMixin
from nqi_service.encryption import mask_phone


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


class CapabilityRecordInline(admin.TabularInline):
    """The dated capability history: kept as recorded (a change of the profile adds one)."""

    model = CapabilityRecord
    extra = 0
    fields = readonly_fields = CapabilityRecord.SHOWN

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class EnterpriseAdminForm(CheckedCodesForm):
    """The contact phone is typed anew, never shown: blank keeps the stored number."""

    code_checks = {
        "credit_code": check_credit_code,
        "region_code": check_region_code,
        "industry_code": check_industry_code,
    }

    contact_phone = forms.CharField(
        label=_("new contact phone"),
        required=False,
        max_length=20,
        help_text=_("Leave blank to keep the current number."),
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "credit_code",
            "kind",
            "region_code",
            "industry_code",
            "size",
            "cluster",
            "contact_name",
            "contact_phone",
            "address",
            "has_lab",
            "in_standard_setting",
            "equipment_utilisation",
            "is_verified",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["contact_phone"] = ""
        if self.instance.pk is None:
            self.fields["contact_phone"].required = True
            self.fields["contact_phone"].label = _("contact phone")
            self.fields["contact_phone"].help_text = ""

    def clean_contact_phone(self):
        return self.cleaned_data["contact_phone"].strip() or self.instance.contact_phone


@admin.register(Enterprise)
class EnterpriseAdmin(ScopedAdminMixin, admin.ModelAdmin):
    selector = enterprises_visible_to
    form = EnterpriseAdminForm
    list_display = [
        "name",
        "credit_code",
        "masked_contact_phone",
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
    inlines = [EnterpriseMembershipInline, CapabilityRecordInline]
    readonly_fields = ["masked_contact_phone"]

    @admin.display(description=_("contact phone"))
    def masked_contact_phone(self, obj):
        if obj.pk is None:
            return "-"
        return format_html(
            '{} <a href="{}">{}</a>',
            mask_phone(obj.contact_phone),
            reverse("admin:enterprises_enterprise_contact", args=[obj.pk]),
            _("show (recorded)"),
        )

    def get_fields(self, request, obj=None):
        """Put the masked number where the phone field is; the input only for editors."""
        fields = [
            name for name in super().get_fields(request, obj) if name not in self.readonly_fields
        ]
        if obj is None:
            return fields
        at = fields.index("contact_phone")
        shown = ["masked_contact_phone"]
        if self.has_change_permission(request, obj):
            shown.append("contact_phone")
        return [*fields[:at], *shown, *fields[at + 1 :]]

    def get_urls(self):
        reveal = path(
            "<path:object_id>/contact/",
            self.admin_site.admin_view(self.contact_view),
            name="enterprises_enterprise_contact",
        )
        return [reveal, *super().get_urls()]

    def contact_view(self, request, object_id):
        """Show the contact in clear to those entitled, recording the view."""
        enterprise = self.get_object(request, object_id)
        if enterprise is None or not self.has_view_permission(request, enterprise):
            return self._get_obj_does_not_exist_redirect(request, self.opts, object_id)
        contact_reveal(enterprise=enterprise, viewer=request.user, channel=AccessChannel.ADMIN)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": _("Contact of %(name)s") % {"name": enterprise.name},
            "enterprise": enterprise,
        }
        return TemplateResponse(request, "admin/enterprises/enterprise/contact.html", context)

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


class IndustryClusterAdminForm(CheckedCodesForm):
    code_checks = {"region_code": check_region_code, "industry_code": check_industry_code}


@admin.register(IndustryCluster)
class IndustryClusterAdmin(admin.ModelAdmin):
    form = IndustryClusterAdminForm
    list_display = ["name", "region_code", "industry_code"]
    search_fields = ["name", "region_code"]


@admin.register(ContactAccess)
class ContactAccessAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The record of contact reveals: read-only, like the log it is."""

    list_display = [
        "created_at",
        "enterprise",
        "field",
        "viewer_username",
        "viewer_role",
        "channel",
    ]
    list_filter = ["channel", "viewer_role", "field"]
    search_fields = ["viewer_username", "enterprise__name", "request_id"]
    date_hierarchy = "created_at"
    list_select_related = ["enterprise"]
