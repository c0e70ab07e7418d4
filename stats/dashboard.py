"""The supervisors' dashboard: the same scoped figures, rendered on the server in Chinese."""

import datetime
from dataclasses import dataclass

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from nqi_service.replicas.views import replica_reads
from requests_app.choices import Category, Status
from stats import figures
from stats.api.serializers import TimeseriesQuerySerializer
from stats.cooperatives import cooperative_table, sampling_period
from stats.rollups import SHANGHAI
from stats.scope import scope_of, select

CHART_WIDTH = 720
CHART_HEIGHT = 220
CHART_MARGIN = 30


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    value: int


def series_chart(series: list[dict]) -> dict:
    """Lay out received and resolved per period as pairs of SVG bars (no script, no CDN)."""
    top = max((point["received"] for point in series), default=0) or 1
    slot = (CHART_WIDTH - 2 * CHART_MARGIN) / max(len(series), 1)
    scale = (CHART_HEIGHT - 2 * CHART_MARGIN) / top
    base = CHART_HEIGHT - CHART_MARGIN
    received, resolved, ticks = [], [], []
    for index, point in enumerate(series):
        x = CHART_MARGIN + index * slot
        label = point["period"].isoformat()
        for bars, key, offset in ((received, "received", 0.1), (resolved, "resolved", 0.5)):
            height = point[key] * scale
            bars.append(
                Bar(x + slot * offset, base - height, slot * 0.4, height, label, point[key])
            )
        if index % max(len(series) // 6, 1) == 0:
            ticks.append(Bar(x, base + 14, slot, 0, label, 0))
    return {
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "base": base,
        "top": top,
        "top_y": CHART_MARGIN,
        "received": received,
        "resolved": resolved,
        "ticks": ticks,
    }


@replica_reads
@login_required(login_url="stats-dashboard-login")
def dashboard(request):
    """Show headline figures, filing per month (or the interval asked), the station table
    and the cooperatives' pass rates, those under target flagged.

    Enterprises and experts, and filters outside the caller's scope, get 403. Invalid
    filters are named above the unfiltered figures.
    """
    scope = scope_of(request.user)
    query = TimeseriesQuerySerializer(data={"interval": "month", **request.GET.dict()})
    valid = query.is_valid()
    filters = dict(query.validated_data) if valid else {"interval": "month"}
    selection = select(
        scope,
        region=filters.get("region"),
        station=filters.get("station"),
        category=filters.get("category"),
        date_from=filters.get("date_from"),
        date_to=filters.get("date_to"),
    )
    today = datetime.datetime.now(SHANGHAI).date()
    series = figures.timeseries(selection, filters["interval"], today=today)
    overview = figures.overview(selection)
    context = {
        "overview": overview,
        "statuses": [(Status(code).label, n) for code, n in overview["by_status"].items()],
        "categories": [(Category(code).label, n) for code, n in overview["by_category"].items()],
        "stations": figures.station_table(selection),
        "cooperatives": cooperative_table(selection, today=today),
        "sampling": sampling_period(selection, today=today),
        "chart": series_chart(series),
        "errors": [] if valid else _labelled(query),
        "params": request.GET,
        "category_choices": Category.choices,
    }
    return render(request, "stats/dashboard.html", context)


def _labelled(query) -> list[tuple[str, list[str]]]:
    """Return the query's errors with each parameter's label (its name when unknown)."""
    return [
        (str(query.fields[name].label) if name in query.fields else name, messages)
        for name, messages in query.errors.items()
    ]
