"""Writing a request's audit trail: one event per change, and the people it concerns told."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from nqi_service.notifications import notify_event
from requests_app.models import Ticket, TicketEvent


def record_event(
    ticket: Ticket,
    *,
    action: str,
    from_status: str | None,
    at: datetime.datetime,
    actor: AbstractBaseUser | None = None,
    note: str = "",
) -> TicketEvent:
    """Append the event that brought ``ticket`` to its current status and notify.

    Call it inside the transaction that made the change, after saving it.
    """
    event = TicketEvent.objects.create(
        ticket=ticket,
        action=action,
        from_status=from_status,
        to_status=ticket.status,
        actor=actor,
        note=note,
        created_at=at,
    )
    notify_event(event=event)
    return event
