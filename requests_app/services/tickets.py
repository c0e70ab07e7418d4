"""Writes of the request domain: filing and every lifecycle transition.

Each service is one transaction. A transition locks the request row, checks
the caller against the transition table (``actor=None`` is the system: a
worker or the demo seed), then the status (``lifecycle``), then the business
rules, changes the row, keeps the expert's ``open_assignments`` in step with conditional
UPDATEs (the database CHECK is the last guard) and writes exactly one event.
``at`` (default now) lets a seed build realistic histories.
"""

import datetime
from decimal import Decimal
from functools import partial

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from catalogue import diagnosis
from catalogue.models import Service
from enterprises.models import Enterprise
from nqi_service.publishing import publish
from requests_app import deadlines, routing
from requests_app.choices import STAFF_CHANNELS, Category, Channel, EventAction, Status, Urgency
from requests_app.models import Ticket, TicketAssignment, TicketDecline
from requests_app.services import expert_load, lifecycle
from requests_app.services.events import record_event
from requests_app.services.references import next_reference
from service_stations.models import Expert, ServiceStation
from service_stations.reach import acting_station, ensure_serves


def ticket_request_assignment(*, ticket_id: int) -> None:
    """Ask a worker to find an expert for the triaged request ``ticket_id``.

    Called once the transaction that left the request ``triaged`` has
    committed. When the broker can't take the task, the request stays
    waiting and the sweeper dispatches it again (``auto_assignment``).
    """
    from requests_app.tasks import assign_ticket

    publish(assign_ticket, ticket_id, left_to="the assignment sweeper")


def ticket_file(
    *,
    enterprise: Enterprise,
    filed_by: AbstractBaseUser | None,
    title: str,
    description: str,
    category: str | None = None,
    service: Service | None = None,
    urgency: str = Urgency.NORMAL,
    station: ServiceStation | None = None,
    channel: str = Channel.ONLINE,
    at: datetime.datetime | None = None,
) -> Ticket:
    """File a request for ``enterprise``, routed to ``station`` or to the nearest one.

    A request for a catalogue ``service`` is in the service's element (a
    ``category`` naming another is refused), goes only to a station offering
    the service and falls due after the service's working days.
    """
    at = at or timezone.now()
    category = _category_of(category, service)
    with transaction.atomic():
        if station is None:
            station = routing.route(
                region_code=enterprise.region_code,
                category=category,
                enterprise=enterprise,
                service=service,
            )
            if station is None:
                field = "category" if service is None else "service"
                raise ValidationError({field: _("No service station offers this yet.")})
        else:
            _ensure_station_takes(station, category, field="station", service=service)
        ticket = Ticket.objects.create(
            reference=next_reference(station=station, at=at),
            enterprise=enterprise,
            filed_by=filed_by,
            channel=channel,
            title=title,
            description=description,
            category=category,
            service=service,
            urgency=urgency,
            station=station,
            due_at=deadlines.due_at(at, urgency, service),
            created_at=at,
        )
        record_event(ticket, action=EventAction.FILE, from_status=None, actor=filed_by, at=at)
    return ticket


def ticket_file_for_enterprise(
    *,
    enterprise: Enterprise,
    filed_by: AbstractBaseUser,
    channel: str,
    station: ServiceStation | None = None,
    **filing,
) -> Ticket:
    """File a request as station staff on behalf of ``enterprise`` (API.md "Doorstep").

    The station is the caller's (their only one when not named) and must serve
    the enterprise's region; the request is the enterprise's own from then on.
    """
    if channel not in STAFF_CHANNELS:
        raise ValueError(f"staff do not file through {channel}")
    with transaction.atomic():
        station = acting_station(filed_by, station)
        ensure_serves(station, enterprise.region_code, field="enterprise")
        return ticket_file(
            enterprise=enterprise, filed_by=filed_by, station=station, channel=channel, **filing
        )


