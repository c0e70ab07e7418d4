"""Admin for requests: read-only rows; status changes go through the same services as the API.

The actions of the transition table open to administrators (triage, transfer,
assign, request information, reject, cancel) are admin actions: they ask for the action's input on
an intermediate page, then call the service for each selected request.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from nqi_service.admin_read_only import ReadOnlyAdminMixin
from nqi_service.admin_scoping import ScopedAdminMixin
from nqi_service.errors import DomainConflict
from requests_app import services
from requests_app.choices import Category, Urgency
from requests_app.models import Ticket, TicketEvent
from requests_app.selectors import tickets_visible_to
from requests_app.transitions import TRANSITIONS, Party
from service_stations.models import Expert, ServiceStation

_UNCHANGED = [("", _("(unchanged)"))]


class _TriageForm(forms.Form):
    category = forms.ChoiceField(
        label=_("category"), choices=_UNCHANGED + Category.choices, required=False
    )
    urgency = forms.ChoiceField(
        label=_("urgency"), choices=_UNCHANGED + Urgency.choices, required=False
    )
    note = forms.CharField(label=_("note"), widget=forms.Textarea, required=False)


class _TransferForm(forms.Form):
    station = forms.ModelChoiceField(
        label=_("station"), queryset=ServiceStation.objects.filter(is_active=True)
    )
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea)


class _AssignForm(forms.Form):
    expert = forms.ModelChoiceField(
        label=_("expert"), queryset=Expert.objects.filter(is_available=True)
    )
    note = forms.CharField(label=_("note"), widget=forms.Textarea, required=False)


class _ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea)


class _QuestionForm(forms.Form):
    question = forms.CharField(label=_("question"), widget=forms.Textarea)


class _OptionalReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), widget=forms.Textarea, required=False)


_ADMIN_ACTIONS = {
    "triage": (_TriageForm, services.ticket_triage),
    "transfer": (_TransferForm, services.ticket_transfer),
    "assign": (_AssignForm, services.ticket_assign),
    "request_info": (_QuestionForm, services.ticket_request_info),
    "reject": (_ReasonForm, services.ticket_reject),
    "cancel": (_OptionalReasonForm, services.ticket_cancel),
}


def _refusal(exc: Exception) -> str:
    if isinstance(exc, DomainConflict):
        return exc.message
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def _transition_action(name: str):
    form_class, service = _ADMIN_ACTIONS[name]
    verb = TRANSITIONS[name].verb

    def act(modeladmin, request, queryset):
        form = form_class(request.POST if "apply" in request.POST else None)
        if not form.is_valid():
            context = {
                **modeladmin.admin_site.each_context(request),
                "opts": modeladmin.model._meta,
                "title": verb,
                "form": form,
                "queryset": queryset,
                "action": act.__name__,
                "action_checkbox_name": ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/requests_app/ticket/transition.html", context)
        done = 0
        for ticket in queryset:
            try:
                service(ticket=ticket, actor=request.user, **form.cleaned_data)
            except (DomainConflict, ValidationError, PermissionDenied) as exc:
                modeladmin.message_user(
                    request, f"{ticket.reference}: {_refusal(exc)}", messages.ERROR
                )
            else:
                done += 1
        if done:
            modeladmin.message_user(
                request, _("%(verb)s: %(count)d done.") % {"verb": verb, "count": done}
            )
        return None

    act.__name__ = f"{name}_selected"
    return admin.action(description=verb)(act)


class TicketEventInline(admin.TabularInline):
    model = TicketEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "action", "from_status", "to_status", "actor", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Ticket)
class TicketAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Requests are read here; their status changes only through the services."""

    selector = tickets_visible_to

    list_display = ["reference", "title", "enterprise", "station", "category", "status", "due_at"]
    list_filter = ["status", "category", "urgency", "station"]
    search_fields = ["reference", "title", "enterprise__name", "enterprise__credit_code"]
    date_hierarchy = "created_at"
    list_select_related = ["enterprise", "station"]
    inlines = [TicketEventInline]
    actions = [
        _transition_action(name)
        for name, transition in TRANSITIONS.items()
        if Party.ADMIN in transition.parties
    ]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Ticket._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TicketEvent)
class TicketEventAdmin(ReadOnlyAdminMixin, ScopedAdminMixin, admin.ModelAdmin):
    """The audit trail: read-only and undeletable."""

    selector = tickets_visible_to
    scope_through = "ticket"

    list_display = ["created_at", "ticket", "action", "from_status", "to_status", "actor"]
    list_filter = ["action"]
    search_fields = ["ticket__reference"]
    date_hierarchy = "created_at"
    list_select_related = ["ticket", "actor"]
