"""Reads of the service network, always scoped to the caller."""

import datetime
from functools import reduce
from operator import or_

from django.db.models import Avg, Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from catalogue.models import Service
from nqi_service import roles
from nqi_service.roles import caller_of
from service_stations.choices import MembershipStatus, StationKind, StationRole
from service_stations.models import (
    CooperativeMembership,
    Expert,
    ExpertLeave,
    ExpertSpecialty,
    SamplingInspection,
    ServiceStation,
    StationMembership,
)


def stations_visible_to(user) -> QuerySet[ServiceStation]:
    """Return the stations ``user`` may see: the whole network, once logged in, each with
    the categories and the catalogue services it offers."""
    if not user.is_authenticated:
        return ServiceStation.objects.none()
    return ServiceStation.objects.prefetch_related(
        "services", Prefetch("catalogue", queryset=Service.objects.only("id").order_by("id"))
    )


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


def station_overseen_by(*, station: ServiceStation, user) -> bool:
    """Return whether ``user`` may read the station's roster and workload.

    Staff and managers of the station or of its parent hub, supervisors of
    its region and administrators may.
    """
    caller = caller_of(user)
    if caller.is_admin:
        return True
    if caller.region_prefix is not None and station.region_code.startswith(caller.region_prefix):
        return True
    stations = [pk for pk in (station.pk, station.parent_id) if pk is not None]
    return StationMembership.objects.filter(user=user, station_id__in=stations).exists()


def station_roster(station: ServiceStation, *, today: datetime.date) -> QuerySet[Expert]:
    """Return the station's experts with their leave flag and rating, in one query
    (their qualifications in one more)."""
    from requests_app.choices import Status
    from requests_app.models import Ticket

    ratings = (
        Ticket.objects.filter(
            assigned_expert=OuterRef("pk"), status=Status.CLOSED, rating__isnull=False
        )
        .values("assigned_expert")
        .annotate(mean=Avg("rating"))
        .values("mean")
    )
    on_leave = ExpertLeave.objects.filter(
        expert=OuterRef("pk"), starts_on__lte=today, ends_on__gte=today
    )
    return (
        Expert.objects.filter(stations=station)
        .annotate(on_leave=Exists(on_leave), rating=Subquery(ratings))
        .prefetch_related(
            Prefetch("specialties", queryset=ExpertSpecialty.objects.order_by("category"))
        )
        .order_by("name", "id")
    )


def station_workload(station: ServiceStation) -> dict:
    """Return the open requests by status and the overdue count of the station and
    of each child station (a hub's), with the hub's totals including its children."""
    from requests_app.choices import BACKLOG_STATUSES
    from requests_app.models import Ticket, overdue_q

    children = list(station.children.order_by("code").values("id", "code", "name"))
    rows = (
        Ticket.objects.filter(
            station__in=[station.pk, *(c["id"] for c in children)], status__in=BACKLOG_STATUSES
        )
        .values("station_id", "status")
        .annotate(open=Count("id"), overdue=Count("id", filter=overdue_q(timezone.now())))
    )
    figures = {
        pk: {"open": 0, "overdue": 0, "by_status": {}}
        for pk in [station.pk, *(c["id"] for c in children)]
    }
    for row in rows:
        entry = figures[row["station_id"]]
        entry["open"] += row["open"]
        entry["overdue"] += row["overdue"]
        entry["by_status"][row["status"]] = row["open"]
    totals = {"open": 0, "overdue": 0, "by_status": {}}
    for entry in figures.values():
        totals["open"] += entry["open"]
        totals["overdue"] += entry["overdue"]
        for status, count in entry["by_status"].items():
            totals["by_status"][status] = totals["by_status"].get(status, 0) + count
    return {
        "station": station.pk,
        **figures[station.pk],
        "children": [
            {"station": c["id"], "code": c["code"], "name": c["name"], **figures[c["id"]]}
            for c in children
        ],
        "totals": totals,
    }


def cooperatives_visible_to(user) -> QuerySet[ServiceStation]:
    """Return the cooperatives ``user`` may see: all of them, once logged in."""
    return stations_visible_to(user).filter(kind=StationKind.COOPERATIVE)


