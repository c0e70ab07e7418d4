"""Automatic assignment and the other work the system does on its own.

- ``ticket_auto_assign`` gives a waiting (``triaged``) request to the best
  eligible expert (``requests_app.assignment``), through the same
  ``ticket_assign`` service staff use, with the score breakdown as the note.
  It changes nothing unless the request is still waiting, so a duplicate task
  is harmless; an expert row being locked by another worker is skipped.
- Nobody eligible: one ``escalate`` event and the station managers are told;
  after ``ASSIGNMENT_ESCALATE_AFTER`` the request moves up to the parent
  station.
- ``waiting_tickets_to_dispatch`` is what the sweeper re-dispatches: requests
  the database says have waited longer than ``ASSIGNMENT_SWEEP_AFTER``
  (a broker that was down, a worker killed mid-task, capacity freed since).
- A request whose assignment failed ``ASSIGNMENT_MAX_ATTEMPTS`` times in a
  row (transient errors) is left to the staff and its managers are told; a
  clean check resets the count.
- ``tickets_mark_overdue`` and ``tickets_auto_close`` are the periodic events.
"""

import datetime
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, F, OuterRef, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from notifications.services import MANAGERS, audience_of, notify_users
from requests_app.assignment import eligible_experts, rank
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from requests_app.services import lifecycle
from requests_app.services.events import record_event
from requests_app.services.expert_load import ExpertAtCapacity, ExpertIneligible
from requests_app.services.tickets import ticket_assign
from service_stations.models import Expert

logger = logging.getLogger(__name__)


def _waiting(queryset: QuerySet[Ticket]) -> QuerySet[Ticket]:
    return queryset.filter(status=Status.TRIAGED, assigned_expert__isnull=True)


def ticket_auto_assign(*, ticket_id: int, now: datetime.datetime | None = None) -> Ticket | None:
    """Assign the waiting request ``ticket_id`` to the best expert free now.

    Return the ticket when it was assigned, None when it no longer waits or
    nobody could take it.
    """
    now = now or timezone.now()
    with transaction.atomic():
        ticket = (
            _waiting(Ticket.objects.select_for_update(of=("self",)))
            .select_related("enterprise__cluster", "station")
            .filter(pk=ticket_id)
            .first()
        )
        if ticket is None:
            return None
        # A check that gets this far without a transient error forgets the
        # earlier failed runs (rolled back with the rest if this one fails).
        ticket.assignment_checked_at = now
        ticket.assignment_attempts = 0
        ticket.save(update_fields=["assignment_checked_at", "assignment_attempts"])
        matches = rank(ticket, eligible_experts(ticket))
        for match in matches:
            if not _lock_if_free(match.expert.pk):
                continue  # another worker holds this expert; try the next one
            try:
                with transaction.atomic():
                    return ticket_assign(
                        ticket=ticket, actor=None, expert=match.expert, note=match.reason(), at=now
                    )
            except (ExpertAtCapacity, ExpertIneligible):
                continue
        if not matches:
            _escalate(ticket, now)
    return None


def _lock_if_free(expert_id: int) -> bool:
    return (
        Expert.objects.select_for_update(skip_locked=True)
        .filter(pk=expert_id, is_available=True, open_assignments__lt=F("capacity"))
        .exists()
    )


def _escalate(ticket: Ticket, now: datetime.datetime) -> None:
    """Tell the managers once that nobody can take ``ticket``; move it up when it waited long."""
    waited = now - ticket.waiting_since
    parent = ticket.station.parent
    if parent is not None and waited >= settings.ASSIGNMENT_ESCALATE_AFTER:
        note = _("Nobody eligible for %(hours)d hours: moved up to %(station)s.") % {
            "hours": waited.total_seconds() // 3600,
            "station": parent.name,
        }
        ticket.station = parent
        ticket.escalated_at = ticket.waiting_since = now
        lifecycle.move(
            ticket,
            action="escalate",
            actor=None,
            at=now,
            note=note,
            fields=["station", "escalated_at", "waiting_since"],
        )
    elif ticket.escalated_at is None:
        ticket.escalated_at = now
        ticket.save(update_fields=["escalated_at"])
        record_event(
            ticket,
            action=EventAction.ESCALATE,
            from_status=ticket.status,
            note=_("No eligible expert is free; the request waits for one."),
            at=now,
        )


