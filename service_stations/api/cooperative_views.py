"""The cooperative endpoints: joining, membership moves, inspections, pass rates."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response

from nqi_service import roles
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet
from nqi_service.roles import caller_of
from requests_app.api.serializers import TicketSerializer
from service_stations.api.cooperative_serializers import (
    CooperativeSerializer,
    InspectionSerializer,
    JoinBody,
    MembershipSerializer,
    MoveBody,
    OpenRequestBody,
    PassRateSerializer,
    PeriodQuery,
)
from service_stations.api.filters import InspectionFilterSet, MembershipFilterSet
from service_stations.choices import MembershipAction
from service_stations.selectors import (
    cooperatives_visible_to,
    inspections_visible_to,
    memberships_visible_to,
    pass_rate_by_member,
    station_overseen_by,
    works_at,
)
from service_stations.services.cooperatives import (
    inspection_open_request,
    inspection_record,
    membership_join,
    membership_move,
)


def _body(serializer_class, request, data=None):
    body = serializer_class(
        data=request.data if data is None else data, context={"request": request}
    )
    body.is_valid(raise_exception=True)
    return body.validated_data


def _require(allowed: bool) -> None:
    if not allowed:
        raise PermissionDenied()


@extend_schema_view(
    list=extend_schema(
        tags=["cooperatives"], responses={200: CooperativeSerializer, **errors(401)}
    ),
    retrieve=extend_schema(
        tags=["cooperatives"], responses={200: CooperativeSerializer, **errors(401, 404)}
    ),
)
class CooperativeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Quality cooperatives: any logged-in user reads them; enterprises ask to join."""

    selector = cooperatives_visible_to
    serializer_class = CooperativeSerializer
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["cooperatives"],
        summary="Ask to join (a member of the enterprise)",
        request=JoinBody,
        responses={201: MembershipSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"])
    def join(self, request, pk=None):
        cooperative = self.get_object()
        _require(caller_of(request.user).has_any(roles.ENTERPRISE))
        body = _body(JoinBody, request)
        membership = membership_join(
            cooperative=cooperative, enterprise=body["enterprise"], actor=request.user
        )
        membership = memberships_visible_to(request.user).get(pk=membership.pk)
        return Response(MembershipSerializer(membership).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=["cooperatives"],
        summary="Pass rate of the cooperative and of each member over a period",
        parameters=[PeriodQuery],
        responses={200: PassRateSerializer, **errors(400, 401, 403, 404)},
    )
    @action(detail=True, methods=["get"], url_path="pass-rate")
    def pass_rate(self, request, pk=None):
        cooperative = self.get_object()
        _require(station_overseen_by(station=cooperative, user=request.user))
        period = _body(PeriodQuery, request, data=request.query_params)
        members = pass_rate_by_member(cooperative, **period)
        inspected = sum(row["inspected"] for row in members)
        passed = sum(row["passed"] for row in members)
        figures = {
            "cooperative": cooperative.pk,
            "date_from": period.get("date_from"),
            "date_to": period.get("date_to"),
            "target": cooperative.pass_rate_target,
            "inspected": inspected,
            "passed": passed,
            "pass_rate": passed / inspected if inspected else None,
            "members": members,
        }
        return Response(PassRateSerializer(figures).data)


def _move_action(move: str, summary: str):
    """Return the viewset action that performs the membership move ``move``."""

    def perform(self, request, pk=None):
        membership = self.get_object()
        user = request.user
        if move == MembershipAction.LEAVE:
            allowed = membership.enterprise.memberships.filter(user=user).exists()
        else:
            allowed = works_at(user=user, station=membership.cooperative, manager=True)
        _require(allowed or caller_of(user).is_admin)
        body = _body(MoveBody, request)
        membership_move(membership=membership, action=move, actor=user, reason=body["reason"])
        return Response(self.get_serializer(self.get_queryset().get(pk=membership.pk)).data)

    # The action decorator maps the HTTP method to the function's name.
    perform.__name__ = str(move)
    perform = action(detail=True, methods=["post"], url_path=str(move), url_name=str(move))(perform)
    return extend_schema(
        tags=["cooperatives"],
        summary=summary,
        request=MoveBody,
        responses={200: MembershipSerializer, **errors(400, 401, 403, 404, 409)},
    )(perform)


@extend_schema_view(
    list=extend_schema(
        tags=["cooperatives"], responses={200: MembershipSerializer, **errors(400, 401)}
    ),
    retrieve=extend_schema(
        tags=["cooperatives"], responses={200: MembershipSerializer, **errors(401, 404)}
    ),
)
class MembershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, ScopedGenericViewSet):
    """Memberships with their history: the enterprise's members, the cooperative's
    staff, supervisors of its region and administrators read them."""

    selector = memberships_visible_to
    serializer_class = MembershipSerializer
    filterset_class = MembershipFilterSet
    permission_classes = [IsAuthenticated]

    approve = _move_action(MembershipAction.APPROVE, "Approve (the cooperative's manager)")
    refuse = _move_action(MembershipAction.REFUSE, "Refuse (the cooperative's manager)")
    suspend = _move_action(
        MembershipAction.SUSPEND, "Suspend, with a reason (the cooperative's manager)"
    )
    reinstate = _move_action(MembershipAction.REINSTATE, "Reinstate (the cooperative's manager)")
    leave = _move_action(MembershipAction.LEAVE, "Leave (a member of the enterprise)")


class InspectionPermission(BasePermission):
    """Only station staff, managers and administrators record inspections."""

    def has_permission(self, request, view):
        roles_needed = (roles.STATION_STAFF, roles.STATION_MANAGER, roles.ADMIN)
        return view.action != "create" or caller_of(request.user).has_any(*roles_needed)


@extend_schema_view(
    list=extend_schema(
        tags=["cooperatives"], responses={200: InspectionSerializer, **errors(400, 401)}
    ),
    retrieve=extend_schema(
        tags=["cooperatives"], responses={200: InspectionSerializer, **errors(401, 404)}
    ),
    create=extend_schema(
        tags=["cooperatives"],
        summary="Record a sampling inspection (the cooperative's staff)",
        responses={201: InspectionSerializer, **errors(400, 401, 403)},
    ),
)
class InspectionViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    ScopedGenericViewSet,
):
    """Sampling inspections of members' batches."""

    selector = inspections_visible_to
    serializer_class = InspectionSerializer
    filterset_class = InspectionFilterSet
    permission_classes = [IsAuthenticated, InspectionPermission]

    def perform_create(self, serializer):
        data = serializer.validated_data
        user = self.request.user
        _require(caller_of(user).is_admin or works_at(user=user, station=data["cooperative"]))
        serializer.instance = inspection_record(inspector=user, **data)

    @extend_schema(
        tags=["cooperatives"],
        summary="Open a quality-problem request for the member (the cooperative's staff)",
        request=OpenRequestBody,
        responses={201: TicketSerializer, **errors(400, 401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], url_path="open-request")
    def open_request(self, request, pk=None):
        inspection = self.get_object()
        user = request.user
        _require(caller_of(user).is_admin or works_at(user=user, station=inspection.cooperative))
        body = _body(OpenRequestBody, request)
        ticket = inspection_open_request(inspection=inspection, actor=user, **body)
        return Response(
            TicketSerializer(ticket, context={"request": request}).data,
            status=status.HTTP_201_CREATED,
        )
