"""Statistics views: parse the filters, narrow the caller's scope, present the figures."""

import datetime

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from enterprises.capability import capability_shares
from nqi_service.api.schema import errors
from nqi_service.replicas.views import ReplicaReadsMixin
from stats import figures
from stats.api.renderers import CSVRenderer, XLSXRenderer
from stats.api.serializers import (
    CapabilityQuerySerializer,
    CapabilitySharesSerializer,
    CooperativeFiguresSerializer,
    CooperativeQuerySerializer,
    ExportQuerySerializer,
    OverviewSerializer,
    PeriodSerializer,
    StationFiguresSerializer,
    StatsQuerySerializer,
    TimeseriesQuerySerializer,
)
from stats.cooperatives import cooperative_table
from stats.rollups import SHANGHAI
from stats.scope import Selection, scope_of, select

EXPORT_COLUMNS = (
    ("code", _("Station code")),
    ("name", _("Station")),
    ("received", _("Received")),
    ("resolved", _("Resolved")),
    ("resolution_rate", _("Resolution rate")),
    ("backlog", _("Backlog")),
    ("overdue", _("Overdue")),
    ("median_hours_to_resolve", _("Median hours to resolve")),
    ("enterprises_served", _("Enterprises served")),
    ("losses_avoided", _("Losses avoided (yuan)")),
    ("satisfaction", _("Satisfaction")),
    ("low_rating_share", _("Share of low ratings")),
    ("on_time_rate", _("On-time resolution rate")),
    ("mean_hours_to_first_assignment", _("Mean hours to first assignment")),
    ("reopened", _("Reopened")),
)
COOPERATIVE_COLUMNS = (
    ("code", _("Cooperative code")),
    ("name", _("Cooperative")),
    ("region_code", _("Region code")),
    ("members", _("Active members")),
    ("inspections", _("Inspections")),
    ("passed", _("Passed")),
    ("pass_rate", _("Pass rate")),
    ("pass_rate_target", _("Target")),
    ("under_target", _("Under target")),
)


class StatsView(ReplicaReadsMixin, APIView):
    """A statistics endpoint: 401, then 403 for roles without statistics, then the filters.

    Its figures may be read from a replica (``nqi_service.replicas``).

    Every figure is computed for ``self.selection()``, the caller's scope narrowed by
    the query, so a view cannot count outside it.
    """

    query_serializer = StatsQuerySerializer

    def check_permissions(self, request):
        super().check_permissions(request)
        self.scope = scope_of(request.user)

    def query(self) -> dict:
        params = self.query_serializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        return dict(params.validated_data)

    def selection(self, query: dict) -> Selection:
        return select(
            self.scope,
            region=query.get("region"),
            station=query.get("station"),
            category=query.get("category"),
            date_from=query.get("date_from"),
            date_to=query.get("date_to"),
        )


class OverviewView(StatsView):
    @extend_schema(
        parameters=[StatsQuerySerializer], responses={200: OverviewSerializer, **errors(403)}
    )
    def get(self, request):
        overview = figures.overview(self.selection(self.query()))
        return Response(OverviewSerializer(overview).data)


class StationTableView(StatsView):
    @extend_schema(
        parameters=[StatsQuerySerializer],
        responses={200: StationFiguresSerializer(many=True), **errors(403)},
    )
    def get(self, request):
        rows = figures.station_table(self.selection(self.query()))
        return Response(StationFiguresSerializer(rows, many=True).data)


class CooperativeTableView(StatsView):
    """Members and sampling pass rate per cooperative in scope, those under target flagged.

    The period selects inspections by sampling date; without one, the rolling window
    of the cooperative's alert (the 90 days ending today).
    """

    query_serializer = CooperativeQuerySerializer

    @extend_schema(
        parameters=[CooperativeQuerySerializer],
        responses={200: CooperativeFiguresSerializer(many=True), **errors(403)},
    )
    def get(self, request):
        rows = cooperative_table(self.selection(self.query()))
        return Response(CooperativeFiguresSerializer(rows, many=True).data)


class CapabilityView(StatsView):
    """The shares of the 2021 survey of SMEs among the firms in scope: now, at their
    first records, the change, and the national figure (API.md "Programmes")."""

    query_serializer = CapabilityQuerySerializer

    @extend_schema(
        parameters=[CapabilityQuerySerializer],
        responses={200: CapabilitySharesSerializer, **errors(400, 403)},
    )
    def get(self, request):
        shares = capability_shares(self.selection(self.query()))
        return Response(CapabilitySharesSerializer(shares).data)


class TimeseriesView(StatsView):
    query_serializer = TimeseriesQuerySerializer

    @extend_schema(
        parameters=[TimeseriesQuerySerializer],
        responses={200: PeriodSerializer(many=True), **errors(403)},
    )
    def get(self, request):
        query = self.query()
        today = datetime.datetime.now(SHANGHAI).date()
        series = figures.timeseries(self.selection(query), query["interval"], today=today)
        return Response(PeriodSerializer(series, many=True).data)


EXPORT_MEDIA_TYPES = (CSVRenderer.media_type, XLSXRenderer.media_type)


class ExportView(StatsView):
    """The station table, or with ``?table=cooperatives`` the cooperatives', as a download:
    ``?format=csv`` (the default) or ``?format=xlsx``."""

    renderer_classes = [CSVRenderer, XLSXRenderer]
    query_serializer = ExportQuerySerializer

    def perform_content_negotiation(self, request, force=False):
        """Answer an unknown ``?format=`` in the first format, so that it is refused
        as invalid input (400 on ``format``, by the query) once authentication and
        permissions have spoken, not as a missing page before them."""
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            renderer = self.get_renderers()[0]
            return renderer, renderer.media_type

    @extend_schema(
        parameters=[ExportQuerySerializer],
        responses={
            **{(200, media_type): OpenApiTypes.BINARY for media_type in EXPORT_MEDIA_TYPES},
            **errors(400, 401, 403, media_types=EXPORT_MEDIA_TYPES),
        },
    )
    def get(self, request):
        query = self.query()
        if query["table"] == "cooperatives":
            rows, columns = cooperative_table(self.selection(query)), COOPERATIVE_COLUMNS
        else:
            rows, columns = figures.station_table(self.selection(query)), EXPORT_COLUMNS
        table = {
            "header": [str(label) for _key, label in columns],
            "rows": [[_cell(row[key]) for key, _label in columns] for row in rows],
        }
        filename = f"{query['table']}.{request.accepted_renderer.format}"
        disposition = f'attachment; filename="{filename}"'
        return Response(table, headers={"Content-Disposition": disposition})


def _cell(value):
    """Return a value as a spreadsheet shows it: a flag as 是 or 否."""
    if isinstance(value, bool):
        return str(_("Yes") if value else _("No"))
    return value
