"""Route a new request to the station that should handle it.

1. Among active stations offering the category, the one whose region code
   shares the longest administrative prefix with the enterprise's: the same
   district (6 digits), else the same city (4), else the same province (2).
   Ties go to the station with the smaller backlog, then the lower id.
2. When no station in the province offers the category, the request goes to a
   station that serves the whole country: an online platform first, then a
   top-level station (one without a parent, i.e. a regional hub), then any
   other; ties again by backlog, then id.
3. When no active station anywhere offers the category, there is no route.

Before all of these, an enterprise that is an active member of an active
cooperative offering the category goes to its cooperative (the Nantong
pattern: members get help from their cooperative first).

A request for a catalogue service goes by the same rules among the stations
offering that service only; with none active, there is no route.
"""

from django.db.models import Count

from catalogue.models import Service
from nqi_service.sql import table
from requests_app.choices import BACKLOG_STATUSES
from requests_app.models import Ticket
from service_stations.choices import MembershipStatus, StationKind
from service_stations.models import CooperativeMembership, ServiceStation, StationService

# Administrative levels of a GB/T 2260 code, most precise first.
REGION_PREFIX_LENGTHS = (6, 4, 2)
# The enterprise's own cooperative ranks above the closest shared prefix.
COOPERATIVE_RANK = max(REGION_PREFIX_LENGTHS) + 1


# The rules above as one statement (compiling them through the ORM cost more
# than running them): each active station offering the category gets its
# closeness to the enterprise and its nationwide preference; those sharing
# nothing with the enterprise's region rank by preference, below all others;
# the stations tied for first place are returned.
_CLOSENESS = (
    "CASE WHEN s.kind = %(cooperative)s AND EXISTS ("
    f"SELECT 1 FROM {table(CooperativeMembership)} m WHERE m.cooperative_id = s.id"
    " AND m.enterprise_id = %(enterprise)s AND m.status = %(active)s)"
    f" THEN {COOPERATIVE_RANK}"
    + "".join(
        f" WHEN s.region_code LIKE %(prefix_{length})s THEN {length}"
        for length in REGION_PREFIX_LENGTHS
    )
    + " ELSE 0 END"
)
_NATIONWIDE_PREFERENCE = (
    "CASE WHEN s.kind = %(platform)s THEN 1 WHEN s.parent_id IS NULL THEN 2 ELSE 3 END"
)


def _first_place(*, offering_service: bool) -> str:
    """Return the ranking statement, over the stations offering the service when asked."""
    offers = table(Service.stations.through)
    service_clause = (
        f" AND EXISTS (SELECT 1 FROM {offers} cs"
        " WHERE cs.servicestation_id = s.id AND cs.service_id = %(service)s)"
        if offering_service
        else ""
    )
    return f"""
    SELECT * FROM (
        SELECT c.*, RANK() OVER (
            ORDER BY c.closeness DESC, CASE WHEN c.closeness > 0 THEN 0 ELSE c.preference END
        ) AS place
        FROM (
            SELECT s.*, {_CLOSENESS} AS closeness, {_NATIONWIDE_PREFERENCE} AS preference
            FROM {table(ServiceStation)} s
            JOIN {table(StationService)} o ON o.station_id = s.id
            WHERE s.is_active = %(active_station)s AND o.category = %(category)s{service_clause}
        ) c
    ) ranked
    WHERE place = 1
    ORDER BY id
"""


_FIRST_PLACE = {offering: _first_place(offering_service=offering) for offering in (False, True)}


def _least_busy(stations: list[ServiceStation]) -> ServiceStation | None:
    """Return the station with the smallest backlog, then the lowest id.

    The backlogs are counted (on the partial index of open requests) only
    when there is a tie to break.
    """
    if len(stations) < 2:
        return stations[0] if stations else None
    backlog = dict(
        Ticket.objects.filter(station__in=stations, status__in=BACKLOG_STATUSES)
        .order_by()
        .values_list("station")
        .annotate(n=Count("*"))
    )
    return min(stations, key=lambda station: (backlog.get(station.pk, 0), station.pk))


def route(
    *, region_code: str, category: str, enterprise=None, service: Service | None = None
) -> ServiceStation | None:
    """Return the station for a request in ``category`` from an enterprise in ``region_code``,
    among those offering the catalogue ``service`` when one is asked for.

    One query ranks every candidate; a tie for first place takes a second,
    counting the backlogs of the tied stations only.
    """
    params = {
        "cooperative": StationKind.COOPERATIVE,
        "enterprise": enterprise.pk if enterprise is not None else None,
        "active": MembershipStatus.ACTIVE,
        **{f"prefix_{length}": f"{region_code[:length]}%" for length in REGION_PREFIX_LENGTHS},
        "platform": StationKind.PLATFORM,
        "active_station": True,
        "category": category,
        "service": service.pk if service is not None else None,
    }
    statement = _FIRST_PLACE[service is not None]
    return _least_busy(list(ServiceStation.objects.raw(statement, params)))
