"""Shared records of the network: append-only records and the in-app notification inbox."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(Exception):
    """Raised when code tries to change or delete a recorded event."""


class AppendOnlyModel(models.Model):
    """A record written once and never changed or deleted."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise AppendOnlyError(f"{self._meta.verbose_name} is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError(f"{self._meta.verbose_name} is append-only.")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    SENDING = "sending", _("Sending")
    SENT = "sent", _("Sent")
    SKIPPED = "skipped", _("No email address")
    FAILED = "failed", _("Failed")


class Notification(models.Model):
    """A message to one user about a change that concerns them.

    One per recipient and event at most (the database refuses a second), so a
    repeated fan-out never notifies twice; its email is sent at most once.
    """

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("body"), blank=True)
    ticket = models.ForeignKey(
        "requests_app.Ticket",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    event = models.ForeignKey(
        "requests_app.TicketEvent",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    email_status = models.CharField(
        _("email"), max_length=8, choices=EmailStatus.choices, default=EmailStatus.PENDING
    )
    # When a worker claimed the email (``sending``); a claim older than
    # ``EMAIL_SENDING_TIMEOUT`` is taken to be lost with its worker.
    email_claimed_at = models.DateTimeField(_("email claimed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "-created_at", "-id"], name="notification_inbox_idx"),
            models.Index(
                fields=["recipient"],
                name="notification_unread_idx",
                condition=Q(read_at__isnull=True),
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "event"],
                condition=Q(event__isnull=False),
                name="notification_once_per_event",
            )
        ]

    def __str__(self):
        return self.title


class IdempotencyKey(models.Model):
    """A ``POST`` sent with an ``Idempotency-Key``: its claim, then its first answer.

    One row per caller and key (the database refuses a second), so concurrent
    retries can't both run. The caller is the login, or on registration the
    username asked for. ``status_code`` is null while the first request runs.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    username = models.CharField(_("username registered"), max_length=150, blank=True)
    key = models.CharField(_("key"), max_length=255)
    fingerprint = models.CharField(_("request fingerprint"), max_length=64)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True, blank=True)
    content_type = models.CharField(_("content type"), max_length=100, blank=True)
    body = models.TextField(_("body"), blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        indexes = [models.Index(fields=["created_at"], name="idempotency_created_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key"],
                condition=Q(user__isnull=False),
                name="idempotency_once_per_user",
            ),
            models.UniqueConstraint(
                fields=["username", "key"],
                condition=Q(user__isnull=True),
                name="idempotency_once_per_registration",
            ),
            models.CheckConstraint(
                condition=Q(user__isnull=False) | ~Q(username=""),
                name="idempotency_has_a_caller",
            ),
        ]

    def __str__(self):
        return self.key
