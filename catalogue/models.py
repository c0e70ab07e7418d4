"""The service catalogue (one door to every NQI service) and diagnosis reports."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from catalogue.choices import ServiceKind, Severity
from nqi_service.models import AppendOnlyModel
from requests_app.choices import Category

# About a year of working days: longer is a project, not a service.
MAX_WORKING_DAYS = 250


class Service(models.Model):
    """A service the network offers, on one NQI element, at the stations listed.

    A request for it takes its category from ``element`` and falls due after
    ``working_days`` (``requests_app.deadlines``); only a station that offers it
    takes such a request.
    """

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=100)
    element = models.CharField(_("NQI element"), max_length=24, choices=Category.choices)
    kind = models.CharField(_("kind"), max_length=24, choices=ServiceKind.choices)
    description = models.TextField(_("description"), blank=True)
    working_days = models.PositiveSmallIntegerField(
        _("working days"),
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WORKING_DAYS)],
        help_text=_("Working days a request for the service takes; its due date follows."),
    )
    fee = models.DecimalField(
        _("fee (yuan)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty when the service is free or priced case by case."),
    )
    stations = models.ManyToManyField(
        "service_stations.ServiceStation",
        verbose_name=_("stations offering it"),
        related_name="catalogue",
        blank=True,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)

    class Meta:
        verbose_name = _("catalogue service")
        verbose_name_plural = _("catalogue services")
        ordering = ["element", "code"]
        indexes = [models.Index(fields=["element", "kind"], name="service_element_kind_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(element__in=Category.values), name="service_element_known"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ServiceKind.values), name="service_kind_known"
            ),
            models.CheckConstraint(
                condition=Q(working_days__gte=1, working_days__lte=MAX_WORKING_DAYS),
                name="service_working_days_in_range",
            ),
            models.CheckConstraint(
                condition=Q(fee__isnull=True) | Q(fee__gte=0), name="service_fee_not_negative"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def is_diagnosis(self) -> bool:
        return self.kind == ServiceKind.DIAGNOSIS


class DiagnosisReport(AppendOnlyModel):
    """The structured result of a diagnosis request, written when it is resolved.

    A request reopened and resolved again gets a new report; the latest is its
    report. Reports are never changed or deleted.
    """

    ticket = models.ForeignKey(
        "requests_app.Ticket",
        verbose_name=_("request"),
        on_delete=models.PROTECT,
        related_name="diagnosis_reports",
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("diagnosis report")
        verbose_name_plural = _("diagnosis reports")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["ticket", "-created_at", "-id"], name="report_ticket_idx")]

    def __str__(self):
        return f"{self.ticket_id} @ {self.created_at:%Y-%m-%d}"


class ReportFinding(AppendOnlyModel):
    """One problem a diagnosis found: where, how serious, and the evidence."""

    report = models.ForeignKey(
        DiagnosisReport,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="findings",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    area = models.CharField(_("area"), max_length=100)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    evidence = models.TextField(_("evidence"))

    class Meta:
        verbose_name = _("diagnosis finding")
        verbose_name_plural = _("diagnosis findings")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="finding_position_unique"),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="finding_severity_known"
            ),
        ]

    def __str__(self):
        return self.area


class ReportRecommendation(AppendOnlyModel):
    """One recommendation of a diagnosis; ``follow_up`` is the request it was filed as."""

    report = models.ForeignKey(
        DiagnosisReport,
        verbose_name=_("report"),
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.TextField(_("recommendation"))
    follow_up = models.OneToOneField(
        "requests_app.Ticket",
        verbose_name=_("follow-up request"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="diagnosis_recommendation",
    )

    class Meta:
        verbose_name = _("diagnosis recommendation")
        verbose_name_plural = _("diagnosis recommendations")
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "position"], name="recommendation_position_unique"
            )
        ]

    def __str__(self):
        return self.text[:40]
