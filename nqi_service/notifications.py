"""Who hears about a change, and the inbox and email that tell them.

``notify_event`` runs inside the transaction that records an event, so the
notifications exist exactly when the event does; emails go out after commit.
"""

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation
from kombu.exceptions import OperationalError as BrokerError

from nqi_service.models import EmailStatus, Notification
from requests_app.choices import EventAction as A
from service_stations.choices import StationRole

logger = logging.getLogger(__name__)

ENTERPRISE = "enterprise"
STATION = "station"
MANAGERS = "managers"
EXPERT = "expert"

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


def _audience_user_ids(ticket, audience: str) -> Iterable[int]:
    if audience == ENTERPRISE:
        return ticket.enterprise.memberships.values_list("user_id", flat=True)
    if audience == STATION:
        return ticket.station.memberships.values_list("user_id", flat=True)
    if audience == MANAGERS:
        return ticket.station.memberships.filter(role=StationRole.MANAGER).values_list(
            "user_id", flat=True
        )
    expert = ticket.assigned_expert
    return [expert.user_id] if expert and expert.user_id else []


def recipients_of(event) -> set[int]:
    """Return the ids of the active users to tell about ``event``."""
    ids = set()
    for audience in AUDIENCES.get(event.action, ()):
        ids.update(_audience_user_ids(event.ticket, audience))
    ids.discard(event.actor_id)
    return set(
        get_user_model().objects.filter(pk__in=ids, is_active=True).values_list("pk", flat=True)
    )


def event_title(event) -> str:
    """Return the notification title, in Chinese: the reference and what happened."""
    with translation.override("zh-hans"):
        return f"{event.ticket.reference}：{A(event.action).label}"


def notify_event(*, event) -> None:
    """Create the notifications of ``event`` (at most one per recipient) and email them."""
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
    transaction.on_commit(lambda: _dispatch_emails(event_id=event.pk))


def notify_users(*, user_ids: Iterable[int], title: str, body: str = "", ticket=None) -> None:
    """Create notifications that belong to no request event (e.g. a cooperative alert)."""
    notifications = Notification.objects.bulk_create(
        [Notification(recipient_id=i, title=title, body=body, ticket=ticket) for i in user_ids]
    )
    ids = [n.pk for n in notifications]
    transaction.on_commit(lambda: _dispatch_emails(notification_ids=ids))


def _dispatch_emails(*, event_id: int | None = None, notification_ids=()) -> None:
    pending = Notification.objects.filter(email_status=EmailStatus.PENDING)
    if event_id:
        pending = pending.filter(event_id=event_id)
    else:
        pending = pending.filter(pk__in=notification_ids)
    dispatch_email_tasks(pending.values_list("pk", flat=True))


def dispatch_email_tasks(notification_ids: Iterable[int]) -> None:
    """Queue the emails; when the broker is down they stay pending for the sweeper."""
    from nqi_service.tasks import send_notification_email

    try:
        for notification_id in notification_ids:
            send_notification_email.delay(notification_id)
    except BrokerError:
        logger.warning("Broker unavailable; emails wait for the sweeper.")


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
