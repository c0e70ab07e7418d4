"""Reads of the service network, always scoped to the caller."""

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from nqi_service import roles
from nqi_service.roles import caller_of
from service_stations.choices import StationRole
from service_stations.models import Expert, ServiceStation


def stations_visible_to(user) -> QuerySet[ServiceStation]:
    """Return the stations ``user`` may see: the whole network, once logged in."""
    if not user.is_authenticated:
        return ServiceStation.objects.none()
    return ServiceStation.objects.prefetch_related("services")


def stations_managed_by(user) -> QuerySet[ServiceStation]:
    """Return the stations ``user`` manages."""
    return ServiceStation.objects.filter(
        memberships__user=user, memberships__role=StationRole.MANAGER
    )


def experts_visible_to(user) -> QuerySet[Expert]:
    """Return the experts ``user`` may see.

    Station staff, managers and administrators see the whole roster (requests
    move between stations); supervisors see experts of stations in their
    region; an expert sees their own record.
    """
    caller = caller_of(user)
    experts = Expert.objects.prefetch_related(
        "specialties",
        Prefetch("stations", queryset=ServiceStation.objects.only("id").order_by("id")),
    )
    if caller.has_any(roles.ADMIN, roles.STATION_STAFF, roles.STATION_MANAGER):
        return experts
    scope = Q(pk__in=[])
    if caller.region_prefix is not None:
        scope |= Exists(
            Expert.stations.through.objects.filter(
                expert=OuterRef("pk"), servicestation__region_code__startswith=caller.region_prefix
            )
        )
    if caller.expert_id is not None:
        scope |= Q(pk=caller.expert_id)
    return experts.filter(scope)


def expert_is_managed_by(*, expert: Expert, user) -> bool:
    """Return whether ``user`` manages one of the expert's stations."""
    return stations_managed_by(user).filter(experts=expert).exists()
