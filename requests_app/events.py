"""Writing a request's audit trail: one event per change, the people it concerns told
and the request recounted in the statistics."""

import datetime

from django.contrib.auth.models import AbstractBaseUser

from nqi_service.notifications import notify_event
from requests_app.models import Ticket, TicketEvent
from requests_app.stats.tasks import stats_mark_dirty


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
    stats_mark_dirty([ticket.pk])
    return event
