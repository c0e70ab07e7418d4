"""The statistics figures of a selection, read from the roll-ups (API.md "Statistics definitions").

Every figure comes from a fixed number of queries over roll-up rows, whatever the
number of requests; only backlog and overdue are counted live, on the partial
index of open requests, because overdue depends on the clock.
"""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.utils import timezone

from enterprises.capability import NATIONAL_SURVEY
from nqi_service.api.dates import FIRST_DAY
from requests_app.choices import BACKLOG_STATUSES, Category, Channel, Status
from requests_app.models import Ticket, overdue_q
from service_stations.models import ServiceStation
from stats.cooperatives import under_target_count
from stats.models import (
    EnterpriseDay,
    EnterpriseReach,
    Grain,
    ReachCell,
    ResolveHours,
    StatsCell,
    StatsState,
)
from stats.rollups import (
    ALL_TIME,
    ANY_CATEGORY,
    ANY_STATION,
    RESOLVED_STATUSES,
    STATE_ID,
)
from stats.scope import Selection, filing_q, grouped, period_q, rollup_q
from training.stats import training_figures
from visits.stats import visit_figures

# The 2021 national survey of SMEs, beside which the served enterprises are shown.
NATIONAL_BASELINE = {
    "lab_share": NATIONAL_SURVEY["lab"],
    "standard_setting_share": NATIONAL_SURVEY["standard_setting"],
    "high_utilisation_share": NATIONAL_SURVEY["high_utilisation"],
}
# The most periods a series may have, per interval (API.md Extensions, "Hardening"):
# the cost of a series grows with its periods, so a long one is refused, not run.
SERIES_BOUNDS = {"day": 400, "week": 260, "month": 120}
CELL_SUMS = (
    "received",
    "losses",
    "rating_sum",
    "rated",
    "low_rated",
    "on_time",
    "assigned",
    "assign_seconds",
    "reopened",
)
REACH_SUMS = ("enterprises", "with_lab", "in_standard_setting", "high_utilisation")


def as_of() -> datetime.datetime | None:
    """Return when the roll-ups were last brought up to date, ``None`` before the first time."""
    return StatsState.objects.filter(pk=STATE_ID).values_list("as_of", flat=True).first()


def overview(selection: Selection) -> dict:
    """Return the figures of the whole selection, with ``as_of`` and the number of
    cooperatives in scope under their pass-rate target."""
    figures = _figures(selection, by_station=False).get(None) or _empty()
    cooperatives = under_target_count(selection)
    return {"as_of": as_of(), **figures, "cooperatives_under_target": cooperatives}


def station_table(selection: Selection) -> list[dict]:
    """Return one row of figures per station in the selection's scope, ordered by code."""
    figures = _figures(selection, by_station=True)
    scope = selection.scope
    stations = ServiceStation.objects.order_by("code")
    if scope.stations is not None:
        stations = stations.filter(id__in=scope.stations)
    elif scope.region:
        stations = stations.filter(Q(region_code__startswith=scope.region) | Q(id__in=figures))
    return [
        {"station": station_id, "code": code, "name": name, **(figures.get(station_id) or _empty())}
        for station_id, code, name in stations.values_list("id", "code", "name")
    ]


