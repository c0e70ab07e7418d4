"""Render requests and their events; parse filing and action bodies.

Input serializers check the shape of a body only. Business rules (a station
offering the category, an eligible expert) are the services' to enforce.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.reverse import reverse

from catalogue.api.serializers import ReportBody, ReportSerializer, ServiceBrief
from catalogue.models import Service
from catalogue.selectors import report_of_ticket
from enterprises.models import Enterprise
from nqi_service.api.fields import ChoiceLabelField
from nqi_service.api.rows import RowListSerializer
from nqi_service.api.serializers import FieldsBuiltOnceMixin
from requests_app.choices import (
    ONLINE_CHANNEL_CHOICES,
    STAFF_CHANNEL_CHOICES,
    Category,
    Channel,
    EventAction,
    Status,
    Urgency,
)
from requests_app.models import Attachment, Comment, Ticket, TicketEvent
from requests_app.selectors import enterprises_of
from service_stations.models import Expert, ServiceStation

TEXT_MAX_LENGTH = 2000


class _EnterpriseBrief(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    class Meta:
        model = Enterprise
        fields = ["id", "name", "region_code"]


class _StationBrief(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    class Meta:
        model = ServiceStation
        fields = ["id", "code", "name"]


class _ExpertBrief(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    class Meta:
        model = Expert
        fields = ["id", "name", "organization"]


class TicketListSerializer(FieldsBuiltOnceMixin, serializers.ModelSerializer):
    """A request as a row of a list: the contract's fields and labels, no nested records.

    ``shape`` loads just these columns without joins, so a page costs one
    narrow query and no decryption of related records; a page of rows is
    rendered by ``RowListSerializer``.
    """

    status_label = ChoiceLabelField(Status, source="status")
    category_label = ChoiceLabelField(Category, source="category")
    urgency_label = ChoiceLabelField(Urgency, source="urgency")
    channel_label = ChoiceLabelField(Channel, source="channel")
    is_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "enterprise",
            "station",
            "category",
            "category_label",
            "service",
            "urgency",
            "urgency_label",
            "channel",
            "channel_label",
            "filed_by",
            "title",
            "assigned_expert",
            "due_at",
            "is_overdue",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields
        list_serializer_class = RowListSerializer

    @classmethod
    def shape(cls, tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
        """Return ``tickets`` loading only the columns this serializer shows."""
        columns = {field.name for field in Ticket._meta.concrete_fields}
        shown = [f for f in cls.Meta.fields if f in columns]
        # ``is_overdue`` reads the pause's start too.
        return tickets.select_related(None).only(*shown, "paused_since")

    def get_is_overdue(self, ticket: Ticket) -> bool:
        return ticket.is_overdue()


class TicketSerializer(TicketListSerializer):
    """A request as every caller who may see it sees it, with its related records."""

    enterprise_detail = _EnterpriseBrief(source="enterprise", read_only=True)
    station_detail = _StationBrief(source="station", read_only=True)
    assigned_expert_detail = _ExpertBrief(source="assigned_expert", read_only=True, allow_null=True)
    service_detail = ServiceBrief(source="service", read_only=True, allow_null=True)
    paused_seconds = serializers.SerializerMethodField()
    report = serializers.SerializerMethodField()

    class Meta:
        model = Ticket
        fields = [
            "id",
            "reference",
            "status",
            "status_label",
            "enterprise",
            "enterprise_detail",
            "station",
            "station_detail",
            "category",
            "category_label",
            "service",
            "service_detail",
            "urgency",
            "urgency_label",
            "channel",
            "channel_label",
            "title",
            "description",
            "assigned_expert",
            "assigned_expert_detail",
            "filed_by",
            "due_at",
            "is_overdue",
            "paused_since",
            "paused_seconds",
            "created_at",
            "triaged_at",
            "assigned_at",
            "resolved_at",
            "closed_at",
            "resolution",
            "losses_avoided",
            "rating",
            "feedback",
            "report",
            "updated_at",
        ]
        read_only_fields = fields

    @classmethod
    def shape(cls, tickets: QuerySet[Ticket]) -> QuerySet[Ticket]:
        """Return ``tickets`` with their columns and only what the briefs show of the
        related records: a narrower query, and no contact details to decrypt."""
        briefs = [
            field
            for field in cls._declared_fields.values()
            if isinstance(field, serializers.Serializer)
        ]
        return tickets.only(
            *(field.name for field in Ticket._meta.concrete_fields),
            *(f"{brief.source}__{name}" for brief in briefs for name in brief.Meta.fields),
        )

    def get_paused_seconds(self, ticket: Ticket) -> int:
        """Office seconds spent awaiting the enterprise's information, the current wait excluded."""
        return int(ticket.paused_total.total_seconds())

    @extend_schema_field(ReportSerializer(allow_null=True))
    def get_report(self, ticket: Ticket) -> dict | None:
        """The diagnosis report of a request for a diagnosis service, once resolved."""
        if ticket.service is None or not ticket.service.is_diagnosis:
            return None
        report = report_of_ticket(ticket)
        return ReportSerializer(report, context=self.context).data if report else None


