"""Shared records: the append-only base of audit trails and the idempotency keys of the API."""

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


class AuditEvent(AppendOnlyModel):
    """One entry of an audit trail: who did what to the subject, when, with a note.

    A subclass adds its subject as a ``ForeignKey`` with ``on_delete=PROTECT``
    (a trail outlives nothing it records), its ``action`` with the choices of
    its trail and, in its ``Meta``, the constraint ``action_is_known`` builds;
    the statuses where its subject has a lifecycle.
    """

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("actor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        abstract = True


def action_is_known(actions: type[models.TextChoices], *, name: str) -> models.CheckConstraint:
    """Return the CHECK that an audit trail's ``action`` is one of ``actions``."""
    return models.CheckConstraint(condition=Q(action__in=actions.values), name=name)


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