def ticket_triage(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    category: str | None = None,
    urgency: str | None = None,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Accept ``ticket`` at its station, correcting its category or urgency if asked."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="triage", actor=actor)
        if category and category != ticket.category:
            _category_of(category, ticket.service)
            _ensure_station_takes(ticket.station, category, field="category")
            ticket.category = category
        if urgency and urgency != ticket.urgency:
            ticket.urgency = urgency
            ticket.due_at = deadlines.add_office_time(
                deadlines.due_at(ticket.created_at, urgency, ticket.service), ticket.paused_total
            )
        ticket.triaged_at = at
        lifecycle.move(
            ticket,
            action="triage",
            actor=actor,
            at=at,
            note=note,
            fields=["category", "urgency", "due_at", "triaged_at"],
        )
        _request_assignment_on_commit(ticket, at)
    return ticket


def ticket_transfer(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    station: ServiceStation,
    reason: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Hand ``ticket`` over to another ``station``, where it starts again as submitted."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="transfer", actor=actor)
        if station.pk == ticket.station_id:
            raise ValidationError({"station": _("The request is already at this station.")})
        _ensure_station_takes(station, ticket.category, field="station", service=ticket.service)
        note = f"{ticket.station.code} → {station.code}: {reason}"
        ticket.station = station
        return lifecycle.move(
            ticket, action="transfer", actor=actor, at=at, note=note, fields=["station"]
        )


def ticket_assign(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    expert: Expert,
    note: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Give ``ticket`` to ``expert``, taking it off the expert who had it, if any."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="assign", actor=actor)
        expert_load.ensure_eligible(expert, ticket)
        previous = ticket.assigned_expert_id
        if previous is not None:
            # Lock both experts in id order, so opposite reassignments can't deadlock.
            list(
                Expert.objects.select_for_update()
                .filter(pk__in=[previous, expert.pk])
                .order_by("pk")
            )
        if not expert_load.take_on(expert.pk):
            raise expert_load.ExpertAtCapacity(expert)
        if previous is not None:
            expert_load.release(previous)
        TicketAssignment.objects.create(
            ticket=ticket, expert=expert, assigned_by=actor, created_at=at
        )
        ticket.assigned_expert = expert
        ticket.assigned_at = at
        return lifecycle.move(
            ticket,
            action="assign",
            actor=actor,
            at=at,
            note=note,
            fields=["assigned_expert", "assigned_at"],
        )


def ticket_accept(
    *, ticket: Ticket, actor: AbstractBaseUser | None, at: datetime.datetime | None = None
) -> Ticket:
    """Start work on ``ticket`` as its assigned expert."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="accept", actor=actor)
        return lifecycle.move(ticket, action="accept", actor=actor, at=at)


def ticket_decline(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    reason: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Hand ``ticket`` back for re-assignment; its expert is never offered it again."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="decline", actor=actor)
        TicketDecline.objects.create(
            ticket=ticket, expert_id=ticket.assigned_expert_id, reason=reason, created_at=at
        )
        expert_load.release(ticket.assigned_expert_id)
        ticket.assigned_expert = None
        lifecycle.move(
            ticket, action="decline", actor=actor, at=at, note=reason, fields=["assigned_expert"]
        )
        _request_assignment_on_commit(ticket, at)
    return ticket


def ticket_resolve(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    resolution: str,
    losses_avoided: Decimal | None = None,
    report: dict | None = None,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Record how ``ticket`` was solved; the enterprise then confirms or reopens it.

    A request for a diagnosis service is resolved with its ``report``, whose
    recommendations may be filed as follow-up requests (``catalogue.diagnosis``).
    """
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="resolve", actor=actor)
        expert_load.release(ticket.assigned_expert_id)
        ticket.resolution = resolution
        ticket.losses_avoided = losses_avoided
        ticket.resolved_at = at
        lifecycle.move(
            ticket,
            action="resolve",
            actor=actor,
            at=at,
            fields=["resolution", "losses_avoided", "resolved_at"],
        )
        diagnosis.report_record(ticket=ticket, actor=actor, report=report, at=at)
        return ticket


def ticket_confirm(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    rating: int,
    feedback: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Close ``ticket`` with the enterprise's rating of the help it got."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="confirm", actor=actor)
        ticket.rating = rating
        ticket.feedback = feedback
        ticket.closed_at = at
        return lifecycle.move(
            ticket,
            action="confirm",
            actor=actor,
            at=at,
            note=feedback,
            fields=["rating", "feedback", "closed_at"],
        )


def ticket_reopen(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    reason: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Send a resolved ``ticket`` back to its expert, or to triage when they can't take it."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="reopen", actor=actor)
        ticket.resolved_at = None
        return _back_to_expert(
            ticket, action="reopen", actor=actor, at=at, note=reason, fields=["resolved_at"]
        )


def ticket_request_info(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    question: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Ask the enterprise for missing information (补正); the SLA clock stops meanwhile.

    An expert asking frees their slot: a waiting request is not an open assignment.
    """
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="request_info", actor=actor)
        if ticket.status == Status.IN_PROGRESS:
            expert_load.release(ticket.assigned_expert_id)
        ticket.info_requested_from = ticket.status
        ticket.paused_since = at
        return lifecycle.move(
            ticket,
            action="request_info",
            actor=actor,
            at=at,
            note=question,
            fields=["info_requested_from", "paused_since"],
        )


def ticket_provide_info(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    answer: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Answer the information request; the due date moves later by the office time waited.

    The request returns to the status it came from. Work in progress goes back
    to its expert, or to triage when the expert has no room left meanwhile.
    """
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="provide_info", actor=actor)
        # A row loaded in bulk may lack the pause's start: no time is added then.
        waited = deadlines.office_time_between(ticket.paused_since or at, at)
        ticket.paused_total += waited
        ticket.due_at = deadlines.add_office_time(ticket.due_at, waited)
        back_to_work = ticket.info_requested_from == Status.IN_PROGRESS
        ticket.info_requested_from = ""
        ticket.paused_since = None
        fields = ["paused_total", "due_at", "info_requested_from", "paused_since"]
        if back_to_work:
            return _back_to_expert(
                ticket, action="provide_info", actor=actor, at=at, note=answer, fields=fields
            )
        lifecycle.move(
            ticket,
            action="provide_info",
            actor=actor,
            at=at,
            to=Status.TRIAGED,
            note=answer,
            fields=fields,
        )
        _request_assignment_on_commit(ticket, at)
        return ticket


def ticket_reject(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    reason: str,
    at: datetime.datetime | None = None,
) -> Ticket:
    """Refuse ``ticket`` (不予受理) with the reason the enterprise will read."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="reject", actor=actor)
        ticket.closed_at = at
        return lifecycle.move(
            ticket, action="reject", actor=actor, at=at, note=reason, fields=["closed_at"]
        )


def ticket_cancel(
    *,
    ticket: Ticket,
    actor: AbstractBaseUser | None,
    reason: str = "",
    at: datetime.datetime | None = None,
) -> Ticket:
    """Withdraw ``ticket`` before work starts, freeing its expert if it had one."""
    at = at or timezone.now()
    with transaction.atomic():
        ticket = lifecycle.lock(ticket, action="cancel", actor=actor)
        if ticket.status == Status.ASSIGNED:
            expert_load.release(ticket.assigned_expert_id)
        ticket.closed_at = at
        return lifecycle.move(
            ticket, action="cancel", actor=actor, at=at, note=reason, fields=["closed_at"]
        )


def _back_to_expert(
    ticket: Ticket,
    *,
    action: str,
    actor: AbstractBaseUser | None,
    at: datetime.datetime,
    note: str,
    fields: list[str] | tuple[str, ...] = (),
) -> Ticket:
    """Move ``ticket`` to ``in_progress`` with its expert if they have room, else to triage."""
    back_to_expert = expert_load.take_on(ticket.assigned_expert_id)
    if not back_to_expert:
        ticket.assigned_expert = None
    lifecycle.move(
        ticket,
        action=action,
        actor=actor,
        at=at,
        to=Status.IN_PROGRESS if back_to_expert else Status.TRIAGED,
        note=note,
        fields=[*fields, "assigned_expert"],
    )
    if not back_to_expert:
        _request_assignment_on_commit(ticket, at)
    return ticket


def _category_of(category: str | None, service: Service | None) -> str:
    """Return the category of a request for ``service``: its element, which ``category``
    may repeat but not contradict."""
    if service is None:
        return category
    if category and category != service.element:
        raise ValidationError(
            {
                "category": _("“%(service)s” is a service of “%(element)s”.")
                % {"service": service.name, "element": Category(service.element).label}
            }
        )
    return service.element


def _ensure_station_takes(
    station: ServiceStation, category: str, *, field: str, service: Service | None = None
) -> None:
    if not station.is_active:
        raise ValidationError({field: _("This service station is not active.")})
    if not station.services.filter(category=category).exists():
        raise ValidationError(
            {
                field: _("This service station does not offer “%(category)s”.")
                % {"category": Category(category).label}
            }
        )
    if service is not None and not service.stations.filter(pk=station.pk).exists():
        raise ValidationError(
            {
                field: _("This service station does not offer “%(service)s”.")
                % {"service": service.name}
            }
        )


def _request_assignment_on_commit(ticket: Ticket, at: datetime.datetime) -> None:
    """Start the request's wait for an expert and dispatch the search after commit."""
    Ticket.objects.filter(pk=ticket.pk).update(
        waiting_since=at, assignment_checked_at=at, escalated_at=None, assignment_attempts=0
    )
    transaction.on_commit(partial(ticket_request_assignment, ticket_id=ticket.pk))
