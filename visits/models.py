"""Doorstep visits (上门走访): station staff at a firm, what they found, and its roll-up."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from requests_app.choices import Category, Urgency


class Visit(models.Model):
    """A visit of a station's staff (and experts) to an enterprise, with its findings.

    The enterprise sees it without ``internal_note`` and may confirm the record
    (签字确认) once.
    """

    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    station = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="visits",
    )
    visited_at = models.DateTimeField(_("visited at"))
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("staff who went"), related_name="visits"
    )
    experts = models.ManyToManyField(
        "service_stations.Expert",
        verbose_name=_("experts who went"),
        blank=True,
        related_name="visits",
    )
    summary = models.TextField(_("summary"))
    internal_note = models.TextField(_("internal note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("doorstep visit")
        verbose_name_plural = _("doorstep visits")
        ordering = ["-visited_at", "-id"]
        indexes = [
            models.Index(fields=["station", "-visited_at", "-id"], name="visit_station_idx"),
            models.Index(fields=["enterprise", "-visited_at", "-id"], name="visit_enterprise_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(confirmed_at__isnull=True) | Q(confirmed_by__isnull=False),
                name="visit_confirmed_by_someone",
            )
        ]

    def __str__(self):
        return f"{self.enterprise_id} @ {self.visited_at:%Y-%m-%d}"


class Finding(models.Model):
    """A problem found on a visit; ``ticket`` is the request it was filed as, if any."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="findings"
    )
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    description = models.TextField(_("description"))
    urgency = models.CharField(
        _("urgency"), max_length=8, choices=Urgency.choices, default=Urgency.NORMAL
    )
    ticket = models.OneToOneField(
        "requests_app.Ticket",
        verbose_name=_("request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="visit_finding",
    )

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=Category.values), name="finding_category_known"
            )
        ]

    def __str__(self):
        return f"{self.visit_id}: {self.category}"


class VisitDay(models.Model):
    """Visits to one enterprise on one day by one station: the statistics' roll-up.

    ``region`` is the enterprise's region code when counted; a change of region
    recounts the enterprise's rows (``visits.stats.recount_enterprise``).
    """

    day = models.DateField(_("visit date"))
    station_id = models.BigIntegerField(_("station"))
    region = models.CharField(_("region code"), max_length=6)
    enterprise_id = models.BigIntegerField(_("enterprise"))
    visits = models.IntegerField(_("visits"), default=0)

    class Meta:
        verbose_name = _("visits of a day")
        verbose_name_plural = _("visits of a day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "station_id", "region", "enterprise_id"], name="visit_day_key"
            )
        ]
        indexes = [models.Index(fields=["enterprise_id"], name="visit_day_enterprise_idx")]

    def __str__(self):
        return f"{self.day} {self.station_id} {self.enterprise_id}: {self.visits}"
