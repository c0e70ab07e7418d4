"""The visits' statistics: a roll-up per day, station and enterprise, kept with each visit.

``visits`` counts visits in the period; ``enterprises_visited`` the distinct
enterprises among them. Both are read from ``VisitDay`` rows (one per
enterprise, station and day visited), never from the visits themselves. The
category filter does not apply: a visit has findings of several categories.
"""

from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, F, Q, Sum

from stats.rollups import SHANGHAI
from stats.scope import Selection
from visits.models import Visit, VisitDay


def _day(visit: Visit):
    return visit.visited_at.astimezone(SHANGHAI).date()


def count_visit(visit: Visit) -> None:
    """Add ``visit`` to its roll-up row (inside the transaction that records it)."""
    key = {
        "day": _day(visit),
        "station_id": visit.station_id,
        "region": visit.enterprise.region_code,
        "enterprise_id": visit.enterprise_id,
    }
    if VisitDay.objects.filter(**key).update(visits=F("visits") + 1):
        return
    try:
        with transaction.atomic():
            VisitDay.objects.create(**key, visits=1)
    except IntegrityError:  # another visit of the same key created the row meanwhile
        VisitDay.objects.filter(**key).update(visits=F("visits") + 1)


@transaction.atomic
def recount_enterprise(enterprise_id: int) -> None:
    """Rebuild the enterprise's roll-up rows from its visits (after its region changed)."""
    VisitDay.objects.filter(enterprise_id=enterprise_id).delete()
    visits = Visit.objects.filter(enterprise_id=enterprise_id).select_related("enterprise")
    counts = Counter(
        (
            visit.visited_at.astimezone(SHANGHAI).date(),
            visit.station_id,
            visit.enterprise.region_code,
        )
        for visit in visits
    )
    VisitDay.objects.bulk_create(
        VisitDay(day=day, station_id=station, region=region, enterprise_id=enterprise_id, visits=n)
        for (day, station, region), n in counts.items()
    )


def visit_figures(selection: Selection, group: list[str]) -> list[dict]:
    """Return ``visits`` and ``enterprises_visited`` per ``group`` (or as one row)."""
    rows = VisitDay.objects.filter(_scope_q(selection), visits__gt=0)
    aggregates = {
        "visits": Sum("visits"),
        "enterprises_visited": Count("enterprise_id", distinct=True),
    }
    if group:
        return list(rows.values(*group).annotate(**aggregates).order_by())
    return [rows.aggregate(**aggregates)]


def _scope_q(selection: Selection) -> Q:
    condition = Q()
    if selection.scope.region:
        condition &= Q(region__startswith=selection.scope.region)
    if selection.scope.stations is not None:
        condition &= Q(station_id__in=selection.scope.stations)
    if selection.date_from is not None:
        condition &= Q(day__gte=selection.date_from)
    if selection.date_to is not None:
        condition &= Q(day__lte=selection.date_to)
    return condition
