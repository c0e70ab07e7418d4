"""The network endpoints: stations and the expert roster."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet
from service_stations.api.cooperative_serializers import RosterSerializer, WorkloadSerializer
from service_stations.api.filters import ExpertFilterSet, StationFilterSet
from service_stations.api.permissions import ExpertPermission, StationPermission
from service_stations.api.serializers import (
    ExpertCreateSerializer,
    ExpertSerializer,
    StationSerializer,
)
from service_stations.selectors import (
    experts_visible_to,
    station_overseen_by,
    station_roster,
    station_workload,
    stations_visible_to,
)
from service_stations.services import expert_create, expert_update, station_create, station_update


class NetworkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """List, show, create and change; rows are deactivated, never deleted."""


def network_schema(
    tag: str, serializer, create_serializer, *, who_reads: str, who_writes: str, read_statuses
):
    """Return the schema of a network viewset: its responses and error shapes."""
    read_errors = errors(*read_statuses)
    return extend_schema_view(
        list=extend_schema(
            tags=[tag],
            summary=f"List ({who_reads})",
            responses={200: serializer, **errors(400), **read_errors},
        ),
        retrieve=extend_schema(
            tags=[tag],
            summary=f"Show one ({who_reads})",
            responses={200: serializer, **errors(404), **read_errors},
        ),
        create=extend_schema(
            tags=[tag],
            summary=f"Create ({who_writes})",
            request=create_serializer,
            responses={201: serializer, **errors(400, 401, 403)},
        ),
        update=extend_schema(
            tags=[tag],
            summary=f"Replace ({who_writes})",
            responses={200: serializer, **errors(400, 401, 403, 404)},
        ),
        partial_update=extend_schema(
            tags=[tag],
            summary=f"Change ({who_writes})",
            responses={200: serializer, **errors(400, 401, 403, 404)},
        ),
    )


@network_schema(
    "stations",
    StationSerializer,
    StationSerializer,
    who_reads="anyone logged in",
    who_writes="administrators",
    read_statuses=[401],
)
class StationViewSet(NetworkViewSet):
    selector = stations_visible_to
    serializer_class = StationSerializer
    filterset_class = StationFilterSet
    permission_classes = [IsAuthenticated, StationPermission]

    def perform_create(self, serializer):
        serializer.instance = station_create(**serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = station_update(
            station=serializer.instance, **serializer.validated_data
        )

    def get_overseen_station(self):
        """Return the station in the URL once the caller may oversee it (404, then 403)."""
        station = self.get_object()
        if not station_overseen_by(station=station, user=self.request.user):
            raise PermissionDenied()
        return station

    @extend_schema(
        tags=["stations"],
        summary="The station's experts: load, leave, qualifications, rating",
        responses={200: RosterSerializer(many=True), **errors(401, 403, 404)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def roster(self, request, pk=None):
        station = self.get_overseen_station()
        page = self.paginate_queryset(station_roster(station, today=timezone.localdate()))
        return self.get_paginated_response(RosterSerializer(page, many=True).data)

    @extend_schema(
        tags=["stations"],
        summary="Open requests by status, overdue and experts' load (children's for a hub)",
        responses={200: WorkloadSerializer, **errors(401, 403, 404)},
    )
    @action(detail=True, methods=["get"], filterset_class=None)
    def workload(self, request, pk=None):
        station = self.get_overseen_station()
        experts = station_roster(station, today=timezone.localdate())
        figures = station_workload(station) | {"experts": experts}
        return Response(WorkloadSerializer(figures).data)


@network_schema(
    "experts",
    ExpertSerializer,
    ExpertCreateSerializer,
    who_reads="station staff and managers, supervisors, administrators; an expert their own",
    who_writes="administrators, managers of the expert's stations",
    read_statuses=[401, 403],
)
class ExpertViewSet(NetworkViewSet):
    selector = experts_visible_to
    filterset_class = ExpertFilterSet
    permission_classes = [IsAuthenticated, ExpertPermission]

    def get_serializer_class(self):
        return ExpertCreateSerializer if self.action == "create" else ExpertSerializer

    def perform_create(self, serializer):
        serializer.instance = expert_create(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = expert_update(
            expert=serializer.instance, actor=self.request.user, **serializer.validated_data
        )
