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
"""

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from requests_app.choices import BACKLOG_STATUSES
from requests_app.models import Ticket
from service_stations.choices import MembershipStatus, StationKind
from service_stations.models import CooperativeMembership, ServiceStation

# Administrative levels of a GB/T 2260 code, most precise first.
REGION_PREFIX_LENGTHS = (6, 4, 2)
# The enterprise's own cooperative ranks above the closest shared prefix.
COOPERATIVE_RANK = max(REGION_PREFIX_LENGTHS) + 1


def stations_offering(category: str) -> QuerySet[ServiceStation]:
    """Return the active stations that offer ``category``, with their backlog size.

    Each backlog is counted on the partial index of open requests, not by
    joining every request the stations ever received.
    """
    open_here = (
        Ticket.objects.filter(station=OuterRef("pk"), status__in=BACKLOG_STATUSES)
        .order_by()
        .values("station")
        .annotate(n=Count("*"))
        .values("n")
    )
    return ServiceStation.objects.filter(is_active=True, services__category=category).annotate(
        backlog=Coalesce(Subquery(open_here), 0)
    )


def route(*, region_code: str, category: str, enterprise=None) -> ServiceStation | None:
    """Return the station for a request in ``category`` from an enterprise in ``region_code``.

    The enterprise's cooperative and the nearest stations are ranked in one
    query (a cooperative above any shared prefix); the nationwide fallback
    needs a second only when nothing in the province offers the category.
    """
    candidates = stations_offering(category)
    cooperative = []
    if enterprise is not None:
        membership = CooperativeMembership.objects.filter(
            cooperative=OuterRef("pk"), enterprise=enterprise, status=MembershipStatus.ACTIVE
        )
        cooperative = [
            When(
                Q(Exists(membership), kind=StationKind.COOPERATIVE),
                then=Value(COOPERATIVE_RANK),
            )
        ]
    closeness = Case(
        *cooperative,
        *(
            When(region_code__startswith=region_code[:length], then=Value(length))
            for length in REGION_PREFIX_LENGTHS
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    nearby = (
        candidates.annotate(closeness=closeness)
        .filter(closeness__gt=0)
        .order_by("-closeness", "backlog", "id")
        .first()
    )
    if nearby is not None:
        return nearby
    nationwide_preference = Case(
        When(kind=StationKind.PLATFORM, then=Value(0)),
        When(parent__isnull=True, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        candidates.annotate(preference=nationwide_preference)
        .order_by("preference", "backlog", "id")
        .first()
    )
