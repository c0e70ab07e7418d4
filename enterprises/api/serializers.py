"""Input and output of the enterprise endpoints."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enterprises.api.fields import CreditCodeField, IndustryCodeField, RegionCodeField
from enterprises.choices import EnterpriseKind, kind_of_credit_code
from enterprises.models import CapabilityRecord, Enterprise, EnterpriseMembership
from nqi_service.api.dates import DAY_VALIDATORS
from nqi_service.encryption import mask_phone
from service_stations.models import ServiceStation

KIND_CODE_MESSAGES = {
    EnterpriseKind.INDIVIDUAL_BUSINESS: _(
        "An individual business has a credit code starting with 92."
    ),
    EnterpriseKind.FARMERS_COOPERATIVE: _(
        "A farmers' cooperative has a credit code starting with 93."
    ),
    EnterpriseKind.COMPANY: _(
        "A credit code starting with 92 is an individual business's, with 93 a farmers' "
        "cooperative's: choose that kind."
    ),
}


class EnterpriseSerializer(serializers.ModelSerializer):
    """An enterprise's profile; ``contact_phone`` is masked unless the context's
    ``contact_in_clear`` says the caller is entitled (``enterprises.services.personal_data``)."""

    region_code = RegionCodeField(max_length=6)
    industry_code = IndustryCodeField(max_length=5, required=False, allow_blank=True)
    claimed = serializers.BooleanField(source="is_claimed", read_only=True)

    class Meta:
        model = Enterprise
        fields = [
            "id",
            "name",
            "credit_code",
            "kind",
            "claimed",
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "credit_code", "is_verified", "created_at", "updated_at"]

    def validate(self, attrs):
        """The kind agrees with the credit code's kind character (92, 93); a new
        enterprise that names no kind takes the code's."""
        code = attrs.get("credit_code", getattr(self.instance, "credit_code", ""))
        if self.instance is None and "kind" not in attrs:
            attrs["kind"] = kind_of_credit_code(code)
        kind = attrs.get("kind")
        if kind is not None and kind != kind_of_credit_code(code):
            raise serializers.ValidationError({"kind": [KIND_CODE_MESSAGES[kind]]})
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("contact_in_clear") and data.get("contact_phone"):
            data["contact_phone"] = mask_phone(data["contact_phone"])
        return data


class EnterpriseRecordSerializer(EnterpriseSerializer):
    """A firm a station records before it has a login: the kind must be said.

    ``station`` names which of the caller's stations records it (their only one
    by default).
    """

    credit_code = CreditCodeField(max_length=18)
    station = serializers.PrimaryKeyRelatedField(
        queryset=ServiceStation.objects.all(), required=False, write_only=True
    )

    class Meta(EnterpriseSerializer.Meta):
        fields = [*EnterpriseSerializer.Meta.fields, "station"]
        read_only_fields = [
            *(name for name in EnterpriseSerializer.Meta.read_only_fields if name != "credit_code"),
            "cluster",
            "has_lab",
            "in_standard_setting",
            "equipment_utilisation",
        ]
        extra_kwargs = {"kind": {"required": True}}


class IssuedClaimCodeSerializer(serializers.Serializer):
    """A claim code in clear, shown once, with the claim slip the station prints (PIPL)."""

    claim_code = serializers.CharField(source="code")
    claim_code_expires_at = serializers.DateTimeField(source="expires_at")
    claim_slip = serializers.CharField(source="slip")


class RecordedEnterpriseSerializer(EnterpriseSerializer):
    """The answer to recording a firm: its profile, its claim code and the claim slip."""

    claim_code = serializers.CharField()
    claim_code_expires_at = serializers.DateTimeField()
    claim_slip = serializers.CharField()

    class Meta(EnterpriseSerializer.Meta):
        fields = [
            *EnterpriseSerializer.Meta.fields,
            "claim_code",
            "claim_code_expires_at",
            "claim_slip",
        ]


class ContactSerializer(serializers.ModelSerializer):
    """An enterprise's contact in clear: only for callers entitled to it."""

    enterprise = serializers.IntegerField(source="pk", read_only=True)

    class Meta:
        model = Enterprise
        fields = ["enterprise", "contact_name", "contact_phone"]
        read_only_fields = fields


class VerifySerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True)


class MemberSerializer(serializers.ModelSerializer):
    id = serializers.IntegerField(source="user_id", read_only=True)
    username = serializers.CharField(source="user.username", read_only=True)
    is_active = serializers.BooleanField(source="user.is_active", read_only=True)
    joined_at = serializers.DateTimeField(source="created_at", read_only=True)

    class Meta:
        model = EnterpriseMembership
        fields = ["id", "username", "role", "is_active", "joined_at"]
        read_only_fields = fields


def not_in_the_future(value):
    if value > timezone.localdate():
        raise serializers.ValidationError(_("The date is in the future."))


class CapabilitySerializer(serializers.Serializer):
    """The capability profile as of a date (today unless given): all three figures."""

    in_standard_setting = serializers.BooleanField(label=_("took part in standard setting"))
    has_lab = serializers.BooleanField(label=_("has an in-house lab"))
    equipment_utilisation = serializers.IntegerField(
        min_value=0, max_value=100, allow_null=True, label=_("equipment utilisation (%)")
    )
    as_of = serializers.DateField(
        default=timezone.localdate,
        validators=[*DAY_VALIDATORS, not_in_the_future],
        label=_("as of"),
    )


class CapabilityRecordSerializer(serializers.ModelSerializer):
    class Meta:
        model = CapabilityRecord
        fields = read_only_fields = CapabilityRecord.SHOWN


class CapabilityProfileSerializer(CapabilitySerializer):
    """The profile now, and every dated record, the latest first."""

    history = CapabilityRecordSerializer(many=True, read_only=True)
