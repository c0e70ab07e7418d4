"""Reads of visits, always scoped to the caller."""

from functools import reduce
from operator import or_

from django.db.models import F, Prefetch, Q, QuerySet

from nqi_service import roles
from nqi_service.roles import caller_of
from visits.models import Finding, Visit


def visits_visible_to(user) -> QuerySet[Visit]:
    """Return the visits ``user`` may see, ready to render.

    The visited enterprise's members, the station's staff and managers, the
    supervisors of the enterprise's region and administrators see a visit;
    nobody else (experts who went included) knows it exists.
    """
    visits = Visit.objects.annotate(
        enterprise_region=F("enterprise__region_code")
    ).prefetch_related(
        Prefetch("findings", queryset=Finding.objects.order_by("id")),
        Prefetch("staff", queryset=Visit.staff.field.related_model.objects.only("id")),
        Prefetch("experts", queryset=Visit.experts.field.related_model.objects.only("id")),
    )
    caller = caller_of(user)
    if caller.is_admin:
        return visits.all()
    scopes = [Q(pk__in=[])]
    if caller.has_any(roles.ENTERPRISE):
        scopes.append(Q(enterprise__in=caller.enterprise_ids))
    scopes.append(_station_side_q(caller))
    return visits.filter(reduce(or_, scopes))


def _station_side_q(caller) -> Q:
    """Match the visits ``caller`` sees as the station's side (who read the internal note)."""
    condition = Q(pk__in=[])
    if caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER):
        condition |= Q(station__in=caller.station_ids)
    if caller.region_prefix is not None:
        condition |= Q(enterprise__region_code__startswith=caller.region_prefix)
    return condition


def reads_internal_note(user, visit: Visit) -> bool:
    """Return whether ``user`` sees ``visit``'s internal note: anyone but its enterprise.

    ``visit`` comes from ``visits_visible_to`` (annotated with the enterprise's region).
    """
    caller = caller_of(user)
    if caller.is_admin or visit.station_id in caller.station_ids:
        return True
    return caller.region_prefix is not None and visit.enterprise_region.startswith(
        caller.region_prefix
    )