def _cooperative_records_visible_to(user, records: QuerySet) -> QuerySet:
    """Scope rows with ``cooperative`` and ``enterprise`` fields: the enterprise's
    members, the cooperative's staff, supervisors of its region, administrators."""
    from enterprises.models import EnterpriseMembership

    if not user.is_authenticated:
        return records.none()
    caller = caller_of(user)
    if caller.is_admin:
        return records
    scopes = [
        Exists(EnterpriseMembership.objects.filter(enterprise=OuterRef("enterprise"), user=user)),
        Exists(StationMembership.objects.filter(station=OuterRef("cooperative"), user=user)),
    ]
    if caller.region_prefix is not None:
        scopes.append(Q(cooperative__region_code__startswith=caller.region_prefix))
    return records.filter(reduce(or_, scopes))


def memberships_visible_to(user) -> QuerySet[CooperativeMembership]:
    """Return the cooperative memberships ``user`` may see, with their history."""
    return _cooperative_records_visible_to(
        user,
        CooperativeMembership.objects.select_related("enterprise").prefetch_related("events"),
    )


def inspections_visible_to(user) -> QuerySet[SamplingInspection]:
    """Return the sampling inspections ``user`` may see."""
    return _cooperative_records_visible_to(user, SamplingInspection.objects.all())


def works_at(*, user, station: ServiceStation, manager: bool = False) -> bool:
    """Return whether ``user`` is staff (or, with ``manager``, the manager) of ``station``."""
    memberships = StationMembership.objects.filter(user=user, station=station)
    if manager:
        memberships = memberships.filter(role=StationRole.MANAGER)
    return memberships.exists()


def _sampled_in(inspections: QuerySet, date_from, date_to) -> QuerySet:
    """Keep the inspections sampled between the two dates, both included when given."""
    if date_from is not None:
        inspections = inspections.filter(sampled_on__gte=date_from)
    if date_to is not None:
        inspections = inspections.filter(sampled_on__lte=date_to)
    return inspections


def _pass_counts() -> dict:
    """Return the aggregates ``inspected`` and ``passed`` of a pass rate."""
    return {"inspected": Count("id"), "passed": Count("id", filter=Q(passed=True))}


def pass_rate_counts(
    inspections: QuerySet[SamplingInspection],
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict:
    """Return ``{"inspected", "passed"}`` of ``inspections`` sampled in the period."""
    return _sampled_in(inspections, date_from, date_to).aggregate(**_pass_counts())


def pass_rate_counts_by_cooperative(
    inspections: QuerySet[SamplingInspection],
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> dict[int, dict]:
    """Return ``{"inspected", "passed"}`` per cooperative id of ``inspections`` sampled in
    the period, in one query; cooperatives without an inspection are left out."""
    rows = (
        _sampled_in(inspections, date_from, date_to)
        .values("cooperative_id")
        .annotate(**_pass_counts())
        .order_by()
    )
    return {row.pop("cooperative_id"): row for row in rows}


def active_members_by_cooperative(cooperatives: QuerySet[ServiceStation]) -> dict[int, int]:
    """Return the number of active members now per cooperative id, in one query."""
    rows = (
        CooperativeMembership.objects.filter(
            cooperative__in=cooperatives, status=MembershipStatus.ACTIVE
        )
        .values("cooperative_id")
        .annotate(members=Count("id"))
        .order_by()
    )
    return {row["cooperative_id"]: row["members"] for row in rows}


def pass_rate_by_member(
    cooperative: ServiceStation,
    *,
    date_from: datetime.date | None = None,
    date_to: datetime.date | None = None,
) -> list[dict]:
    """Return one row per member inspected in the period: counts and pass rate."""
    rows = (
        _sampled_in(cooperative.inspections.all(), date_from, date_to)
        .values("enterprise_id", "enterprise__name")
        .annotate(**_pass_counts())
        .order_by("enterprise__name", "enterprise_id")
    )
    return [
        {
            "enterprise": row["enterprise_id"],
            "name": row["enterprise__name"],
            "inspected": row["inspected"],
            "passed": row["passed"],
            "pass_rate": row["passed"] / row["inspected"],
        }
        for row in rows
    ]
