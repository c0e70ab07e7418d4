"""An expert's load: who may be given a request, and the open-assignment counter.

``Expert.open_assignments`` is kept in step by conditional UPDATEs inside the
transition's transaction; the database CHECK (never above capacity, never
below zero) is the last guard.
"""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from nqi_service.errors import DomainConflict
from requests_app.choices import Category
from requests_app.models import Ticket, TicketDecline
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


def ensure_eligible(expert: Expert, ticket: Ticket) -> None:
    """Raise unless ``expert`` may be given ``ticket`` (capacity is checked on taking it)."""
    if expert.pk == ticket.assigned_expert_id:
        problem = _("The request is already assigned to this expert.")
    elif not expert.is_available:
        problem = _("This expert is not available.")
    elif not expert.specialties.filter(category=ticket.category).exists():
        problem = _("This expert does not cover “%(category)s”.") % {
            "category": Category(ticket.category).label
        }
    elif TicketDecline.objects.filter(ticket=ticket, expert=expert).exists():
        problem = _("This expert has declined this request.")
    else:
        return
    raise ValidationError({"expert": problem})


def take_on(expert_id: int | None) -> bool:
    """Count one more open request for an available expert below capacity; say if it did."""
    taken = Expert.objects.filter(
        pk=expert_id, is_available=True, open_assignments__lt=F("capacity")
    ).update(open_assignments=F("open_assignments") + 1)
    return taken == 1


def release(expert_id: int) -> None:
    """Count one open request fewer for the expert."""
    Expert.objects.filter(pk=expert_id).update(open_assignments=F("open_assignments") - 1)
