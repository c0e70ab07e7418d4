"""Input and output of the cooperative, roster and workload endpoints."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enterprises.models import Enterprise
from requests_app.choices import Category, Urgency
from requests_app.selectors import enterprises_of
from service_stations.models import (
    CooperativeMembership,
    CooperativeMembershipEvent,
    Expert,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
)
from service_stations.services.cooperatives import NOT_AN_ACTIVE_MEMBER


class CooperativeSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceStation
        fields = ["id", "code", "name", "region_code", "address", "is_active", "pass_rate_target"]


class MembershipEventSerializer(serializers.ModelSerializer):
    # The contract's name for the why of a membership move; the trail calls it its note.
    reason = serializers.CharField(source="note", read_only=True)

    class Meta:
        model = CooperativeMembershipEvent
        fields = ["id", "action", "from_status", "to_status", "actor", "reason", "created_at"]


class MembershipSerializer(serializers.ModelSerializer):
    enterprise_name = serializers.CharField(source="enterprise.name", read_only=True)
    history = MembershipEventSerializer(source="events", many=True, read_only=True)

    class Meta:
        model = CooperativeMembership
        fields = [
            "id",
            "cooperative",
            "enterprise",
            "enterprise_name",
            "status",
            "created_at",
            "updated_at",
            "history",
        ]


class JoinBody(serializers.Serializer):
    enterprise = serializers.PrimaryKeyRelatedField(
        queryset=Enterprise.objects.all(),
        required=False,
        error_messages={"does_not_exist": _("You are not a member of this enterprise.")},
    )

    def validate(self, attrs):
        own = enterprises_of(self.context["request"].user)
        if "enterprise" in attrs:
            if not own.filter(pk=attrs["enterprise"].pk).exists():
                raise serializers.ValidationError(
                    {"enterprise": [_("You are not a member of this enterprise.")]}
                )
            return attrs
        own = list(own[:2])
        if len(own) != 1:
            raise serializers.ValidationError(
                {"enterprise": [_("You belong to several enterprises; choose one.")]}
            )
        return {"enterprise": own[0]}


class MoveBody(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class InspectionSerializer(serializers.ModelSerializer):
    defect_categories = serializers.ListField(
        child=serializers.CharField(max_length=64), required=False, max_length=20
    )

    class Meta:
        model = SamplingInspection
        fields = [
            "id",
            "cooperative",
            "enterprise",
            "product",
            "batch",
            "sampled_on",
            "passed",
            "defect_categories",
            "inspector",
            "ticket",
            "created_at",
        ]
        read_only_fields = ["inspector", "ticket", "created_at"]
        extra_kwargs = {
            "batch": {"allow_blank": True},
            "enterprise": {"error_messages": {"does_not_exist": NOT_AN_ACTIVE_MEMBER}},
        }


class OpenRequestBody(serializers.Serializer):
    category = serializers.ChoiceField(choices=Category.choices, default=Category.INSPECTION)
    urgency = serializers.ChoiceField(choices=Urgency.choices, default=Urgency.NORMAL)


class PeriodQuery(serializers.Serializer):
    date_from = serializers.DateField(required=False)
    date_to = serializers.DateField(required=False)

    def validate(self, attrs):
        if (
            attrs.get("date_from")
            and attrs.get("date_to")
            and attrs["date_from"] > attrs["date_to"]
        ):
            raise serializers.ValidationError({"date_to": [_("The period ends before it starts.")]})
        return attrs


class MemberPassRateSerializer(serializers.Serializer):
    enterprise = serializers.IntegerField()
    name = serializers.CharField()
    inspected = serializers.IntegerField()
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True)


class PassRateSerializer(serializers.Serializer):
    cooperative = serializers.IntegerField()
    date_from = serializers.DateField(allow_null=True)
    date_to = serializers.DateField(allow_null=True)
    target = serializers.DecimalField(max_digits=4, decimal_places=3)
    inspected = serializers.IntegerField()
    passed = serializers.IntegerField()
    pass_rate = serializers.FloatField(allow_null=True)
    members = MemberPassRateSerializer(many=True)


class QualificationSerializer(serializers.ModelSerializer):
    is_valid = serializers.SerializerMethodField()

    class Meta:
        model = ExpertSpecialty
        fields = ["category", "valid_until", "is_valid"]

    def get_is_valid(self, row) -> bool:
        return row.valid_until is None or row.valid_until >= timezone.localdate()


class RosterSerializer(serializers.ModelSerializer):
    qualifications = QualificationSerializer(source="specialties", many=True)
    on_leave = serializers.BooleanField()
    rating = serializers.FloatField(allow_null=True)

    class Meta:
        model = Expert
        fields = [
            "id",
            "name",
            "organization",
            "title",
            "capacity",
            "open_assignments",
            "is_available",
            "on_leave",
            "qualifications",
            "rating",
        ]


class WorkloadFiguresSerializer(serializers.Serializer):
    open = serializers.IntegerField()
    overdue = serializers.IntegerField()
    by_status = serializers.DictField(child=serializers.IntegerField())


class ChildWorkloadSerializer(WorkloadFiguresSerializer):
    station = serializers.IntegerField()
    code = serializers.CharField()
    name = serializers.CharField()


class WorkloadSerializer(WorkloadFiguresSerializer):
    station = serializers.IntegerField()
    children = ChildWorkloadSerializer(many=True)
    totals = WorkloadFiguresSerializer()
    experts = RosterSerializer(many=True)
