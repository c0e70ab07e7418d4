"""Quality-problem requests (tickets), their append-only event log and conversation."""

import datetime
import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nqi_service.models import AppendOnlyModel, AuditEvent, action_is_known
from requests_app.choices import (
    BACKLOG_STATUSES,
    Category,
    Channel,
    EventAction,
    Status,
    Urgency,
)


def overdue_q(now: datetime.datetime) -> Q:
    """Return the one definition of an overdue request, for filters and counts.

    API.md: of the backlog, ``due_at`` passed. Time spent awaiting the
    enterprise's information moves ``due_at`` later when the answer comes
    (``services.ticket_provide_info``); until then the clock stands still, so
    a waiting request is overdue only if it already was when the wait began.
    """
    return Q(status__in=BACKLOG_STATUSES, due_at__lt=now) & (
        Q(paused_since__isnull=True) | Q(due_at__lt=F("paused_since"))
    )


class TicketQuerySet(models.QuerySet):
    def overdue(self, now: datetime.datetime | None = None) -> "TicketQuerySet":
        """Return the requests overdue at ``now`` (``overdue_q``)."""
        return self.filter(overdue_q(now or timezone.now()))


class Ticket(models.Model):
    """A quality problem an enterprise files, routed to a station and worked by an expert.

    The status changes only through ``requests_app.services``; the database
    refuses status, category and urgency codes it does not know.
    """

    reference = models.CharField(_("reference"), max_length=64, unique=True)
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    filed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("filed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="filed_tickets",
    )
    channel = models.CharField(
        _("channel"),
        max_length=8,
        choices=Channel.choices,
        default=Channel.ONLINE,
        db_default=Channel.ONLINE,
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    station = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("catalogue service"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.SUBMITTED
    )
    assigned_expert = models.ForeignKey(
        "service_stations.Expert",
        verbose_name=_("assigned expert"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tickets",
    )
    due_at = models.DateTimeField(_("due at"))
    created_at = models.DateTimeField(_("filed at"), default=timezone.now)
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    resolution = models.TextField(_("resolution"), blank=True)
    losses_avoided = models.DecimalField(
        _("losses avoided (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    rating = models.PositiveSmallIntegerField(_("rating"), null=True, blank=True)
    feedback = models.TextField(_("feedback"), blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # Automatic assignment's bookkeeping (requests_app/services/auto_assignment.py): when
    # the request last started waiting for an expert, when the engine last
    # looked at it, when the managers were last alerted, and how many
    # assignment runs failed with an error.
    waiting_since = models.DateTimeField(_("waiting for an expert since"), null=True, blank=True)
    assignment_checked_at = models.DateTimeField(
        _("assignment last checked at"), null=True, blank=True
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    assignment_attempts = models.PositiveSmallIntegerField(
        _("failed assignment attempts"), default=0, db_default=0
    )
    # The SLA clock stops while the request waits for the enterprise's
    # information (补正): where it came from, since when it waits, and the
    # time spent waiting so far, which the due date carries (services.py).
    info_requested_from = models.CharField(
        _("information requested from status"),
        max_length=16,
        choices=Status.choices,
        blank=True,
        db_default="",
    )
    paused_since = models.DateTimeField(_("waiting for information since"), null=True, blank=True)
    paused_total = models.DurationField(
        _("time spent waiting for information"),
        default=datetime.timedelta,
        db_default=datetime.timedelta(0),
    )

    objects = TicketQuerySet.as_manager()

    class Meta:
        verbose_name = _("quality-problem request")
        verbose_name_plural = _("quality-problem requests")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["station", "status"], name="ticket_station_status_idx"),
            # A station's or an enterprise's list, newest first, read in order at any depth.
            models.Index(
                fields=["station", "-created_at", "-id"], name="ticket_station_created_idx"
            ),
            models.Index(
                fields=["enterprise", "-created_at", "-id"], name="ticket_enterprise_created_idx"
            ),
            models.Index(fields=["assigned_expert", "status"], name="ticket_expert_status_idx"),
            models.Index(fields=["-created_at", "-id"], name="ticket_created_idx"),
            models.Index(
                fields=["due_at"],
                name="ticket_open_due_idx",
                condition=Q(status__in=BACKLOG_STATUSES),
            ),
            models.Index(
                fields=["assignment_checked_at"],
                name="ticket_waiting_idx",
                condition=Q(status=Status.TRIAGED, assigned_expert__isnull=True),
            ),
            # Backlog and overdue counts of any statistics scope, from the index alone.
            models.Index(
                fields=["station", "due_at", "created_at"],
                include=["enterprise", "category", "paused_since"],
                name="ticket_open_station_due_idx",
                condition=Q(status__in=BACKLOG_STATUSES),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=Status.values), name="ticket_status_known"
            ),
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="ticket_category_known"
            ),
            models.CheckConstraint(
                condition=Q(urgency__in=Urgency.values), name="ticket_urgency_known"
            ),
            models.CheckConstraint(
                condition=Q(channel__in=Channel.values), name="ticket_channel_known"
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                name="ticket_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=Q(losses_avoided__isnull=True) | Q(losses_avoided__gte=0),
                name="ticket_losses_avoided_not_negative",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title}"

    def is_overdue(self, now: datetime.datetime | None = None) -> bool:
        """Return ``overdue_q`` for this row (a test holds the two together)."""
        now = now or timezone.now()
        return (
            self.status in BACKLOG_STATUSES
            and self.due_at < now
            and (self.paused_since is None or self.due_at < self.paused_since)
        )


class TicketEvent(AuditEvent):
    """One entry of a request's audit trail: who moved it, from where to where, when.

    Events are written once and never changed or deleted.
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("request"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=EventAction.choices)
    # Null, not blank, for the filing event: the request had no status before.
    from_status = models.CharField(  # noqa: DJ001
        _("from status"), max_length=16, choices=Status.choices, null=True, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=16, choices=Status.choices)

    class Meta:
        verbose_name = _("request event")
        verbose_name_plural = _("request events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="event_ticket_idx")]
        constraints = [action_is_known(EventAction, name="event_action_known")]

    def __str__(self):
        return f"{self.ticket_id} {self.action}"


class TicketAssignment(models.Model):
    """One hand-over of a request to an expert, kept for good.

    An expert keeps read access to every request once assigned to them,
    including the ones they later declined or were taken off.
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("request"), on_delete=models.CASCADE, related_name="assignments"
    )
    expert = models.ForeignKey(
        "service_stations.Expert",
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="ticket_assignments",
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assigned by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("assigned at"), default=timezone.now)

    class Meta:
        verbose_name = _("request assignment")
        verbose_name_plural = _("request assignments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["expert", "ticket"], name="assignment_expert_idx")]

    def __str__(self):
        return f"{self.ticket_id} → {self.expert_id}"


class TicketDecline(models.Model):
    """An expert declining a request; they are never assigned it again."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("request"), on_delete=models.CASCADE, related_name="declines"
    )
    expert = models.ForeignKey(
        "service_stations.Expert",
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="ticket_declines",
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("declined at"), default=timezone.now)

    class Meta:
        verbose_name = _("declined request")
        verbose_name_plural = _("declined requests")
        constraints = [
            models.UniqueConstraint(fields=["ticket", "expert"], name="decline_unique_per_expert")
        ]

    def __str__(self):
        return f"{self.ticket_id} ✗ {self.expert_id}"


class ReferenceCounter(models.Model):
    """The last sequence number of the references a station issued on a day.

    Filing locks the row, so concurrent filings at one station get consecutive
    numbers instead of colliding.
    """

    station = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    last = models.PositiveIntegerField(_("last sequence number"), default=0)

    class Meta:
        verbose_name = _("reference counter")
        verbose_name_plural = _("reference counters")
        constraints = [
            models.UniqueConstraint(fields=["station", "day"], name="reference_counter_unique")
        ]

    def __str__(self):
        return f"{self.station_id} {self.day}: {self.last}"


class Comment(AppendOnlyModel):
    """A message on a request; a correction is a new comment, never an edit.

    Internal comments are among the station, its experts, supervisors and
    administrators: the enterprise never sees them.
    """

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("request"), on_delete=models.PROTECT, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = models.TextField(_("text"))
    internal = models.BooleanField(_("internal"), default=False)
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["ticket", "created_at", "id"], name="comment_ticket_idx")]

    def __str__(self):
        return f"{self.ticket_id} #{self.pk}"


def attachment_storage_name(attachment: "Attachment", filename: str) -> str:
    """Return a random storage name: the uploader's file name never reaches the disk."""
    return f"attachments/{uuid.uuid4().hex}"


class Attachment(models.Model):
    """A file attached to a request, kept in private storage and streamed on request."""

    ticket = models.ForeignKey(
        Ticket, verbose_name=_("request"), on_delete=models.PROTECT, related_name="attachments"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    file = models.FileField(_("file"), upload_to=attachment_storage_name)
    name = models.CharField(_("file name"), max_length=120)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size (bytes)"))
    created_at = models.DateTimeField(_("uploaded at"), default=timezone.now)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["ticket", "created_at", "id"], name="attachment_ticket_idx")
        ]

    def __str__(self):
        return self.name
