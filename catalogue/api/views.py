"""The catalogue endpoints: services, the diagnosis report as a PDF, the service figures."""

from django.http import HttpResponse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins
from rest_framework.exceptions import NotFound, PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from catalogue import report_pdf
from catalogue.api.filters import ServiceFilter
from catalogue.api.permissions import CataloguePermission
from catalogue.api.serializers import (
    ServiceFiguresSerializer,
    ServiceSerializer,
    ServiceStatsQuerySerializer,
)
from catalogue.selectors import managed_station_ids, report_of, services_visible_to
from catalogue.services import service_save
from catalogue.stats import service_table
from nqi_service.api.schema import errors
from nqi_service.api.viewsets import ScopedGenericViewSet
from stats.api.views import StatsView

TAGS = ["catalogue"]
PDF = "application/pdf"


def _ensure_manages(user, stations) -> None:
    """Refuse stations the caller does not manage (administrators manage all)."""
    managed = managed_station_ids(user)
    if managed is not None and not {station.pk for station in stations} <= managed:
        raise PermissionDenied(_("You may offer services only at the stations you manage."))


@extend_schema_view(
    list=extend_schema(tags=TAGS, summary="The catalogue (anyone logged in)"),
    retrieve=extend_schema(tags=TAGS),
    create=extend_schema(
        tags=TAGS,
        summary="Add a service (administrators; managers at their stations)",
        responses={201: ServiceSerializer, **errors(403)},
    ),
    update=extend_schema(tags=TAGS, responses={200: ServiceSerializer, **errors(403)}),
    partial_update=extend_schema(tags=TAGS, responses={200: ServiceSerializer, **errors(403)}),
)
class ServiceViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    ScopedGenericViewSet,
):
    """The NQI services of the network and the stations offering each."""

    selector = services_visible_to
    serializer_class = ServiceSerializer
    filterset_class = ServiceFilter
    permission_classes = [IsAuthenticated, CataloguePermission]
    lookup_value_regex = r"\d+"

    def perform_create(self, serializer):
        _ensure_manages(self.request.user, serializer.validated_data["stations"])
        serializer.instance = service_save(**serializer.validated_data)

    def perform_update(self, serializer):
        service = serializer.instance
        current = {
            "code": service.code,
            "name": service.name,
            "element": service.element,
            "kind": service.kind,
            "working_days": service.working_days,
            "stations": list(service.stations.all()),
            "description": service.description,
            "fee": service.fee,
        }
        changed = {**current, **serializer.validated_data}
        _ensure_manages(self.request.user, changed["stations"])
        serializer.instance = service_save(service=service, **changed)


class TicketReportView(APIView):
    """The diagnosis report of a request as a PDF, for whoever sees the request."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["tickets"],
        summary="The diagnosis report as a PDF (404 when the request has none)",
        responses={(200, PDF): OpenApiResponse(OpenApiTypes.BINARY), **errors(401, 404)},
    )
    def get(self, request, pk: int):
        report = report_of(request.user, pk)
        if report is None:
            raise NotFound()
        filename = _("%(reference)s diagnosis report.pdf") % {"reference": report.ticket.reference}
        return HttpResponse(
            report_pdf.render(report),
            content_type=PDF,
            headers={"Content-Disposition": content_disposition_header(True, filename)},
        )


class ServiceStatsView(StatsView):
    """Each service in the caller's scope with the experts who could take a request for it."""

    query_serializer = ServiceStatsQuerySerializer

    @extend_schema(
        parameters=[ServiceStatsQuerySerializer],
        responses={200: ServiceFiguresSerializer(many=True), **errors(403)},
    )
    def get(self, request):
        query = self.query()
        rows = service_table(self.selection(query), kind=query.get("kind"))
        return Response(ServiceFiguresSerializer(rows, many=True).data)
