"""The cooperatives' figures of a selection: members and sampling pass rate against target.

A cooperative is in a selection by its own region code and id (the scope's region
prefix and stations); the period selects inspections by sampling date. Without a
period the pass rate is the rolling one the cooperative's alert watches, so a row
is under target exactly when the alert would be raised. The category filter does
not apply: inspections have none. Three queries, whatever the number of
cooperatives, members and inspections.
"""

import datetime

from service_stations.choices import StationKind
from service_stations.models import SamplingInspection, ServiceStation
from service_stations.selectors import (
    active_members_by_cooperative,
    pass_rate_counts_by_cooperative,
)
from service_stations.services.cooperatives import is_under_target, pass_rate, rolling_window
from stats.rollups import SHANGHAI
from stats.scope import Selection


def sampling_period(
    selection: Selection, *, today: datetime.date
) -> tuple[datetime.date | None, datetime.date | None]:
    """Return the sampling days counted: the selection's dates, else the rolling window."""
    if selection.all_time:
        return rolling_window(today)
    return selection.date_from, selection.date_to


def cooperative_table(selection: Selection, *, today: datetime.date | None = None) -> list[dict]:
    """Return one row per cooperative in the selection's scope, ordered by code."""
    cooperatives = _cooperatives_of(selection)
    date_from, date_to, counts = _inspected(selection, cooperatives, today=today)
    members = active_members_by_cooperative(cooperatives)
    rows = []
    for station_id, code, name, region_code, target in cooperatives.order_by("code").values_list(
        "id", "code", "name", "region_code", "pass_rate_target"
    ):
        counted = counts.get(station_id, {"inspected": 0, "passed": 0})
        rate = pass_rate(counted)
        rows.append(
            {
                "station": station_id,
                "code": code,
                "name": name,
                "region_code": region_code,
                "members": members.get(station_id, 0),
                "inspections": counted["inspected"],
                "passed": counted["passed"],
                "pass_rate": None if rate is None else round(float(rate), 4),
                "pass_rate_target": target,
                "under_target": is_under_target(rate, target),
                "date_from": date_from,
                "date_to": date_to,
            }
        )
    return rows


def under_target_count(selection: Selection, *, today: datetime.date | None = None) -> int:
    """Return how many cooperatives of the selection are under their target.

    The same figure as counting ``cooperative_table``'s flags, in one query
    (two when some cooperative was inspected): the overview needs no more.
    """
    _date_from, _date_to, counts = _inspected(selection, _cooperatives_of(selection), today=today)
    if not counts:
        return 0
    targets = dict(
        ServiceStation.objects.filter(id__in=counts).values_list("id", "pass_rate_target")
    )
    return sum(
        is_under_target(pass_rate(counted), targets[station_id])
        for station_id, counted in counts.items()
    )


def _inspected(selection: Selection, cooperatives, *, today: datetime.date | None):
    """Return the sampling period counted and the inspections and passes per cooperative."""
    date_from, date_to = sampling_period(
        selection, today=today or datetime.datetime.now(SHANGHAI).date()
    )
    counts = pass_rate_counts_by_cooperative(
        SamplingInspection.objects.filter(cooperative__in=cooperatives),
        date_from=date_from,
        date_to=date_to,
    )
    return date_from, date_to, counts


def _cooperatives_of(selection: Selection):
    """The cooperatives in the selection's scope: by their own region code and id."""
    cooperatives = ServiceStation.objects.filter(kind=StationKind.COOPERATIVE)
    if selection.scope.region:
        cooperatives = cooperatives.filter(region_code__startswith=selection.scope.region)
    if selection.scope.stations is not None:
        cooperatives = cooperatives.filter(id__in=selection.scope.stations)
    return cooperatives
