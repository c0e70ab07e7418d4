"""Input and output of the enterprise endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from enterprises.api.fields import IndustryCodeField, RegionCodeField
from enterprises.choices import INDIVIDUAL_BUSINESS_CODE_PREFIX, EnterpriseKind
from enterprises.models import Enterprise, EnterpriseMembership
from nqi_service.encryption import mask_phone


class EnterpriseSerializer(serializers.ModelSerializer):
    """An enterprise's profile; ``contact_phone`` is masked unless the context's
    ``contact_in_clear`` says the caller is entitled (``enterprises.personal_data``)."""

    region_code = RegionCodeField(max_length=6)
    industry_code = IndustryCodeField(max_length=5, required=False, allow_blank=True)

    class Meta:
        model = Enterprise
        fields = [
            "id",
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
            "created_at",
            "updated_at",
        ]
        read_only_fields = ["id", "credit_code", "is_verified", "created_at", "updated_at"]

    def validate(self, attrs):
        kind = attrs.get("kind", getattr(self.instance, "kind", EnterpriseKind.COMPANY))
        code = attrs.get("credit_code", getattr(self.instance, "credit_code", ""))
        if kind == EnterpriseKind.INDIVIDUAL_BUSINESS and not code.startswith(
            INDIVIDUAL_BUSINESS_CODE_PREFIX
        ):
            raise serializers.ValidationError(
                {"kind": [_("An individual business has a credit code starting with 92.")]}
            )
        return attrs

    def to_representation(self, instance):
        data = super().to_representation(instance)
        if not self.context.get("contact_in_clear") and data.get("contact_phone"):
            data["contact_phone"] = mask_phone(data["contact_phone"])
        return data


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
