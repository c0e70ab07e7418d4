"""Who may count which requests, and which roll-up rows cover a period."""

import datetime
from dataclasses import dataclass, replace

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from service_stations.models import ServiceStation, StationMembership, SupervisorScope
from stats.models import Grain
from stats.rollups import ALL_TIME, SHANGHAI


@dataclass(frozen=True)
class Scope:
    """The requests a caller counts: by the enterprise's region prefix and by station.

    An empty ``region`` is every region; ``stations`` of ``None`` is every station.
    ``station_regions`` are the regions the stations act for (API.md Extensions:
    a station's region code without its trailing ``00`` pairs), which bound the
    region filter of station staff.
    """

    region: str = ""
    stations: frozenset[int] | None = None
    station_regions: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Selection:
    """A scope narrowed by the filters of a statistics query (dates inclusive, Shanghai)."""

    scope: Scope
    category: str | None = None
    date_from: datetime.date | None = None
    date_to: datetime.date | None = None

    @property
    def all_time(self) -> bool:
        return self.date_from is None and self.date_to is None


def scope_of(user) -> Scope:
    """Return the caller's statistics scope; enterprises and experts get ``PermissionDenied``.

    Administrators count everything, supervisors their region, station staff and
    managers their stations.
    """
    if user.is_superuser:
        return Scope()
    region = SupervisorScope.objects.filter(user=user).values_list("region_prefix", flat=True)
    if region:
        return Scope(region=region[0])
    memberships = StationMembership.objects.filter(user=user).values_list(
        "station_id", "station__region_code"
    )
    if memberships:
        return Scope(
            stations=frozenset(station for station, _code in memberships),
            station_regions=frozenset(station_region(code) for _station, code in memberships),
        )
    raise PermissionDenied(_("Statistics are for supervisors, station staff and administrators."))


def station_region(region_code: str) -> str:
    """Return the region a station acts for: its code without trailing ``00`` pairs."""
    while region_code.endswith("00"):
        region_code = region_code[:-2]
    return region_code


def select(
    scope: Scope,
    *,
    region: str | None = None,
    station: ServiceStation | None = None,
    category: str | None = None,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> Selection:
    """Narrow a caller's scope by the filters; a filter outside it is ``PermissionDenied``.

    A supervisor may name regions within theirs and stations located in it;
    station staff their own stations and regions overlapping one their stations
    act for. Anything else is 403 (API.md), not a 200 of zeros.
    """
    if region:
        if not region.startswith(scope.region) or not _overlaps(region, scope.station_regions):
            raise PermissionDenied(_("This region is outside your scope."))
        scope = replace(scope, region=region)
    if station is not None:
        outside = (
            station.pk not in scope.stations
            if scope.stations is not None
            else not station.region_code.startswith(scope.region)
        )
        if outside:
            raise PermissionDenied(_("This station is outside your scope."))
        scope = replace(scope, stations=frozenset([station.pk]))
    return Selection(scope, category=category, date_from=date_from, date_to=date_to)


def _overlaps(region: str, station_regions: frozenset[str]) -> bool:
    """Tell whether a region filter overlaps one of the regions (any, when there are none)."""
    if not station_regions:
        return True
    return any(region.startswith(own) or own.startswith(region) for own in station_regions)


def rollup_q(selection: Selection, *, station: str = "station_id", region: str = "region") -> Q:
    """Return the condition on roll-up rows (or, with other field names, request rows)."""
    condition = Q()
    if selection.scope.region:
        condition &= Q(**{f"{region}__startswith": selection.scope.region})
    if selection.scope.stations is not None:
        condition &= Q(**{f"{station}__in": selection.scope.stations})
    if selection.category:
        condition &= Q(category=selection.category)
    return condition


def filing_q(selection: Selection) -> Q:
    """Return the condition on requests' filing time for the selected calendar dates."""
    condition = Q()
    if selection.date_from is not None:
        condition &= Q(created_at__gte=_midnight(selection.date_from))
    if selection.date_to is not None:
        condition &= Q(created_at__lt=_midnight(selection.date_to + datetime.timedelta(days=1)))
    return condition


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=SHANGHAI)


def period_q(
    date_from: datetime.date | None,
    date_to: datetime.date | None,
    *,
    months: bool = True,
    all_time: bool = True,
) -> Q:
    """Return the condition on (grain, period) covering each day in the range exactly once.

    Without dates that is the all-time rows (when ``all_time``); otherwise whole
    months come from month rows (when ``months``) and the days before and after
    them from day rows.
    """
    if all_time and months and date_from is None and date_to is None:
        return Q(grain=Grain.ALL, period=ALL_TIME)
    if not months:
        return Q(grain=Grain.DAY) & _between("period", date_from, date_to)
    first_month = date_from if date_from is None or date_from.day == 1 else _next_month(date_from)
    end_month = None if date_to is None else (date_to + datetime.timedelta(days=1)).replace(day=1)
    if first_month is not None and end_month is not None and first_month >= end_month:
        return Q(grain=Grain.DAY) & _between("period", date_from, date_to)
    condition = Q(grain=Grain.MONTH) & _between("period", first_month, None)
    if end_month is not None:
        condition &= Q(period__lt=end_month)
        if end_month <= date_to:
            condition |= Q(grain=Grain.DAY, period__gte=end_month, period__lte=date_to)
    if date_from is not None and date_from < first_month:
        condition |= Q(grain=Grain.DAY, period__gte=date_from, period__lt=first_month)
    return condition


def _between(field: str, low: datetime.date | None, high: datetime.date | None) -> Q:
    condition = Q()
    if low is not None:
        condition &= Q(**{f"{field}__gte": low})
    if high is not None:
        condition &= Q(**{f"{field}__lte": high})
    return condition


def _next_month(day: datetime.date) -> datetime.date:
    return (day.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def grouped(queryset, group: list[str], **aggregates) -> list[dict]:
    """Return the aggregates per group, or as one row when there is no group."""
    if group:
        return list(queryset.values(*group).annotate(**aggregates).order_by())
    return [queryset.aggregate(**aggregates)]
