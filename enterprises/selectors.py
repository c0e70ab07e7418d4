"""Reads of enterprises, always scoped to the caller."""

from functools import reduce
from operator import or_

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from enterprises.models import CapabilityRecord, Enterprise, EnterpriseMembership
from nqi_service import roles
from nqi_service.roles import caller_of
from service_stations.reach import served_by_stations_q


def enterprises_visible_to(user) -> QuerySet[Enterprise]:
    """Return the enterprises ``user`` may see.

    Members see their own; station staff and managers those with requests at
    their stations and those of the regions their stations serve (the firms
    they act for at the doorstep); experts those of the requests assigned to
    them, past or present (as their requests, comments and attachments);
    supervisors those in their region; administrators all.
    """
    from requests_app.models import Ticket, TicketAssignment

    caller = caller_of(user)
    enterprises = Enterprise.objects.all()
    if caller.is_admin:
        return enterprises
    scopes = []
    if caller.has_any(roles.ENTERPRISE):
        scopes.append(
            Exists(EnterpriseMembership.objects.filter(enterprise=OuterRef("pk"), user=user))
        )
    if caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER):
        scopes.append(
            Exists(
                Ticket.objects.filter(enterprise=OuterRef("pk"), station__memberships__user=user)
            )
        )
        scopes.append(served_by_stations_q(caller.station_ids))
    if caller.expert_id is not None:
        # The requests an expert sees: assigned to them, past or present (API.md "Roles").
        scopes.append(
            Exists(
                TicketAssignment.objects.filter(
                    ticket__enterprise=OuterRef("pk"), expert_id=caller.expert_id
                )
            )
        )
    if caller.region_prefix is not None:
        scopes.append(Q(region_code__startswith=caller.region_prefix))
    if not scopes:
        return enterprises.none()
    return enterprises.filter(reduce(or_, scopes))


def enterprise_members(*, enterprise: Enterprise) -> QuerySet[EnterpriseMembership]:
    """Return the memberships of ``enterprise``, owners first."""
    return (
        EnterpriseMembership.objects.filter(enterprise=enterprise)
        .select_related("user")
        .order_by("-role", "created_at", "id")
    )


def membership_role(*, enterprise: Enterprise, user) -> str | None:
    """Return ``user``'s role in ``enterprise``, or None when not a member."""
    return (
        EnterpriseMembership.objects.filter(enterprise=enterprise, user=user)
        .values_list("role", flat=True)
        .first()
    )


def capability_profile(*, enterprise: Enterprise) -> dict:
    """Return the enterprise's capability profile now, as of its latest record (its
    registration day without one), with every record, the latest first."""
    history = list(CapabilityRecord.objects.filter(enterprise=enterprise).order_by("-as_of", "-id"))
    return {
        "in_standard_setting": enterprise.in_standard_setting,
        "has_lab": enterprise.has_lab,
        "equipment_utilisation": enterprise.equipment_utilisation,
        "as_of": history[0].as_of if history else timezone.localdate(enterprise.created_at),
        "history": history,
    }