class TicketEventSerializer(serializers.ModelSerializer):
    action_label = ChoiceLabelField(EventAction, source="action")

    class Meta:
        model = TicketEvent
        fields = [
            "id",
            "action",
            "action_label",
            "from_status",
            "to_status",
            "actor",
            "note",
            "created_at",
        ]
        read_only_fields = fields


class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["id", "ticket", "author", "body", "internal", "created_at"]
        read_only_fields = fields


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = [
            "id",
            "ticket",
            "name",
            "content_type",
            "size",
            "uploaded_by",
            "created_at",
            "download_url",
        ]
        read_only_fields = fields

    def get_download_url(self, attachment: Attachment) -> str:
        return reverse(
            "ticket-attachment-download",
            kwargs={"pk": attachment.ticket_id, "aid": attachment.pk},
            request=self.context.get("request"),
        )


class CommentBody(serializers.Serializer):
    body = serializers.CharField(max_length=10000)
    internal = serializers.BooleanField(default=False)


class AttachmentBody(serializers.Serializer):
    file = serializers.FileField()


class _OwnEnterpriseField(serializers.PrimaryKeyRelatedField):
    """An enterprise the caller belongs to; any other id reads as unknown."""

    default_error_messages = {
        "does_not_exist": _("You are not a member of this enterprise."),
    }

    def get_queryset(self):
        # Routing reads the region, the filed request's brief the name: no contact to decrypt.
        return enterprises_of(self.context["request"].user).only("name", "region_code")


class _FilingFields(serializers.Serializer):
    """What a filing asks: a category, or a catalogue service (its element is the category)."""

    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=10000)
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    service = serializers.PrimaryKeyRelatedField(
        queryset=Service.objects.all(), required=False, allow_null=True
    )
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)
    station = serializers.PrimaryKeyRelatedField(
        queryset=ServiceStation.objects.all(), required=False, allow_null=True
    )

    def validate(self, attrs):
        if not attrs.get("category") and not attrs.get("service"):
            raise serializers.ValidationError(
                {"category": [_("Give the category, or the catalogue service asked for.")]}
            )
        return super().validate(attrs)


class OwnEnterpriseSerializer(serializers.Serializer):
    """A body naming one of the caller's enterprises, omitted when they belong to exactly one."""

    enterprise = _OwnEnterpriseField(queryset=Enterprise.objects.all(), required=False)

    def validate(self, attrs):
        if "enterprise" not in attrs:
            own = list(self.fields["enterprise"].get_queryset()[:2])
            if len(own) != 1:
                raise serializers.ValidationError(
                    {"enterprise": _("You belong to several enterprises; choose one.")}
                )
            attrs["enterprise"] = own[0]
        return super().validate(attrs)


class StaffFilingSerializer(_FilingFields):
    """A filing by station staff for an enterprise of their station's region.

    Whether the enterprise is in the region is the service's rule (a 400 on
    ``enterprise`` too).
    """

    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.only("name", "region_code")
    )
    channel = serializers.ChoiceField(choices=STAFF_CHANNEL_CHOICES)


class TicketFilingSerializer(OwnEnterpriseSerializer, _FilingFields):
    """A filing by a member of the enterprise, always online."""

    channel = serializers.ChoiceField(choices=ONLINE_CHANNEL_CHOICES, default=Channel.ONLINE)


# Bodies of the actions (API.md's table).


class NoBody(serializers.Serializer):
    """The action takes no body; anything sent is ignored."""


class ReasonBody(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class OptionalReasonBody(serializers.Serializer):
    reason = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class TriageBody(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices, required=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class TransferBody(ReasonBody):
    station = serializers.PrimaryKeyRelatedField(queryset=ServiceStation.objects.all())


class AssignBody(serializers.Serializer):
    expert = serializers.PrimaryKeyRelatedField(queryset=Expert.objects.all())
    note = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class ResolveBody(serializers.Serializer):
    resolution = serializers.CharField(max_length=10000)
    losses_avoided = serializers.DecimalField(
        max_digits=14, decimal_places=2, min_value=0, required=False, allow_null=True
    )
    report = ReportBody(
        required=False,
        help_text=_("The diagnosis report: required for a diagnosis service, refused otherwise."),
    )


class ConfirmBody(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    feedback = serializers.CharField(max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True)


class RequestInfoBody(serializers.Serializer):
    question = serializers.CharField(max_length=TEXT_MAX_LENGTH)


class ProvideInfoBody(serializers.Serializer):
    answer = serializers.CharField(max_length=TEXT_MAX_LENGTH)