def waiting_tickets_to_dispatch(now: datetime.datetime | None = None) -> QuerySet[Ticket]:
    """Return the ids of requests that have waited for an expert past the sweep threshold.

    Requests whose assignment failed ``ASSIGNMENT_MAX_ATTEMPTS`` times are left
    to the station staff, who see them waiting in ``triaged``.
    """
    now = now or timezone.now()
    return (
        _waiting(Ticket.objects.all())
        .filter(
            assignment_checked_at__lt=now - settings.ASSIGNMENT_SWEEP_AFTER,
            assignment_attempts__lt=settings.ASSIGNMENT_MAX_ATTEMPTS,
        )
        .order_by("assignment_checked_at")
        .values_list("pk", flat=True)
    )


def ticket_count_failed_attempt(*, ticket_id: int) -> int:
    """Count one more failed assignment run of ``ticket_id``; return the count."""
    Ticket.objects.filter(pk=ticket_id).update(assignment_attempts=F("assignment_attempts") + 1)
    return Ticket.objects.filter(pk=ticket_id).values_list("assignment_attempts", flat=True).get()


def ticket_assignment_given_up(*, ticket_id: int) -> None:
    """Tell the station managers that automatic assignment of ``ticket_id`` has stopped.

    The request stays ``triaged`` for the staff to assign by hand; the sweeper
    leaves it alone until it waits anew.
    """
    ticket = Ticket.objects.get(pk=ticket_id)
    managers = audience_of(ticket, [MANAGERS])
    with translation.override("zh-hans"):
        title = _("%(reference)s: automatic assignment failed") % {"reference": ticket.reference}
        body = _("Automatic assignment failed %(attempts)d times; please assign an expert.") % {
            "attempts": ticket.assignment_attempts
        }
    with transaction.atomic():
        notify_users(user_ids=sorted(managers), title=title, body=body, ticket=ticket)


def tickets_mark_overdue(now: datetime.datetime | None = None) -> int:
    """Write one ``overdue`` event per request overdue (``overdue_q``); return how many."""
    now = now or timezone.now()
    already = TicketEvent.objects.filter(ticket=OuterRef("pk"), action=EventAction.OVERDUE)
    due = Ticket.objects.overdue(now).filter(~Exists(already))
    marked = 0
    for ticket_id in due.values_list("pk", flat=True):
        with transaction.atomic():
            ticket = (
                Ticket.objects.select_for_update()
                .overdue(now)
                .filter(pk=ticket_id)
                .filter(~Exists(already))
                .first()
            )
            if ticket is not None:
                record_event(
                    ticket,
                    action=EventAction.OVERDUE,
                    from_status=ticket.status,
                    note=_("Past its due time."),
                    at=now,
                )
                marked += 1
    return marked


def tickets_auto_close(now: datetime.datetime | None = None) -> int:
    """Close requests left ``resolved`` longer than ``AUTO_CLOSE_AFTER``; return how many."""
    now = now or timezone.now()
    stale = Ticket.objects.filter(
        status=Status.RESOLVED, resolved_at__lt=now - settings.AUTO_CLOSE_AFTER
    )
    closed = 0
    for ticket_id in stale.values_list("pk", flat=True):
        with transaction.atomic():
            # Confirmed or reopened meanwhile: the row no longer matches, nothing moves.
            ticket = stale.select_for_update(of=("self",)).filter(pk=ticket_id).first()
            if ticket is not None:
                ticket.closed_at = now
                lifecycle.move(
                    ticket,
                    action="auto_close",
                    actor=None,
                    at=now,
                    note=_("Closed automatically: not confirmed within %(days)d days.")
                    % {"days": settings.AUTO_CLOSE_AFTER.days},
                    fields=["closed_at"],
                )
                closed += 1
    return closed