def timeseries(selection: Selection, interval: str, *, today: datetime.date) -> list[dict]:
    """Return received and resolved per day, week or month of filing, gaps filled with zeros.

    A missing end date is the last day of the ``SERIES_BOUNDS[interval]`` periods
    from the start date, or ``today`` if sooner; a missing start date is the
    first day of the ``SERIES_BOUNDS[interval]`` periods ending at the end date.
    So a series asked without dates covers the latest window its interval allows.
    """
    first, last = series_window(selection.date_from, selection.date_to, interval, today=today)
    rows = (
        StatsCell.objects.filter(
            rollup_q(selection),
            period_q(first, last, months=interval == "month", all_time=False),
        )
        .values("period")
        .annotate(
            filed=Sum("received"),
            done=Sum("received", filter=Q(status__in=RESOLVED_STATUSES)),
        )
        .order_by("period")
    )
    totals: dict[datetime.date, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        total = totals[period_start(row["period"], interval)]
        total[0] += row["filed"]
        total[1] += row["done"] or 0
    series = []
    period = period_start(first, interval)
    while period <= last:
        received, resolved = totals.get(period, (0, 0))
        series.append({"period": period, "received": received, "resolved": resolved})
        period = _shift(period, interval, 1)
    return series


def series_window(
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    interval: str,
    *,
    today: datetime.date,
) -> tuple[datetime.date, datetime.date]:
    """Return the first and last day of a series, filling in the dates not given."""
    bound = SERIES_BOUNDS[interval]
    if date_to is None:
        if date_from is None:
            date_to = today
        else:
            end = _shift(period_start(date_from, interval), interval, bound) - datetime.timedelta(1)
            date_to = max(date_from, min(end, today))
    if date_from is None:
        date_from = max(_shift(period_start(date_to, interval), interval, 1 - bound), FIRST_DAY)
    return date_from, date_to


def periods(date_from: datetime.date, date_to: datetime.date, interval: str) -> int:
    """Return how many days, weeks or months the dates touch."""
    first, last = period_start(date_from, interval), period_start(date_to, interval)
    if interval == "month":
        return (last.year - first.year) * 12 + last.month - first.month + 1
    return (last - first).days // (7 if interval == "week" else 1) + 1


def _shift(period: datetime.date, interval: str, count: int) -> datetime.date:
    """Return the start of the period ``count`` periods after (or before) ``period``."""
    if interval == "month":
        months = period.year * 12 + period.month - 1 + count
        return datetime.date(months // 12, months % 12 + 1, 1)
    return period + datetime.timedelta(days=count * (7 if interval == "week" else 1))


def period_start(day: datetime.date, interval: str) -> datetime.date:
    """Return the first day of the day, week (Monday) or month containing ``day``."""
    if interval == "week":
        return day - datetime.timedelta(days=day.weekday())
    if interval == "month":
        return day.replace(day=1)
    return day


def _figures(selection: Selection, *, by_station: bool) -> dict[int | None, dict]:
    """Return figures per station id (or under ``None`` for the whole selection)."""
    group = ["station_id"] if by_station else []
    cells = (
        StatsCell.objects.filter(
            rollup_q(selection), period_q(selection.date_from, selection.date_to)
        )
        .values(*group, "category", "status", "channel")
        .annotate(**{name: Sum(name) for name in CELL_SUMS})
        .order_by()
    )
    hours = (
        ResolveHours.objects.filter(_hours_q(selection, by_station=by_station))
        .values(*group, "hours")
        .annotate(resolved=Sum("resolved"))
        .order_by()
    )
    live = grouped(
        Ticket.objects.filter(
            rollup_q(selection, region="enterprise__region_code"),
            filing_q(selection),
            status__in=BACKLOG_STATUSES,
        ),
        group,
        # Count due_at (never null), a column of the index, so the index alone answers.
        backlog=Count("due_at"),
        overdue=Count("due_at", filter=overdue_q(timezone.now())),
    )
    figures: dict[int | None, dict] = defaultdict(_accumulator)
    for row in cells:
        _add_cell(figures[row.get("station_id")], row)
    for row in hours:
        figures[row.get("station_id")]["hours"][row["hours"]] += row["resolved"]
    for row in _reached(selection, group):
        figures[row.get("station_id")]["reach"] = row
    for row in live:
        figures[row.get("station_id")]["live"] = row
    for row in visit_figures(selection, group):
        figures[row.get("station_id")]["visits"] = row
    for row in training_figures(selection, group):
        figures[row.get("station_id")]["training"] = row
    return {key: _present(accumulated) for key, accumulated in figures.items()}


def _hours_q(selection: Selection, *, by_station: bool) -> Q:
    """Pick the histogram rows: of the period, or the all-time level matching the scope."""
    if not selection.all_time:
        return rollup_q(selection) & period_q(selection.date_from, selection.date_to)
    stations = selection.scope.stations
    condition = Q(grain=Grain.ALL, period=ALL_TIME, category=selection.category or ANY_CATEGORY)
    if selection.scope.region:
        condition &= Q(region__startswith=selection.scope.region)
    if stations is not None:
        return condition & Q(station_id__in=stations)
    if by_station:
        return condition & ~Q(station_id=ANY_STATION)
    return condition & Q(station_id=ANY_STATION)


def _reached(selection: Selection, group: list[str]):
    """Distinct enterprises served, from the all-time cells when they answer the question.

    Without dates or a category, an enterprise is counted once across several
    stations from its all-time rows per station (``EnterpriseReach``); only a
    period or a category needs the rows per day.
    """
    stations = selection.scope.stations
    all_time = selection.all_time and not selection.category
    if all_time and (group or _at_most_one(stations)):
        cells = ReachCell.objects.filter(rollup_q(selection))
        if stations is None:
            station = Q(station_id=ANY_STATION)
            cells = cells.exclude(station) if group else cells.filter(station)
        return grouped(cells, group, **{name: Sum(name) for name in REACH_SUMS})
    if all_time:
        rows = EnterpriseReach.objects.filter(rollup_q(selection), requests__gt=0)
    else:
        rows = EnterpriseDay.objects.filter(
            rollup_q(selection), Q(**_day_range(selection)), requests__gt=0
        )
    distinct = {
        "enterprises": Q(),
        "with_lab": Q(has_lab=True),
        "in_standard_setting": Q(in_standard_setting=True),
        "high_utilisation": Q(high_utilisation=True),
    }
    return grouped(
        rows,
        group,
        **{
            name: Count("enterprise_id", distinct=True, filter=condition or None)
            for name, condition in distinct.items()
        },
    )


def _day_range(selection: Selection) -> dict:
    bounds = {}
    if selection.date_from is not None:
        bounds["day__gte"] = selection.date_from
    if selection.date_to is not None:
        bounds["day__lte"] = selection.date_to
    return bounds


def _at_most_one(stations) -> bool:
    return stations is None or len(stations) == 1


def _accumulator() -> dict:
    return {
        "sums": dict.fromkeys(CELL_SUMS, 0),
        "by_status": dict.fromkeys(Status.values, 0),
        "by_category": dict.fromkeys(Category.values, 0),
        "by_channel": dict.fromkeys(Channel.values, 0),
        "hours": defaultdict(int),
        "reach": {},
        "live": {},
        "visits": {},
        "training": {},
    }


def _add_cell(accumulated: dict, row: dict) -> None:
    for name in CELL_SUMS:
        accumulated["sums"][name] += row[name]
    accumulated["by_status"][row["status"]] += row["received"]
    accumulated["by_category"][row["category"]] += row["received"]
    accumulated["by_channel"][row["channel"]] += row["received"]


def _empty() -> dict:
    return _present(_accumulator())


def _present(accumulated: dict) -> dict:
    sums, by_status, reach = accumulated["sums"], accumulated["by_status"], accumulated["reach"]
    received = sums["received"]
    resolved = sum(by_status[status] for status in RESOLVED_STATUSES)
    enterprises = reach.get("enterprises") or 0
    return {
        "received": received,
        "resolved": resolved,
        "resolution_rate": _ratio(resolved, received),
        "backlog": accumulated["live"].get("backlog", 0),
        "overdue": accumulated["live"].get("overdue", 0),
        "median_hours_to_resolve": median_hours(accumulated["hours"]),
        "enterprises_served": enterprises,
        "losses_avoided": Decimal(sums["losses"]).quantize(Decimal("0.01")),
        "satisfaction": _ratio(sums["rating_sum"], sums["rated"]),
        "low_rating_share": _ratio(sums["low_rated"], sums["rated"]),
        "on_time_rate": _ratio(sums["on_time"], resolved),
        "mean_hours_to_first_assignment": _ratio(sums["assign_seconds"], sums["assigned"] * 3600),
        "reopened": sums["reopened"],
        "by_status": by_status,
        "by_category": accumulated["by_category"],
        "by_channel": accumulated["by_channel"],
        "visits": accumulated["visits"].get("visits") or 0,
        "enterprises_visited": accumulated["visits"].get("enterprises_visited") or 0,
        "people_trained": accumulated["training"].get("people_trained") or 0,
        "certificates": accumulated["training"].get("certificates") or 0,
        "capability_baseline": {
            "enterprises": enterprises,
            "lab_share": _ratio(reach.get("with_lab") or 0, enterprises),
            "standard_setting_share": _ratio(reach.get("in_standard_setting") or 0, enterprises),
            "high_utilisation_share": _ratio(reach.get("high_utilisation") or 0, enterprises),
            "national": NATIONAL_BASELINE,
        },
    }


def _ratio(numerator, denominator) -> float | None:
    return round(float(numerator) / float(denominator), 4) if denominator else None


def median_hours(histogram: dict[int, int]) -> float | None:
    """Return the median from whole-hour buckets, within half an hour of the exact median.

    Each of the one or two middle values is taken at the middle of its bucket.
    """
    total = sum(histogram.values())
    if not total:
        return None
    ranks = sorted({(total + 1) // 2, total // 2 + 1})
    middles = []
    seen = 0
    for hours in sorted(histogram):
        seen += histogram[hours]
        while ranks and ranks[0] <= seen:
            middles.append(hours + 0.5)
            ranks.pop(0)
    return sum(middles) / len(middles)
