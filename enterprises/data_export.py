"""What an enterprise's data export holds (PIPL right of access and portability).

Each source is one query whatever the number of rows: the export streams them
in order, and the children of requests (events, comments, attachments) come
sorted by request so they are grouped while streaming, without a query per
request.
"""

from dataclasses import dataclass

from django.db.models import QuerySet

from enterprises.models import ContactAccess, Enterprise, EnterpriseEvent
from enterprises.selectors import enterprise_members
from notifications.models import Notification
from requests_app.models import Attachment, Comment, Ticket, TicketEvent
from service_stations.models import CooperativeMembership, SamplingInspection

BY_REQUEST = ("ticket_id", "created_at", "id")


@dataclass(frozen=True)
class ExportSources:
    members: QuerySet
    enterprise_events: QuerySet
    requests: QuerySet
    request_events: QuerySet
    comments: QuerySet
    attachments: QuerySet
    notifications: QuerySet
    cooperative_memberships: QuerySet
    inspections: QuerySet
    contact_accesses: QuerySet


def export_sources(enterprise: Enterprise, *, reader) -> ExportSources:
    """Return the rows of ``enterprise``'s export for its member ``reader``, ordered for streaming.

    Internal comments stay out (the enterprise never sees them); notifications
    are the reader's own about the enterprise's requests: nobody reads a
    colleague's inbox, nor one about another enterprise the reader belongs to.
    """
    own_tickets = {"ticket__enterprise": enterprise}
    return ExportSources(
        members=enterprise_members(enterprise=enterprise),
        enterprise_events=EnterpriseEvent.objects.filter(enterprise=enterprise),
        requests=Ticket.objects.filter(enterprise=enterprise).select_related(None).order_by("id"),
        request_events=TicketEvent.objects.filter(**own_tickets).order_by(*BY_REQUEST),
        comments=Comment.objects.filter(**own_tickets, internal=False).order_by(*BY_REQUEST),
        attachments=Attachment.objects.filter(**own_tickets).order_by(*BY_REQUEST),
        notifications=Notification.objects.filter(**own_tickets, recipient=reader).order_by(
            "created_at", "id"
        ),
        cooperative_memberships=CooperativeMembership.objects.filter(enterprise=enterprise)
        .select_related("enterprise")
        .prefetch_related("events")
        .order_by("created_at", "id"),
        inspections=SamplingInspection.objects.filter(enterprise=enterprise).order_by(
            "sampled_on", "id"
        ),
        contact_accesses=ContactAccess.objects.filter(enterprise=enterprise).order_by(
            "created_at", "id"
        ),
    )
