"""The one writer of a request's status: lock the row, check the move, save, record.

Every status change, the API's and the system's (``auto_close``,
``escalate``), goes through ``move`` with a transition of the table in
``requests_app.transitions``; a test checks that no other code writes
``Ticket.status``.
"""

import datetime

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from requests_app.choices import Status
from requests_app.models import Ticket
from requests_app.selectors import may_act
from requests_app.services.events import record_event
from requests_app.transitions import ensure_allowed


def lock(ticket: Ticket, *, action: str, actor: AbstractBaseUser | None) -> Ticket:
    """Return ``ticket`` re-read and locked, once ``actor`` may take ``action`` now."""
    locked = (
        Ticket.objects.select_for_update(of=("self",)).select_related("station").get(pk=ticket.pk)
    )
    if actor is not None and not may_act(actor, locked, action):
        raise PermissionDenied(_("You may not take this action on this request."))
    ensure_allowed(locked.status, action)
    return locked


def move(
    ticket: Ticket,
    *,
    action: str,
    actor: AbstractBaseUser | None,
    at: datetime.datetime,
    to: Status | None = None,
    note: str = "",
    fields: list[str] | tuple[str, ...] = (),
) -> Ticket:
    """Set the status ``action`` leads to, save ``fields`` with it and write the event.

    The move must be in the table from the status the row has now.
    """
    targets = ensure_allowed(ticket.status, action).targets
    to = to or targets[0]
    if to not in targets:
        raise ValueError(f"{action} cannot lead to {to}")
    from_status = ticket.status
    ticket.status = to
    ticket.save(update_fields=["status", "updated_at", *fields])
    record_event(ticket, action=action, from_status=from_status, actor=actor, note=note, at=at)
    return ticket
