"""The Nantong pattern: cooperative membership with its history, sampling
inspections and pass-rate alerts.

A membership is one row per (cooperative, enterprise) holding the current
status; every move is an append-only ``CooperativeMembershipEvent``, so the
history survives leaving and rejoining and answers "was the enterprise a
member on that day?".
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nqi_service.models import AuditEvent, action_is_known
from service_stations.choices import MembershipAction, MembershipStatus


class CooperativeMembership(models.Model):
    """An enterprise's membership of a quality cooperative, in its current status."""

    cooperative = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="cooperative_memberships",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="cooperative_memberships",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=MembershipStatus.choices,
        default=MembershipStatus.PENDING,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), default=timezone.now)

    class Meta:
        verbose_name = _("cooperative membership")
        verbose_name_plural = _("cooperative memberships")
        ordering = ["cooperative", "enterprise"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative", "enterprise"], name="cooperative_membership_unique"
            )
        ]
        indexes = [models.Index(fields=["enterprise", "status"], name="coop_membership_status_idx")]

    def __str__(self):
        return f"{self.enterprise} @ {self.cooperative}"


class CooperativeMembershipEvent(AuditEvent):
    """One move of a membership: who made it, from which status to which, why (the note)."""

    membership = models.ForeignKey(
        CooperativeMembership,
        verbose_name=_("membership"),
        on_delete=models.PROTECT,
        related_name="events",
    )
    action = models.CharField(_("action"), max_length=16, choices=MembershipAction.choices)
    from_status = models.CharField(
        _("from status"), max_length=16, choices=MembershipStatus.choices, blank=True
    )
    to_status = models.CharField(_("to status"), max_length=16, choices=MembershipStatus.choices)

    class Meta:
        verbose_name = _("membership event")
        verbose_name_plural = _("membership events")
        ordering = ["membership", "created_at", "id"]
        indexes = [
            models.Index(fields=["membership", "created_at"], name="coop_membership_event_idx")
        ]
        constraints = [action_is_known(MembershipAction, name="coop_membership_event_action_known")]

    def __str__(self):
        return f"{self.membership}: {self.action}"


class SamplingInspection(models.Model):
    """A sample of a member's product batch, checked by the cooperative's staff."""

    cooperative = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    product = models.CharField(_("product"), max_length=200)
    batch = models.CharField(_("batch"), max_length=64)
    sampled_on = models.DateField(_("sampled on"))
    passed = models.BooleanField(_("passed"))
    defect_categories = models.JSONField(_("defect categories"), default=list, blank=True)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspector"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    ticket = models.OneToOneField(
        "requests_app.Ticket",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="inspection",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("sampling inspection")
        verbose_name_plural = _("sampling inspections")
        ordering = ["-sampled_on", "-id"]
        indexes = [
            models.Index(fields=["cooperative", "sampled_on"], name="inspection_coop_date_idx"),
            models.Index(fields=["enterprise", "sampled_on"], name="inspection_ent_date_idx"),
        ]
        constraints = [models.CheckConstraint(condition=~Q(batch=""), name="inspection_batch")]

    def __str__(self):
        return f"{self.product} {self.batch}"


class CooperativeAlert(models.Model):
    """The cooperative's rolling pass rate fell under its target.

    At most one alert is open (not recovered) per cooperative: a new one is
    recorded only after the rate came back to the target.
    """

    cooperative = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("cooperative"),
        on_delete=models.PROTECT,
        related_name="alerts",
    )
    inspection = models.ForeignKey(
        SamplingInspection,
        verbose_name=_("inspection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pass_rate = models.DecimalField(
        _("pass rate"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
    )
    target = models.DecimalField(_("target"), max_digits=4, decimal_places=3)
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    recovered_at = models.DateTimeField(_("recovered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cooperative alert")
        verbose_name_plural = _("cooperative alerts")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["cooperative"],
                condition=Q(recovered_at__isnull=True),
                name="cooperative_one_open_alert",
            )
        ]

    def __str__(self):
        return f"{self.cooperative} {self.pass_rate}"
