"""Reads of the request domain; every one takes the caller, so scope can't be forgotten."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Length, Substr

from enterprises.models import Enterprise, EnterpriseMembership
from requests_app.models import Ticket, TicketAssignment, TicketEvent
from requests_app.transitions import TRANSITIONS, Party
from service_stations.models import Expert, StationMembership, SupervisorScope

User = AbstractBaseUser | AnonymousUser


def tickets_visible_to(user: User) -> QuerySet[Ticket]:
    """Return the requests ``user`` may see (API.md "Roles"), ready to render.

    Enterprise members see their enterprises' requests, station staff their
    station's, experts those ever assigned to them, supervisors those of
    enterprises in their region, superusers all. Every rule is a subquery, so
    a user holding several roles sees each request once without DISTINCT.
    """
    tickets = Ticket.objects.select_related("enterprise", "station", "assigned_expert")
    if not user.is_authenticated:
        return tickets.none()
    if user.is_superuser:
        return tickets.all()
    enterprise_member = EnterpriseMembership.objects.filter(
        user=user, enterprise=OuterRef("enterprise")
    )
    station_member = StationMembership.objects.filter(user=user, station=OuterRef("station"))
    once_assigned = TicketAssignment.objects.filter(ticket=OuterRef("pk"), expert__user=user)
    in_supervised_region = SupervisorScope.objects.filter(
        user=user,
        region_prefix=Substr(OuterRef("enterprise__region_code"), 1, Length("region_prefix")),
    )
    return tickets.filter(
        Q(Exists(enterprise_member))
        | Q(Exists(station_member))
        | Q(Exists(once_assigned))
        | Q(Exists(in_supervised_region))
    )


def ticket_events_visible_to(user: User, ticket: Ticket) -> QuerySet[TicketEvent]:
    """Return the audit trail of ``ticket``, oldest first, or nothing if out of scope."""
    visible = tickets_visible_to(user).filter(pk=ticket.pk)
    return TicketEvent.objects.filter(ticket__in=visible.values("pk")).order_by("created_at", "id")


def enterprises_of(user: User) -> QuerySet[Enterprise]:
    """Return the enterprises ``user`` belongs to (those they may file for)."""
    if not user.is_authenticated:
        return Enterprise.objects.none()
    return Enterprise.objects.filter(memberships__user=user)


def _is_party(user: User, ticket: Ticket, party: Party) -> bool:
    if party is Party.ADMIN:
        return user.is_superuser
    if party is Party.STATION:
        return StationMembership.objects.filter(user=user, station_id=ticket.station_id).exists()
    if party is Party.EXPERT:
        return (
            ticket.assigned_expert_id is not None
            and Expert.objects.filter(user=user, pk=ticket.assigned_expert_id).exists()
        )
    return EnterpriseMembership.objects.filter(
        user=user, enterprise_id=ticket.enterprise_id
    ).exists()


def may_act(user: User, ticket: Ticket, action: str) -> bool:
    """Return whether ``user`` is one of the parties allowed to take ``action`` on ``ticket``.

    The status is not considered here: that is the transition table's check.
    """
    if not user.is_authenticated:
        return False
    return any(_is_party(user, ticket, party) for party in TRANSITIONS[action].parties)
