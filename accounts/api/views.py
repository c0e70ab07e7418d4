"""The accounts endpoints: registration, tokens, the caller, and logins."""

from django.contrib.auth import logout, update_session_auth_hash
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.authtoken.serializers import AuthTokenSerializer
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import APIView

from accounts import services
from accounts.api.filters import UserFilterSet
from accounts.api.permissions import IsNetworkAdmin
from accounts.api.serializers import (
    ClaimRegistrationSerializer,
    MeSerializer,
    PasswordChangeSerializer,
    RegistrationResultSerializer,
    RegistrationSerializer,
    StationMembershipsSerializer,
    TokenSerializer,
    UserCreatedSerializer,
    UserCreateSerializer,
    UserSerializer,
)
from accounts.selectors import user_profile, users_visible_to
from nqi_service.api.idempotency import IdempotentPostMixin
from nqi_service.api.schema import errors
from nqi_service.api.throttles import LoginFailureThrottle, ScopedRateThrottle
from nqi_service.api.viewsets import ScopedGenericViewSet

TAG = ["accounts"]


class RegisterView(IdempotentPostMixin, APIView):
    permission_classes = [AllowAny]
    # No login yet: a key is the username's (API.md "Hardening").
    idempotency_scope_field = "username"
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "register"

    @extend_schema(
        tags=TAG,
        summary="Register an enterprise and its owner's login",
        request=PolymorphicProxySerializer(
            component_name="RegistrationOrClaim",
            serializers=[RegistrationSerializer, ClaimRegistrationSerializer],
            resource_type_field_name=None,
        ),
        responses={201: RegistrationResultSerializer, **errors(400, 409, 429)},
    )
    def post(self, request):
        """Register an enterprise, or with ``claim_code`` take over one a station recorded."""
        claims = hasattr(request.data, "get") and request.data.get("claim_code") is not None
        parse = ClaimRegistrationSerializer if claims else RegistrationSerializer
        register = services.enterprise_claim_register if claims else services.enterprise_register
        body = parse(data=request.data)
        body.is_valid(raise_exception=True)
        user, enterprise, token = register(**body.validated_data)
        result = {"user": user, "enterprise": enterprise, "token": token.key}
        # The registrant is the new enterprise's owner: its contact is theirs to see.
        data = RegistrationResultSerializer(result, context={"contact_in_clear": True}).data
        return Response(data, status=status.HTTP_201_CREATED)


class TokenView(APIView):
    """Exchange credentials for a token, throttled per client (``login``) and per
    username after failures (``login_failures``)."""

    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle, LoginFailureThrottle]
    throttle_scope = "login"

    @extend_schema(
        tags=TAG,
        summary="Log in: exchange a username and password for an API token",
        request=AuthTokenSerializer,
        responses={200: TokenSerializer, **errors(400, 429)},
    )
    def post(self, request):
        body = AuthTokenSerializer(data=request.data, context={"request": request})
        if not body.is_valid():
            if api_settings.NON_FIELD_ERRORS_KEY in body.errors:  # the credentials were checked
                LoginFailureThrottle().record_failure(request, self)
            raise ValidationError(body.errors)
        token = services.token_issue(user=body.validated_data["user"])
        return Response(TokenSerializer(token).data)


class LogoutView(APIView):
    @extend_schema(
        tags=TAG,
        summary="Log out: delete the caller's API token",
        request=None,
        responses={204: None, **errors(401)},
    )
    def post(self, request):
        services.token_revoke(user=request.user)
        logout(request._request)
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(APIView):
    @extend_schema(
        tags=TAG,
        summary="Who the caller is: roles, enterprises, stations, expert record, region",
        responses={200: MeSerializer, **errors(401)},
    )
    def get(self, request):
        return Response(MeSerializer(user_profile(user=request.user)).data)


class PasswordChangeView(APIView):
    @extend_schema(
        tags=TAG,
        summary="Change the caller's password; the API token is replaced",
        request=PasswordChangeSerializer,
        responses={200: TokenSerializer, **errors(400, 401)},
    )
    def post(self, request):
        body = PasswordChangeSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        token = services.password_change(
            user=request.user, new_password=body.validated_data["new_password"]
        )
        update_session_auth_hash(request._request, request.user)
        return Response(TokenSerializer(token).data)


ADMIN_ERRORS = errors(401, 403, 404)


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="List logins (administrators)",
        responses={200: UserSerializer, **errors(400, 401, 403)},
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Show a login (administrators)",
        responses={200: UserSerializer, **ADMIN_ERRORS},
    ),
    create=extend_schema(
        tags=TAG,
        summary="Create station staff, a station manager or a supervisor (administrators)",
        request=UserCreateSerializer,
        responses={201: UserCreatedSerializer, **errors(400, 401, 403)},
    ),
)
class UserViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    selector = users_visible_to
    serializer_class = UserSerializer
    filterset_class = UserFilterSet
    permission_classes = [IsAuthenticated, IsNetworkAdmin]

    def create(self, request):
        body = UserCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        user = services.user_create(**body.validated_data)
        station = body.validated_data.get("station")
        created = {
            "id": user.pk,
            "username": user.get_username(),
            "role": body.validated_data["role"],
            "station": station.pk if station else None,
            "region_code": body.validated_data.get("region_code"),
        }
        return Response(UserCreatedSerializer(created).data, status=status.HTTP_201_CREATED)

    def _shown(self, user):
        return Response(UserSerializer(self.get_queryset().get(pk=user.pk)).data)

    @extend_schema(
        tags=TAG,
        summary="Deactivate a login and revoke its token (administrators)",
        request=None,
        responses={200: UserSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        user = services.user_set_active(user=self.get_object(), is_active=False, by=request.user)
        return self._shown(user)

    @extend_schema(
        tags=TAG,
        summary="Reactivate a login (administrators)",
        request=None,
        responses={200: UserSerializer, **ADMIN_ERRORS},
    )
    @action(detail=True, methods=["post"])
    def activate(self, request, pk=None):
        return self._shown(services.user_set_active(user=self.get_object(), is_active=True))

    @extend_schema(
        tags=TAG,
        summary="Replace a login's station memberships (administrators)",
        request=StationMembershipsSerializer,
        responses={200: UserSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["put"], url_path="stations")
    def station_memberships(self, request, pk=None):
        user = self.get_object()
        body = StationMembershipsSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        memberships = [
            (item["station"], item["role"]) for item in body.validated_data["memberships"]
        ]
        return self._shown(
            services.user_set_station_memberships(user=user, memberships=memberships)
        )
