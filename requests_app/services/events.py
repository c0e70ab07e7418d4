"""Writing a request's audit trail: one event per change, the people it concerns told
and the request recounted in the statistics."""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction

from notifications.services import notify_event
from nqi_service.publishing import publish
from requests_app.models import Ticket, TicketEvent
from requests_app.tasks import follow_up_event

# What catches up with an event's follow-up the broker never got.
FOLLOW_UP_SWEEPS = "the email sweeper and the statistics sweep"


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

    Call it inside the transaction that made the change, after saving it. Once
    committed, one task follows the event up: its emails and the recount of
    ``ticket`` in the statistics (``follow_up_event``).
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
    transaction.on_commit(
        lambda: publish(follow_up_event, event.pk, ticket.pk, left_to=FOLLOW_UP_SWEEPS)
    )
    return event
