"""Tasks of the shared parts: notification emails."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from nqi_service.models import EmailStatus, Notification

EMAIL_RETRIES = 5


@shared_task(bind=True, max_retries=EMAIL_RETRIES)
def send_notification_email(self, notification_id: int) -> None:
    """Email one notification, at most once: the row is claimed before sending."""
    claimed = Notification.objects.filter(
        pk=notification_id, email_status=EmailStatus.PENDING
    ).update(email_status=EmailStatus.SENDING)
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
    """Queue again the emails whose task never reached the broker."""
    from nqi_service.notifications import dispatch_email_tasks, emails_to_dispatch

    ids = list(emails_to_dispatch(timezone.now())[: settings.ASSIGNMENT_SWEEP_BATCH])
    dispatch_email_tasks(ids)
    return len(ids)
