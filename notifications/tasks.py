"""Tasks of the notification inbox: each email sent at most once, and the sweeper behind them."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from notifications.models import EmailStatus, Notification
from notifications.services import lost_email_claims

EMAIL_RETRIES = 5


@shared_task(bind=True, max_retries=EMAIL_RETRIES)
def send_notification_email(self, notification_id: int) -> None:
    """Email one notification, at most once as far as a dying worker allows.

    The row is claimed (``pending`` → ``sending``, dated) before sending, so a
    duplicate or redelivered task finds nothing to do. A claim older than
    ``EMAIL_SENDING_TIMEOUT`` (above the task's hard time limit) is taken to
    be lost with its worker, and a redelivery or the sweeper claims it again.

    The trade-off: a worker killed after the mail server accepted the message
    but before the row says ``sent`` leaves a claim that looks lost, and the
    email goes out a second time. Without retrying lost claims such emails
    would never go out at all; a rare duplicate notice is the lesser harm.
    """
    now = timezone.now()
    claimed = (
        Notification.objects.filter(pk=notification_id)
        .filter(Q(email_status=EmailStatus.PENDING) | lost_email_claims(now))
        .update(email_status=EmailStatus.SENDING, email_claimed_at=now)
    )
    if not claimed:
        return
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    address = notification.recipient.email
    if not address:
        _set_status(notification_id, EmailStatus.SKIPPED)
        return
    try:
        send_mail(notification.title, notification.body or notification.title, None, [address])
    except (smtplib.SMTPException, OSError) as error:
        final = self.request.retries >= EMAIL_RETRIES
        _set_status(notification_id, EmailStatus.FAILED if final else EmailStatus.PENDING)
        if final:
            raise
        raise self.retry(exc=error, countdown=2**self.request.retries * 30) from error
    _set_status(notification_id, EmailStatus.SENT)


def _set_status(notification_id: int, status: str) -> None:
    Notification.objects.filter(pk=notification_id).update(email_status=status)


@shared_task(acks_late=True)
def sweep_pending_emails() -> int:
    """Queue again the emails whose task never reached the broker or whose worker died."""
    from notifications.services import dispatch_email_tasks, emails_to_dispatch

    ids = list(emails_to_dispatch(timezone.now())[: settings.ASSIGNMENT_SWEEP_BATCH])
    dispatch_email_tasks(ids)
    return len(ids)
