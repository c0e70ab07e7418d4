"""Codes of the request domain, each with a translated human label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """The NQI element (or wider service kind) a quality problem concerns."""

    METROLOGY = "metrology", _("Metrology")
    STANDARDS = "standards", _("Standards")
    CERTIFICATION = "certification", _("Certification and accreditation")
    INSPECTION = "inspection", _("Inspection and testing")
    QUALITY_MANAGEMENT = "quality_management", _("Quality management")
    BRAND = "brand", _("Brand building")
    OTHER = "other", _("Other")


class Status(models.TextChoices):
    """Where a request stands in its lifecycle (API.md)."""

    SUBMITTED = "submitted", _("Submitted")
    TRIAGED = "triaged", _("Triaged")
    ASSIGNED = "assigned", _("Assigned")
    IN_PROGRESS = "in_progress", _("In progress")
    AWAITING_INFO = "awaiting_info", _("Awaiting information")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")


# Tuples in lifecycle order, so that migrations built from them are stable.
FINAL_STATUSES = (Status.CLOSED, Status.REJECTED, Status.CANCELLED)
# The backlog: requests still waiting for someone to act (API.md "Statistics definitions").
BACKLOG_STATUSES = tuple(s for s in Status if s not in FINAL_STATUSES and s != Status.RESOLVED)
# An expert's open assignments are the requests in these statuses with them.
OPEN_ASSIGNMENT_STATUSES = (Status.ASSIGNED, Status.IN_PROGRESS)
# The assigned expert is at work on the request, and may phone the enterprise.
EXPERT_AT_WORK_STATUSES = (*OPEN_ASSIGNMENT_STATUSES, Status.AWAITING_INFO)


class Urgency(models.TextChoices):
    """How soon the enterprise needs an answer; sets the due date."""

    LOW = "low", _("Low")
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("High")


class Channel(models.TextChoices):
    """How a request reached the network: filed online by the enterprise, or by a
    station's staff on its behalf at the doorstep, on the phone or at the desk."""

    ONLINE = "online", _("Online")
    VISIT = "visit", _("Doorstep visit")
    PHONE = "phone", _("Phone")
    WALK_IN = "walk_in", _("Walk-in")


# The channels station staff file through on an enterprise's behalf, and the
# enterprise's own; as choices of the filing bodies (named in the schema).
STAFF_CHANNELS = (Channel.VISIT, Channel.PHONE, Channel.WALK_IN)
STAFF_CHANNEL_CHOICES = [(channel.value, channel.label) for channel in STAFF_CHANNELS]
ONLINE_CHANNEL_CHOICES = [(Channel.ONLINE.value, Channel.ONLINE.label)]


class EventAction(models.TextChoices):
    """What an event in a request's audit trail records."""

    FILE = "file", _("Filed")
    TRIAGE = "triage", _("Triaged")
    TRANSFER = "transfer", _("Transferred")
    ASSIGN = "assign", _("Assigned")
    ACCEPT = "accept", _("Accepted")
    DECLINE = "decline", _("Declined")
    RESOLVE = "resolve", _("Resolved")
    CONFIRM = "confirm", _("Confirmed")
    REOPEN = "reopen", _("Reopened")
    REQUEST_INFO = "request_info", _("Information requested")
    PROVIDE_INFO = "provide_info", _("Information provided")
    REJECT = "reject", _("Rejected")
    CANCEL = "cancel", _("Cancelled")
    ESCALATE = "escalate", _("Escalated")
    OVERDUE = "overdue", _("Overdue")
    AUTO_CLOSE = "auto_close", _("Closed automatically")
