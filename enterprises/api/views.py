"""The enterprise endpoints: profile, verification, colleagues and personal data."""

from django.http import StreamingHttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from accounts.api.serializers import NewLoginSerializer
from enterprises.api.export import export_document, stream_json
from enterprises.api.filters import EnterpriseFilterSet
from enterprises.api.permissions import EnterprisePermission, ExportThrottle
from enterprises.api.serializers import (
    CapabilityProfileSerializer,
    CapabilitySerializer,
    ContactSerializer,
    EnterpriseRecordSerializer,
    EnterpriseSerializer,
    IssuedClaimCodeSerializer,
    MemberSerializer,
    RecordedEnterpriseSerializer,
    VerifySerializer,
)
from enterprises.choices import AccessChannel
from enterprises.data_export import export_sources
from enterprises.selectors import (
    capability_profile,
    enterprise_members,
    enterprises_visible_to,
)
from enterprises.services import (
    capability_record,
    enterprise_update,
    enterprise_verify,
    member_invite,
    member_remove,
)
from enterprises.services.claims import claim_code_reissue, enterprise_record
from enterprises.services.personal_data import contact_reveal, is_member
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet

TAG = ["enterprises"]


@extend_schema_view(
    list=extend_schema(
        tags=TAG,
        summary="List the enterprises in the caller's scope",
        responses={200: EnterpriseSerializer, **errors(400, 401)},
    ),
    retrieve=extend_schema(
        tags=TAG,
        summary="Show an enterprise",
        responses={200: EnterpriseSerializer, **errors(401, 404)},
    ),
    update=extend_schema(
        tags=TAG,
        summary="Replace an enterprise's profile (its members, administrators)",
        responses={200: EnterpriseSerializer, **errors(400, 401, 403, 404)},
    ),
    partial_update=extend_schema(
        tags=TAG,
        summary="Change an enterprise's profile (its members, administrators)",
        responses={200: EnterpriseSerializer, **errors(400, 401, 403, 404)},
    ),
)
class EnterpriseViewSet(
    mixins.CreateModelMixin,
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    selector = enterprises_visible_to
    serializer_class = EnterpriseSerializer
    filterset_class = EnterpriseFilterSet
    permission_classes = [IsAuthenticated, EnterprisePermission]

    def get_serializer_context(self):
        """Show the contact phone in clear on one enterprise's page to its members only."""
        context = super().get_serializer_context()
        pk = self.kwargs.get(self.lookup_url_kwarg or self.lookup_field)
        context["contact_in_clear"] = (
            self.action in {"retrieve", "update", "partial_update"}
            and pk is not None
            and is_member(self.request.user, enterprise_id=pk)
        )
        return context

    @extend_schema(
        tags=TAG,
        summary="Record a firm without a login (station staff and managers for their "
        "region, administrators): answers its one-time claim code and claim slip",
        request=EnterpriseRecordSerializer,
        responses={201: RecordedEnterpriseSerializer, **errors(400, 401, 403, 409)},
    )
    def create(self, request, *args, **kwargs):
        body = EnterpriseRecordSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        enterprise, issued = enterprise_record(actor=request.user, **body.validated_data)
        enterprise.claim_code = issued.code
        enterprise.claim_code_expires_at = issued.expires_at
        enterprise.claim_slip = issued.slip
        data = RecordedEnterpriseSerializer(enterprise).data
        return Response(data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Issue a new claim code for a firm not yet claimed, voiding the old one "
        "(station staff and managers of its region, administrators)",
        request=None,
        responses={201: IssuedClaimCodeSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def claim_code(self, request, pk=None):
        issued = claim_code_reissue(enterprise=self.get_object(), actor=request.user)
        return Response(IssuedClaimCodeSerializer(issued).data, status=status.HTTP_201_CREATED)

    def perform_update(self, serializer):
        serializer.instance = enterprise_update(
            enterprise=serializer.instance, actor=self.request.user, **serializer.validated_data
        )

    @extend_schema(
        tags=TAG,
        summary="Verify an enterprise (station staff and managers, administrators)",
        request=VerifySerializer,
        responses={200: EnterpriseSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        enterprise = self.get_object()
        body = VerifySerializer(data=request.data)
        body.is_valid(raise_exception=True)
        enterprise = enterprise_verify(
            enterprise=enterprise, actor=request.user, **body.validated_data
        )
        return Response(EnterpriseSerializer(enterprise).data)

    @extend_schema(
        methods=["GET"],
        tags=TAG,
        summary="List an enterprise's members (its members, administrators)",
        responses={200: MemberSerializer(many=True), **errors(401, 403, 404)},
    )
    @extend_schema(
        methods=["POST"],
        tags=TAG,
        summary="Invite a colleague: create a member login (the owner, administrators)",
        request=NewLoginSerializer,
        responses={201: MemberSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def members(self, request, pk=None):
        enterprise = self.get_object()
        if request.method == "POST":
            body = NewLoginSerializer(data=request.data)
            body.is_valid(raise_exception=True)
            membership = member_invite(
                enterprise=enterprise, actor=request.user, **body.validated_data
            )
            return Response(MemberSerializer(membership).data, status=status.HTTP_201_CREATED)
        page = self.paginate_queryset(enterprise_members(enterprise=enterprise))
        return self.get_paginated_response(MemberSerializer(page, many=True).data)

    @extend_schema(
        tags=TAG,
        summary="Remove a colleague (the owner, administrators)",
        parameters=[OpenApiParameter("user_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={204: None, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["delete"], url_path=r"members/(?P<user_id>\d+)")
    def remove_member(self, request, pk=None, user_id=None):
        enterprise = self.get_object()
        membership = get_object_or_404(enterprise_members(enterprise=enterprise), user_id=user_id)
        member_remove(enterprise=enterprise, actor=request.user, user=membership.user)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(
        tags=TAG,
        summary="Show the contact in clear (members; staff of a station it filed with, "
        "administrators: recorded)",
        responses={200: ContactSerializer, **errors(401, 403, 404)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def contact(self, request, pk=None):
        enterprise = contact_reveal(
            enterprise=self.get_object(), viewer=request.user, channel=AccessChannel.API
        )
        return Response(ContactSerializer(enterprise).data)

    @extend_schema(
        methods=["GET"],
        tags=TAG,
        summary="Show the capability profile now and its dated history (whoever sees "
        "the enterprise)",
        responses={200: CapabilityProfileSerializer, **errors(401, 404)},
    )
    @extend_schema(
        methods=["PUT"],
        tags=TAG,
        summary="Record the capability profile as of a date (its members; staff and "
        "managers of the stations serving its region, e.g. after a visit; administrators)",
        request=CapabilitySerializer,
        responses={200: CapabilityProfileSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get", "put"], filterset_class=None)
    def capability(self, request, pk=None):
        enterprise = self.get_object()
        if request.method == "PUT":
            body = CapabilitySerializer(data=request.data)
            body.is_valid(raise_exception=True)
            capability_record(enterprise=enterprise, actor=request.user, **body.validated_data)
            enterprise.refresh_from_db()
        profile = capability_profile(enterprise=enterprise)
        return Response(CapabilityProfileSerializer(profile).data)

    @extend_schema(
        tags=TAG,
        summary="Download all of the enterprise's data as JSON (its members)",
        responses={200: OpenApiTypes.OBJECT, **errors(401, 403, 404, 429)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, throttle_classes=[ExportThrottle])
    def export(self, request, pk=None):
        enterprise = self.get_object()
        document = export_document(
            enterprise, export_sources(enterprise, reader=request.user), request=request
        )
        response = StreamingHttpResponse(stream_json(document), content_type="application/json")
        response["Content-Disposition"] = (
            f'attachment; filename="enterprise-{enterprise.pk}-export.json"'
        )
        return response
