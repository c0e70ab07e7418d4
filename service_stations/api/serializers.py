"""Input and output of the station and expert endpoints."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.api.serializers import (
    check_password_strength,
    password_field,
    username_field,
)
from enterprises.api.fields import IndustryCodeListField, RegionCodeField
from nqi_service.api.fields import CategoryRowsField
from service_stations.models import Expert, ServiceStation


class StationSerializer(serializers.ModelSerializer):
    region_code = RegionCodeField(max_length=6)
    services = CategoryRowsField(required=False)
    catalogue = serializers.PrimaryKeyRelatedField(
        many=True,
        read_only=True,
        help_text=_("The catalogue services the station offers (/api/v1/services/)."),
    )

    class Meta:
        model = ServiceStation
        fields = [
            "id",
            "code",
            "name",
            "kind",
            "region_code",
            "address",
            "host_organization",
            "services",
            "catalogue",
            "parent",
            "is_active",
        ]


class ExpertSerializer(serializers.ModelSerializer):
    specialties = CategoryRowsField(required=False)
    industries = IndustryCodeListField(required=False)
    stations = serializers.PrimaryKeyRelatedField(
        many=True, queryset=ServiceStation.objects.all(), required=False
    )

    class Meta:
        model = Expert
        fields = [
            "id",
            "name",
            "organization",
            "title",
            "specialties",
            "industries",
            "stations",
            "capacity",
            "is_available",
            "open_assignments",
            "user",
        ]
        read_only_fields = ["open_assignments", "user"]


class ExpertCreateSerializer(ExpertSerializer):
    """An expert as created: optionally with a login (``username`` and ``password``)."""

    username = username_field(required=False, write_only=True)
    password = password_field(required=False)

    class Meta(ExpertSerializer.Meta):
        fields = [*ExpertSerializer.Meta.fields, "username", "password"]

    def validate(self, attrs):
        username, password = attrs.get("username"), attrs.get("password")
        if bool(username) != bool(password):
            missing = "password" if username else "username"
            raise serializers.ValidationError(
                {missing: [_("Give both a username and a password, or neither.")]}
            )
        if password:
            check_password_strength(password, username=username)
        return attrs
