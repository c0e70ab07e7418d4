"""Input and output of the accounts endpoints."""

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers
from rest_framework.validators import UniqueValidator

from accounts.usernames import (
    TAKEN_MESSAGE,
    username_normalise,
    validate_username_script,
)
from enterprises.api.fields import CreditCodeField, RegionPrefixField
from enterprises.api.serializers import EnterpriseSerializer
from nqi_service import roles
from nqi_service.roles import Caller
from service_stations.choices import StationRole
from service_stations.models import ServiceStation

User = get_user_model()


class UsernameField(serializers.CharField):
    """A new login's username, in the NFKC form it is stored in."""

    def to_internal_value(self, data):
        return username_normalise(super().to_internal_value(data))


def username_field(**kwargs) -> serializers.CharField:
    """Return the field for a new login's username: valid characters, one script's
    look-alikes, not taken in any case."""
    return UsernameField(
        max_length=150,
        validators=[
            UnicodeUsernameValidator(),
            validate_username_script,
            UniqueValidator(queryset=User.objects.all(), message=TAKEN_MESSAGE, lookup="iexact"),
        ],
        **kwargs,
    )


def password_field(**kwargs) -> serializers.CharField:
    return serializers.CharField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}, **kwargs
    )


def check_password_strength(password: str, *, username: str, field: str = "password") -> None:
    """Run Django's password validators; their messages go on ``field``."""
    try:
        validate_password(password, user=User(username=username))
    except DjangoValidationError as error:
        raise serializers.ValidationError({field: list(error.messages)}) from None


class NewLoginSerializer(serializers.Serializer):
    """A username and password for a login about to be created."""

    username = username_field()
    password = password_field()

    def validate(self, attrs):
        check_password_strength(attrs["password"], username=attrs["username"])
        return attrs


class RegistrationEnterpriseSerializer(EnterpriseSerializer):
    """The enterprise part of a registration; its credit code is checked, its
    uniqueness is the service's to decide (a conflict, not invalid input)."""

    credit_code = CreditCodeField(max_length=18)


class RegistrationSerializer(NewLoginSerializer):
    enterprise = RegistrationEnterpriseSerializer()


class ClaimEnterpriseSerializer(serializers.Serializer):
    """The enterprise part of a claim: the credit code alone names the recorded firm."""

    credit_code = CreditCodeField(max_length=18)


class ClaimRegistrationSerializer(NewLoginSerializer):
    """A registration that takes over a firm a station recorded, with its claim code.

    The record stays as the station made it; the new owner corrects it afterwards.
    """

    enterprise = ClaimEnterpriseSerializer()
    claim_code = serializers.CharField(max_length=32)


class AccountSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    username = serializers.CharField(read_only=True)


class RegistrationResultSerializer(serializers.Serializer):
    user = AccountSerializer()
    enterprise = EnterpriseSerializer()
    token = serializers.CharField()


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(source="key")


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    roles = serializers.ListField(child=serializers.CharField())
    enterprise_ids = serializers.ListField(child=serializers.IntegerField())
    station_ids = serializers.ListField(child=serializers.IntegerField())
    expert_id = serializers.IntegerField(allow_null=True)
    region_code = serializers.CharField(allow_null=True)


class PasswordChangeSerializer(serializers.Serializer):
    old_password = password_field()
    new_password = password_field()

    def validate_old_password(self, value):
        if not self.context["request"].user.check_password(value):
            raise serializers.ValidationError(_("Your old password was entered incorrectly."))
        return value

    def validate(self, attrs):
        user = self.context["request"].user
        check_password_strength(
            attrs["new_password"], username=user.get_username(), field="new_password"
        )
        return attrs


class UserCreateSerializer(NewLoginSerializer):
    """An administrator's new station staff, station manager or supervisor."""

    role = serializers.ChoiceField(
        choices=[*StationRole.choices, (roles.SUPERVISOR, _("Supervisor"))]
    )
    station = serializers.PrimaryKeyRelatedField(
        queryset=ServiceStation.objects.all(), required=False, allow_null=True
    )
    region_code = RegionPrefixField(required=False, allow_null=True)

    def validate(self, attrs):
        attrs = super().validate(attrs)
        if attrs["role"] == roles.SUPERVISOR:
            attrs.pop("station", None)
            if not attrs.get("region_code"):
                raise serializers.ValidationError(
                    {"region_code": [_("A supervisor needs a region code prefix.")]}
                )
        else:
            attrs.pop("region_code", None)
            if not attrs.get("station"):
                raise serializers.ValidationError(
                    {"station": [_("Station staff and managers need a station.")]}
                )
        return attrs


class UserCreatedSerializer(serializers.Serializer):
    """The answer to ``POST /users/``, exactly as API.md gives it."""

    id = serializers.IntegerField()
    username = serializers.CharField()
    role = serializers.CharField()
    station = serializers.IntegerField(allow_null=True)
    region_code = serializers.CharField(allow_null=True)


class StationMembershipSerializer(serializers.Serializer):
    station = serializers.PrimaryKeyRelatedField(queryset=ServiceStation.objects.all())
    role = serializers.ChoiceField(choices=StationRole.choices)


class StationMembershipsSerializer(serializers.Serializer):
    memberships = StationMembershipSerializer(many=True)

    def validate_memberships(self, value):
        stations = [item["station"].pk for item in value]
        if len(stations) != len(set(stations)):
            raise serializers.ValidationError(_("Each station may appear only once."))
        return value


class UserSerializer(serializers.ModelSerializer):
    """A login as an administrator sees it, from ``users_visible_to`` rows."""

    roles = serializers.SerializerMethodField()
    region_code = serializers.CharField(source="supervised_region", read_only=True, allow_null=True)
    expert_id = serializers.IntegerField(source="expert_pk", read_only=True, allow_null=True)
    station_memberships = StationMembershipSerializer(many=True, read_only=True)

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "is_active",
            "roles",
            "station_memberships",
            "expert_id",
            "region_code",
            "date_joined",
            "last_login",
        ]
        read_only_fields = fields

    def get_roles(self, user) -> list[str]:
        return list(Caller.from_annotated(user).roles)
