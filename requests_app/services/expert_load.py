"""An expert's load: who may be given a request, and the open-assignment counter.

``Expert.open_assignments`` is kept in step by conditional UPDATEs inside the
transition's transaction; the database CHECK (never above capacity, never
below zero) is the last guard.
"""

from django.db.models import F
from django.utils.translation import gettext as _

from nqi_service.errors import DomainConflict
from requests_app.assignment import ineligibility
from requests_app.models import Ticket
from service_stations.models import Expert


class ExpertAtCapacity(DomainConflict):
    """The expert already has as many open requests as their capacity allows (HTTP 409)."""

    code = "expert_at_capacity"

    def __init__(self, expert: Expert):
        super().__init__(
            _("%(name)s already has %(capacity)d open requests, the most they can take.")
            % {"name": expert.name, "capacity": expert.capacity},
            expert=expert.pk,
        )


class ExpertIneligible(DomainConflict):
    """The expert may not take the request; ``reason`` says why (HTTP 409)."""

    code = "expert_ineligible"

    def __init__(self, expert: Expert, reason: str):
        super().__init__(
            _("%(name)s cannot take this request: %(reason)s")
            % {"name": expert.name, "reason": reason},
            reason=reason,
            expert=expert.pk,
        )


def ensure_eligible(expert: Expert, ticket: Ticket) -> None:
    """Raise unless ``expert`` may be given ``ticket`` by the rules automatic assignment
    applies (capacity is checked on taking it)."""
    if expert.pk == ticket.assigned_expert_id:
        reason = _("The request is already assigned to this expert.")
    else:
        reason = ineligibility(expert, ticket)
    if reason is not None:
        raise ExpertIneligible(expert, reason)


def take_on(expert_id: int | None) -> bool:
    """Count one more open request for an available expert below capacity; say if it did."""
    taken = Expert.objects.filter(
        pk=expert_id, is_available=True, open_assignments__lt=F("capacity")
    ).update(open_assignments=F("open_assignments") + 1)
    return taken == 1


def release(expert_id: int) -> None:
    """Count one open request fewer for the expert."""
    Expert.objects.filter(pk=expert_id).update(open_assignments=F("open_assignments") - 1)
