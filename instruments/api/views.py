"""The shared-instrument endpoints: labs, instruments with blocks and free intervals, bookings.

Every booking action of the transition table gets its own
``POST /bookings/{id}/<action>/``; each checks, in API.md's order,
visibility (404), the caller's role (403), the status (409), the body (400),
then calls its one service.
"""

from collections.abc import Callable

from django.http import FileResponse
from django.utils import timezone
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from instruments import schedule, selectors, services
from instruments.api import serializers as io
from instruments.api.filters import BookingFilter, InstrumentFilter
from instruments.api.permissions import (
    IsEnterpriseMember,
    IsLabStaff,
    MayActOnBooking,
    PoolPermission,
)
from instruments.transitions import TRANSITIONS, ensure_allowed
from nqi_service.api.actions import ActionEndpoint, with_action_endpoints
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet
from requests_app.api.serializers import NoBody, OptionalReasonBody
from requests_app.uploads import ALLOWED_TYPES


class PoolViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """List and show (anyone logged in); create and change (admin, the station's managers)."""

    permission_classes = [IsAuthenticated, PoolPermission]
    lookup_value_regex = r"\d+"
    save_service: Callable

    def perform_create(self, serializer):
        serializer.instance = type(self).save_service(**serializer.validated_data)

    def perform_update(self, serializer):
        record = {self.get_queryset().model._meta.model_name: serializer.instance}
        serializer.instance = type(self).save_service(**record, **serializer.validated_data)


def pool_schema(tag: str, serializer):
    return extend_schema_view(
        list=extend_schema(tags=[tag], responses={200: serializer(many=True)}),
        retrieve=extend_schema(tags=[tag], responses={200: serializer}),
        create=extend_schema(tags=[tag], responses={201: serializer, **errors(403)}),
        update=extend_schema(tags=[tag], responses={200: serializer, **errors(403)}),
        partial_update=extend_schema(tags=[tag], responses={200: serializer, **errors(403)}),
    )


@pool_schema("instruments", io.LabSerializer)
class LabViewSet(PoolViewSet):
    selector = selectors.labs_visible_to
    serializer_class = io.LabSerializer
    filterset_class = None
    save_service = services.lab_save


@pool_schema("instruments", io.InstrumentSerializer)
class InstrumentViewSet(PoolViewSet):
    selector = selectors.instruments_visible_to
    serializer_class = io.InstrumentSerializer
    filterset_class = InstrumentFilter
    save_service = services.instrument_save

    def get_permissions(self):
        if self.action == "blocks":
            return [IsAuthenticated(), IsLabStaff()]
        return super().get_permissions()

    @extend_schema(
        tags=["instruments"],
        summary="Free intervals between two days (at most 31), on slot boundaries",
        parameters=[io.AvailabilityQuery],
        responses={200: io.IntervalSerializer(many=True)},
    )
    @action(detail=True, methods=["get"], filterset_class=None, pagination_class=None)
    def availability(self, request, pk=None):
        instrument = self.get_object()
        query = io.AvailabilityQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        date_from, date_to = query.validated_data["date_from"], query.validated_data["date_to"]
        lab = instrument.lab
        span = schedule.Interval(
            schedule.opening_window(lab, date_from).starts_at,
            schedule.opening_window(lab, date_to).ends_at,
        )
        free = schedule.free_intervals(
            instrument,
            date_from=date_from,
            date_to=date_to,
            busy=selectors.busy_intervals(instrument, span.starts_at, span.ends_at),
            now=timezone.now(),
        )
        return Response(io.IntervalSerializer(free, many=True).data)

    @extend_schema(
        tags=["instruments"],
        summary="Maintenance blocks (the lab's staff)",
        methods=["GET"],
        responses={200: io.BlockSerializer(many=True), **errors(403)},
    )
    @extend_schema(
        tags=["instruments"],
        methods=["POST"],
        request=io.BlockSerializer,
        responses={201: io.BlockSerializer, **errors(403, 409)},
    )
    @action(detail=True, methods=["get", "post"], filterset_class=None)
    def blocks(self, request, pk=None):
        instrument = self.get_object()
        if request.method == "GET":
            page = self.paginate_queryset(selectors.blocks_of(instrument))
            return self.get_paginated_response(io.BlockSerializer(page, many=True).data)
        body = io.BlockSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        block = services.block_create(
            instrument=instrument, actor=request.user, **body.validated_data
        )
        return Response(io.BlockSerializer(block).data, status=status.HTTP_201_CREATED)


ACTION_ENDPOINTS: dict[str, ActionEndpoint] = {
    "approve": ActionEndpoint(NoBody, services.booking_approve),
    "reject": ActionEndpoint(OptionalReasonBody, services.booking_reject),
    "cancel": ActionEndpoint(OptionalReasonBody, services.booking_cancel),
    "start": ActionEndpoint(NoBody, services.booking_start),
    "complete": ActionEndpoint(io.CompleteBody, services.booking_complete),
    "no_show": ActionEndpoint(NoBody, services.booking_no_show),
}


@extend_schema_view(
    list=extend_schema(tags=["bookings"]),
    retrieve=extend_schema(tags=["bookings"]),
)
@with_action_endpoints(
    TRANSITIONS, ACTION_ENDPOINTS, response=io.BookingSerializer, tags=["bookings"]
)
class BookingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin, ScopedGenericViewSet
):
    """Bookings of instruments, scoped to the caller."""

    selector = selectors.bookings_visible_to
    serializer_class = io.BookingSerializer
    filterset_class = BookingFilter
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        permissions = super().get_permissions()
        if self.action == "create":
            permissions.append(IsEnterpriseMember())
        elif self.action in TRANSITIONS:
            permissions.append(MayActOnBooking())
        return permissions

    @extend_schema(
        tags=["bookings"],
        request=io.BookingCreateSerializer,
        responses={201: io.BookingSerializer, **errors(403, 409)},
    )
    def create(self, request, *args, **kwargs):
        body = io.BookingCreateSerializer(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        booking = services.booking_create(booked_by=request.user, **body.validated_data)
        return Response(self.get_serializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["bookings"],
        summary="Download the test report of a completed booking",
        responses={
            (200, media_type): OpenApiResponse(OpenApiTypes.BINARY) for media_type in ALLOWED_TYPES
        },
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def report(self, request, pk=None):
        booking = self.get_object()
        if not booking.report:
            raise NotFound()
        return FileResponse(
            booking.report.open("rb"),
            as_attachment=True,
            filename=booking.report_name,
            content_type=booking.report_content_type,
        )

    def perform_action(self, request, name: str) -> Response:
        booking = self.get_object()
        ensure_allowed(booking.status, name)
        endpoint = ACTION_ENDPOINTS[name]
        body = endpoint.body(data=request.data, context=self.get_serializer_context())
        body.is_valid(raise_exception=True)
        booking = endpoint.service(booking=booking, actor=request.user, **body.validated_data)
        return Response(self.get_serializer(booking).data)
