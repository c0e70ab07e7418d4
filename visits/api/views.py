"""The ``/visits/`` endpoints: doorstep visits, scoped to the caller."""

from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, status
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from nqi_service import roles
from nqi_service.api.exceptions import rules_as_bad_request
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedReadOnlyViewSet
from nqi_service.roles import caller_of
from visits.api.filters import VisitFilterSet
from visits.api.serializers import VisitInput, VisitSerializer
from visits.selectors import visits_visible_to
from visits.services import visit_confirm, visit_record

TAG = ["visits"]


class MayRecordVisits(BasePermission):
    """Station staff and managers record visits; everyone else reads what they may see."""

    def has_permission(self, request, view):
        if view.action != "create":
            return True
        return caller_of(request.user).has_any(roles.STATION_STAFF, roles.STATION_MANAGER)


@extend_schema_view(
    list=extend_schema(tags=TAG, summary="List the visits in the caller's scope"),
    retrieve=extend_schema(
        tags=TAG, summary="Show a visit", responses={200: VisitSerializer, **errors(401, 404)}
    ),
)
class VisitViewSet(mixins.CreateModelMixin, ScopedReadOnlyViewSet):
    selector = visits_visible_to
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    lookup_value_regex = r"\d+"

    def get_permissions(self):
        return [*super().get_permissions(), MayRecordVisits()]

    @extend_schema(
        tags=TAG,
        summary="Record a visit (station staff and managers); findings with file open requests",
        request=VisitInput,
        responses={201: VisitSerializer, **errors(400, 401, 403)},
    )
    def create(self, request, *args, **kwargs):
        body = VisitInput(data=request.data)
        body.is_valid(raise_exception=True)
        with rules_as_bad_request():
            visit = visit_record(actor=request.user, **body.validated_data)
        visit = self.get_queryset().get(pk=visit.pk)
        return Response(self.get_serializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        tags=TAG,
        summary="Confirm the visit record (签字确认; the visited enterprise)",
        request=None,
        responses={200: VisitSerializer, **errors(401, 403, 404, 409)},
    )
    @action(detail=True, methods=["post"], filterset_class=None)
    def confirm(self, request, pk=None):
        visit = visit_confirm(visit=self.get_object(), actor=request.user)
        return Response(self.get_serializer(self.get_queryset().get(pk=visit.pk)).data)
