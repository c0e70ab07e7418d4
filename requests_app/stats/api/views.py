"""Statistics views: parse the filters, narrow the caller's scope, present the figures."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from nqi_service.api.schema import errors
from requests_app.stats import figures
from requests_app.stats.api.renderers import CSVRenderer, XLSXRenderer
from requests_app.stats.api.serializers import (
    OverviewSerializer,
    PeriodSerializer,
    StationFiguresSerializer,
    StatsQuerySerializer,
    TimeseriesQuerySerializer,
)
from requests_app.stats.scope import Selection, scope_of, select

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


class StatsView(APIView):
    """A statistics endpoint: 401, then 403 for roles without statistics, then the filters.

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
        station = query.get("station")
        return select(
            self.scope,
            region=query.get("region"),
            station=station.pk if station else None,
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


class TimeseriesView(StatsView):
    query_serializer = TimeseriesQuerySerializer

    @extend_schema(
        parameters=[TimeseriesQuerySerializer],
        responses={200: PeriodSerializer(many=True), **errors(403)},
    )
    def get(self, request):
        query = self.query()
        series = figures.timeseries(self.selection(query), query["interval"])
        return Response(PeriodSerializer(series, many=True).data)


EXPORT_MEDIA_TYPES = (CSVRenderer.media_type, XLSXRenderer.media_type)


class ExportView(StatsView):
    """The station table as a download: ``?format=csv`` (the default) or ``?format=xlsx``."""

    renderer_classes = [CSVRenderer, XLSXRenderer]

    def perform_content_negotiation(self, request, force=False):
        """Refuse an unknown ``?format=`` as invalid input (400), not as a missing page."""
        try:
            return super().perform_content_negotiation(request, force)
        except Http404:
            formats = [renderer.format for renderer in self.renderer_classes]
            try:
                serializers.ChoiceField(formats).run_validation(request.query_params["format"])
            except serializers.ValidationError as exc:
                raise serializers.ValidationError({"format": exc.detail}) from exc
            raise

    @extend_schema(
        parameters=[StatsQuerySerializer],
        responses={
            **{(200, media_type): OpenApiTypes.BINARY for media_type in EXPORT_MEDIA_TYPES},
            **errors(400, 401, 403, media_types=EXPORT_MEDIA_TYPES),
        },
    )
    def get(self, request):
        rows = figures.station_table(self.selection(self.query()))
        table = {
            "header": [str(label) for _key, label in EXPORT_COLUMNS],
            "rows": [[row[key] for key, _label in EXPORT_COLUMNS] for row in rows],
        }
        filename = f"stations.{request.accepted_renderer.format}"
        disposition = f'attachment; filename="{filename}"'
        return Response(table, headers={"Content-Disposition": disposition})
