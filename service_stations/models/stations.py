"""The service network: stations, their staff, experts and supervisors' regions."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from enterprises.validators import (
    validate_industry_code_list,
    validate_region_code,
    validate_region_prefix,
)
from requests_app.choices import Category
from service_stations.choices import StationKind, StationRole


class ServiceStation(models.Model):
    """A service point of the network: a doorstep station, a cooperative, an
    industry centre or an online platform, optionally under a parent hub."""

    code = models.SlugField(_("code"), max_length=32, unique=True)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(
        _("kind"), max_length=16, choices=StationKind.choices, default=StationKind.STATION
    )
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    host_organization = models.CharField(_("host organisation"), max_length=200, blank=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent station"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    is_active = models.BooleanField(_("active"), default=True)
    pass_rate_target = models.DecimalField(
        _("pass rate target"),
        max_digits=4,
        decimal_places=3,
        default=Decimal("0.950"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("For a cooperative: the members' sampling pass rate to hold, 0–1."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="StationMembership",
        related_name="stations",
        verbose_name=_("staff"),
    )

    class Meta:
        verbose_name = _("service station")
        verbose_name_plural = _("service stations")
        ordering = ["code"]
        indexes = [models.Index(fields=["region_code"], name="station_region_idx")]
        constraints = [
            models.CheckConstraint(condition=~Q(parent=F("id")), name="station_not_own_parent")
        ]

    def __str__(self):
        return self.name


class StationService(models.Model):
    """One NQI service (a request category) that a station offers."""

    station = models.ForeignKey(
        ServiceStation,
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        related_name="services",
    )
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)

    class Meta:
        verbose_name = _("station service")
        verbose_name_plural = _("station services")
        constraints = [
            models.UniqueConstraint(fields=["station", "category"], name="station_service_unique")
        ]
        indexes = [models.Index(fields=["category", "station"], name="station_service_cat_idx")]

    def __str__(self):
        return self.get_category_display()


class StationMembership(models.Model):
    """A user working at a station, as staff or as its manager."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="station_memberships",
    )
    station = models.ForeignKey(
        ServiceStation,
        verbose_name=_("station"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=16, choices=StationRole.choices, default=StationRole.STAFF
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("station membership")
        verbose_name_plural = _("station memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "station"], name="station_membership_unique")
        ]

    def __str__(self):
        return f"{self.user} @ {self.station}"


class Expert(models.Model):
    """An expert who works on quality problems, up to ``capacity`` at a time.

    ``open_assignments`` counts the requests now assigned to or in progress with
    the expert; it changes in the same transaction as those requests, and the
    database refuses a value outside ``0..capacity``.
    """

    name = models.CharField(_("name"), max_length=100)
    organization = models.CharField(_("organisation"), max_length=200, blank=True)
    title = models.CharField(_("title"), max_length=100, blank=True)
    industries = models.JSONField(
        _("industry code prefixes"),
        default=list,
        blank=True,
        validators=[validate_industry_code_list],
        help_text=_("GB/T 4754 codes or prefixes, e.g. C17 for textiles."),
    )
    stations = models.ManyToManyField(
        ServiceStation, verbose_name=_("stations"), related_name="experts", blank=True
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=5, validators=[MinValueValidator(0)]
    )
    open_assignments = models.PositiveSmallIntegerField(
        _("open assignments"), default=0, editable=False
    )
    is_available = models.BooleanField(_("available"), default=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("login"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expert")
        verbose_name_plural = _("experts")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(open_assignments__gte=0) & Q(open_assignments__lte=F("capacity")),
                name="expert_open_assignments_within_capacity",
            )
        ]

    def __str__(self):
        return self.name


class ExpertSpecialty(models.Model):
    """A request category an expert is qualified for, until ``valid_until`` when set."""

    expert = models.ForeignKey(
        Expert,
        verbose_name=_("expert"),
        on_delete=models.CASCADE,
        related_name="specialties",
    )
    category = models.CharField(_("category"), max_length=24, choices=Category.choices)
    valid_until = models.DateField(
        _("qualification valid until"),
        null=True,
        blank=True,
        help_text=_("Last day the qualification is valid; empty when it does not expire."),
    )

    class Meta:
        verbose_name = _("expert specialty")
        verbose_name_plural = _("expert specialties")
        constraints = [
            models.UniqueConstraint(fields=["expert", "category"], name="expert_specialty_unique")
        ]
        indexes = [models.Index(fields=["category", "expert"], name="expert_specialty_cat_idx")]

    def __str__(self):
        return self.get_category_display()


class ExpertLeave(models.Model):
    """A period, both days included, when an expert takes no new requests."""

    expert = models.ForeignKey(
        Expert, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="leaves"
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    reason = models.CharField(_("reason"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("expert leave")
        verbose_name_plural = _("expert leaves")
        ordering = ["expert", "starts_on"]
        indexes = [models.Index(fields=["expert", "ends_on"], name="expert_leave_ends_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="expert_leave_ends_after_start"
            )
        ]

    def __str__(self):
        return f"{self.expert} {self.starts_on}–{self.ends_on}"


class SupervisorScope(models.Model):
    """The administrative region a supervisor (regulator) watches: a code prefix."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="supervisor_scope",
    )
    region_prefix = models.CharField(
        _("region code prefix"), max_length=6, validators=[validate_region_prefix]
    )

    class Meta:
        verbose_name = _("supervisor scope")
        verbose_name_plural = _("supervisor scopes")

    def __str__(self):
        return f"{self.user} ({self.region_prefix})"
