"""Reads of the request domain; every one takes the caller, so scope can't be forgotten."""

from functools import reduce
from operator import or_

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, OuterRef, Q, QuerySet

from enterprises.models import Enterprise, EnterpriseMembership
from nqi_service import roles
from nqi_service.roles import caller_of
from requests_app.models import Attachment, Comment, Ticket, TicketAssignment, TicketEvent
from requests_app.transitions import ALL_TRANSITIONS, Party
from service_stations.models import Expert, StationMembership

User = AbstractBaseUser | AnonymousUser


def tickets_visible_to(user: User) -> QuerySet[Ticket]:
    """Return the requests ``user`` may see (API.md "Roles"), ready to render.

    Enterprise members see their enterprises' requests, station staff their
    station's, experts those ever assigned to them, supervisors those of
    enterprises in their region, superusers all. Only the rules of the roles
    the caller holds enter the query, with the caller's stations and
    enterprises as literal ids: the planner then reads a station's or an
    enterprise's requests from its index, already in list order, instead of
    filtering the whole table. A user holding several roles sees each
    request once, without DISTINCT.
    """
    return _tickets_seen(user, as_enterprise=True)


def _tickets_seen(user: User, *, as_enterprise: bool) -> QuerySet[Ticket]:
    """Return the requests ``user`` sees, counting enterprise membership if ``as_enterprise``."""
    tickets = Ticket.objects.select_related("enterprise", "station", "assigned_expert", "service")
    caller = caller_of(user)
    if caller.is_admin:
        return tickets.all()
    scopes = []
    if as_enterprise and caller.has_any(roles.ENTERPRISE):
        scopes.append(Q(enterprise__in=caller.enterprise_ids))
    if caller.has_any(roles.STATION_STAFF, roles.STATION_MANAGER):
        scopes.append(Q(station__in=caller.station_ids))
    if caller.expert_id is not None:
        once_assigned = TicketAssignment.objects.filter(
            ticket=OuterRef("pk"), expert_id=caller.expert_id
        )
        scopes.append(Q(Exists(once_assigned)))
    if caller.region_prefix is not None:
        scopes.append(Q(enterprise__region_code__startswith=caller.region_prefix))
    if not scopes:
        return tickets.none()
    return tickets.filter(reduce(or_, scopes))


def ticket_events_visible_to(user: User, ticket: Ticket) -> QuerySet[TicketEvent]:
    """Return the audit trail of ``ticket``, oldest first, or nothing if out of scope."""
    visible = tickets_visible_to(user).filter(pk=ticket.pk)
    return TicketEvent.objects.filter(ticket__in=visible.values("pk")).order_by("created_at", "id")


def comments_visible_to(user: User, ticket: Ticket) -> QuerySet[Comment]:
    """Return the comments on ``ticket`` that ``user`` may read, oldest first.

    Internal comments are for those who see the request other than as a member
    of its enterprise: station staff, its experts past and present,
    supervisors and administrators.
    """
    visible = tickets_visible_to(user).filter(pk=ticket.pk).values("pk")
    behind_the_desk = _tickets_seen(user, as_enterprise=False).filter(pk=ticket.pk).values("pk")
    return (
        Comment.objects.filter(ticket__in=visible)
        .filter(Q(internal=False) | Q(ticket__in=behind_the_desk))
        .order_by("created_at", "id")
    )


def attachments_visible_to(user: User, ticket: Ticket) -> QuerySet[Attachment]:
    """Return the files attached to ``ticket``, oldest first, or nothing if out of scope."""
    visible = tickets_visible_to(user).filter(pk=ticket.pk).values("pk")
    return Attachment.objects.filter(ticket__in=visible).order_by("created_at", "id")


def enterprises_of(user: User) -> QuerySet[Enterprise]:
    """Return the enterprises ``user`` belongs to (those they may file for)."""
    return Enterprise.objects.filter(pk__in=caller_of(user).enterprise_ids)


def _is_party(user: User, ticket: Ticket, party: Party) -> bool:
    if party is Party.SYSTEM:
        return False
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

    Whether the status allows the action at all is the transition table's
    check; here the status only picks who may act where that depends on it.
    """
    if not user.is_authenticated:
        return False
    parties = ALL_TRANSITIONS[action].parties_from(ticket.status)
    return any(_is_party(user, ticket, party) for party in parties)


def may_take_part(user: User, ticket: Ticket, *, internal: bool = False) -> bool:
    """Return whether ``user`` may comment on ``ticket`` or attach files to it.

    The parties to the request may (its enterprise, station, current expert,
    administrators); supervisors only read. Internal comments are the station's,
    the expert's and administrators' alone.
    """
    if not user.is_authenticated:
        return False
    parties = set(Party) - {Party.ENTERPRISE} if internal else set(Party)
    return any(_is_party(user, ticket, party) for party in parties)
