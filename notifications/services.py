"""Who hears about a change, and the inbox and email that tell them.

``notify_event`` runs inside the transaction that records an event, so the
notifications exist exactly when the event does; the event's follow-up task
(``requests_app.tasks.follow_up_event``) queues their emails after commit.
"""

import datetime
from collections.abc import Iterable
from functools import reduce
from operator import or_

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from notifications.models import EmailStatus, Notification
from nqi_service.publishing import publish
from requests_app.choices import EventAction as A
from service_stations.choices import StationRole

ENTERPRISE = "enterprise"
STATION = "station"
MANAGERS = "managers"
EXPERT = "expert"

# Emails the broker never got are queued again by ``sweep_pending_emails``.
EMAIL_SWEEPER = "the email sweeper"

# Who is told about each kind of event (the actor never hears of their own act).
AUDIENCES = {
    A.FILE: (STATION,),
    A.TRIAGE: (ENTERPRISE,),
    A.TRANSFER: (STATION, ENTERPRISE),
    A.ASSIGN: (EXPERT, ENTERPRISE),
    A.ACCEPT: (ENTERPRISE,),
    A.DECLINE: (STATION,),
    A.RESOLVE: (ENTERPRISE, STATION),
    A.CONFIRM: (EXPERT, STATION),
    A.REOPEN: (EXPERT, STATION),
    A.REQUEST_INFO: (ENTERPRISE,),
    A.PROVIDE_INFO: (EXPERT, STATION),
    A.REJECT: (ENTERPRISE,),
    A.CANCEL: (STATION, EXPERT),
    A.ESCALATE: (MANAGERS,),
    A.OVERDUE: (MANAGERS, EXPERT),
    A.AUTO_CLOSE: (ENTERPRISE, EXPERT),
}


def _audience(ticket, audience: str) -> Q:
    """Match the users of ``audience`` for ``ticket``, without loading its related records."""
    from enterprises.models import EnterpriseMembership
    from service_stations.models import Expert, StationMembership

    if audience == ENTERPRISE:
        members = EnterpriseMembership.objects.filter(enterprise_id=ticket.enterprise_id)
    elif audience == STATION:
        members = StationMembership.objects.filter(station_id=ticket.station_id)
    elif audience == MANAGERS:
        members = StationMembership.objects.filter(
            station_id=ticket.station_id, role=StationRole.MANAGER
        )
    else:
        members = Expert.objects.filter(pk=ticket.assigned_expert_id)
    return Q(pk__in=members.values("user_id"))


def audience_of(ticket, audiences, *, except_user_id: int | None = None) -> set[int]:
    """Return the ids of the active users of ``audiences`` for ``ticket``, in one query."""
    if not audiences:
        return set()
    matches = reduce(or_, (_audience(ticket, name) for name in audiences))
    users = get_user_model().objects.filter(matches, is_active=True).exclude(pk=except_user_id)
    return set(users.values_list("pk", flat=True))


def recipients_of(event) -> set[int]:
    """Return the ids of the active users to tell about ``event``, in one query."""
    return audience_of(event.ticket, AUDIENCES.get(event.action, ()), except_user_id=event.actor_id)


def event_title(event) -> str:
    """Return the notification title, in Chinese: the reference and what happened."""
    with translation.override("zh-hans"):
        return f"{event.ticket.reference}：{A(event.action).label}"


def notify_event(*, event) -> None:
    """Create the notifications of ``event``, at most one per recipient.

    Their emails are queued by the event's follow-up task once committed.
    """
    recipients = recipients_of(event)
    if not recipients:
        return
    title = event_title(event)
    Notification.objects.bulk_create(
        [
            Notification(
                recipient_id=user_id,
                title=title,
                body=event.note,
                ticket_id=event.ticket_id,
                event=event,
                created_at=event.created_at,
            )
            for user_id in sorted(recipients)
        ],
        ignore_conflicts=True,
    )


def notify_users(*, user_ids: Iterable[int], title: str, body: str = "", ticket=None) -> None:
    """Create notifications that belong to no request event (e.g. a cooperative alert)."""
    notifications = Notification.objects.bulk_create(
        [Notification(recipient_id=i, title=title, body=body, ticket=ticket) for i in user_ids]
    )
    ids = [n.pk for n in notifications]
    transaction.on_commit(lambda: dispatch_email_tasks(ids))


def emails_of_event(event_id: int) -> QuerySet:
    """Return the ids of the event's notifications whose email is still pending."""
    return Notification.objects.filter(
        event_id=event_id, email_status=EmailStatus.PENDING
    ).values_list("pk", flat=True)


def dispatch_email_tasks(notification_ids: Iterable[int]) -> None:
    """Queue the emails; when the broker is down they stay pending for the sweeper."""
    from notifications.tasks import send_notification_email

    for notification_id in notification_ids:
        if not publish(send_notification_email, notification_id, left_to=EMAIL_SWEEPER):
            return


def emails_to_dispatch(now: datetime.datetime) -> QuerySet:
    """Return the ids of emails still pending longer than ``EMAIL_SWEEP_AFTER``,
    and of those whose claim was lost with its worker."""
    return Notification.objects.filter(
        Q(email_status=EmailStatus.PENDING, created_at__lt=now - settings.EMAIL_SWEEP_AFTER)
        | lost_email_claims(now)
    ).values_list("pk", flat=True)


def lost_email_claims(now: datetime.datetime) -> Q:
    """Match emails claimed (``sending``) longer than ``EMAIL_SENDING_TIMEOUT`` ago.

    The task's hard time limit is shorter, so the worker that claimed such an
    email has died (or was killed) before recording the outcome.
    """
    return Q(email_status=EmailStatus.SENDING) & (
        Q(email_claimed_at__lt=now - settings.EMAIL_SENDING_TIMEOUT)
        | Q(email_claimed_at__isnull=True)  # claimed before claims were dated
    )


def notifications_visible_to(user) -> QuerySet[Notification]:
    """Return the caller's own notifications: nobody reads another's inbox."""
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def notification_mark_read(*, notification: Notification) -> Notification:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    return (
        notifications_visible_to(user).filter(read_at__isnull=True).update(read_at=timezone.now())
    )
