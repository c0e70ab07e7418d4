"""Input and output of the visit endpoints."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enterprises.models import Enterprise
from nqi_service.api.fields import ChoiceLabelField
from requests_app.choices import Category, Urgency
from service_stations.models import Expert, ServiceStation
from visits.models import Finding, Visit
from visits.selectors import reads_internal_note

TEXT_MAX_LENGTH = 10000


class FindingSerializer(serializers.ModelSerializer):
    category_label = ChoiceLabelField(Category, source="category")

    class Meta:
        model = Finding
        fields = ["id", "category", "category_label", "description", "urgency", "ticket"]
        read_only_fields = fields


class VisitSerializer(serializers.ModelSerializer):
    """A visit as those who see it see it; the enterprise without the internal note."""

    findings = FindingSerializer(many=True, read_only=True)

    class Meta:
        model = Visit
        fields = [
            "id",
            "enterprise",
            "station",
            "visited_at",
            "staff",
            "experts",
            "summary",
            "internal_note",
            "findings",
            "recorded_by",
            "created_at",
            "confirmed_at",
            "confirmed_by",
        ]
        read_only_fields = fields

    def to_representation(self, visit):
        data = super().to_representation(visit)
        if not reads_internal_note(self.context["request"].user, visit):
            del data["internal_note"]
        return data


class FindingInput(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices)
    description = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    file = serializers.BooleanField(default=False)
    urgency = serializers.ChoiceField(choices=Urgency.choices, required=False)


class VisitInput(serializers.Serializer):
    """A visit to record. Whether the station and the people fit is the service's rule."""

    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.only("name", "region_code")
    )
    station = serializers.PrimaryKeyRelatedField(
        queryset=ServiceStation.objects.all(), required=False
    )
    visited_at = serializers.DateTimeField()
    staff = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(), many=True, allow_empty=False
    )
    experts = serializers.PrimaryKeyRelatedField(
        queryset=Expert.objects.all(), many=True, required=False, default=list
    )
    summary = serializers.CharField(max_length=TEXT_MAX_LENGTH)
    internal_note = serializers.CharField(
        max_length=TEXT_MAX_LENGTH, required=False, allow_blank=True
    )
    findings = FindingInput(many=True, required=False, default=list)

    def validate_findings(self, findings):
        if len(findings) > 50:
            raise serializers.ValidationError(_("At most 50 findings per visit."))
        return findings
