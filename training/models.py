"""Courses a station publishes, their sessions, enrolments and certificates."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from requests_app.choices import Category
from training.choices import ACTIVE, EnrolmentStatus


class Course(models.Model):
    """A course on one NQI element, published by a station."""

    station = models.ForeignKey(
        "service_stations.ServiceStation",
        verbose_name=_("station"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    title = models.CharField(_("title"), max_length=200)
    element = models.CharField(_("NQI element"), max_length=32, choices=Category.choices)
    hours = models.DecimalField(_("hours"), max_digits=5, decimal_places=1)
    description = models.TextField(_("description"), blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gt=0), name="course_hours_positive"),
        ]

    def __str__(self):
        return self.title


class Session(models.Model):
    """One run of a course: when, where and how many seats."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    seats = models.PositiveIntegerField(_("seats"))
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gt=0), name="session_seats_positive"),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(
                fields=["starts_at"],
                condition=Q(reminded_at__isnull=True),
                name="session_to_remind",
            )
        ]

    def __str__(self):
        return f"{self.course} {self.starts_at:%Y-%m-%d %H:%M}"


class Enrolment(models.Model):
    """A named employee of an enterprise on a session: a seat or a place in the queue."""

    session = models.ForeignKey(
        Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="enrolments"
    )
    enterprise = models.ForeignKey(
        "enterprises.Enterprise",
        verbose_name=_("enterprise"),
        on_delete=models.PROTECT,
        related_name="enrolments",
    )
    attendee_name = models.CharField(_("attendee name"), max_length=100)
    attendee_phone = models.CharField(_("attendee phone"), max_length=32, blank=True)
    status = models.CharField(_("status"), max_length=16, choices=EnrolmentStatus.choices)
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enrolled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=EnrolmentStatus.values), name="enrolment_status_known"
            ),
            models.UniqueConstraint(
                fields=["session", "enterprise", "attendee_name"],
                condition=Q(status__in=ACTIVE),
                name="enrolment_once_per_attendee",
            ),
        ]
        indexes = [models.Index(fields=["session", "status", "created_at"])]

    def __str__(self):
        return f"{self.attendee_name} ({self.get_status_display()})"


class Certificate(models.Model):
    """Proof that an attendee completed a course; its number is not guessable."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificate",
    )
    number = models.CharField(_("number"), max_length=32, unique=True)
    completed_on = models.DateField(_("completed on"))
    issued_at = models.DateTimeField(_("issued at"))

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")

    def __str__(self):
        return self.number
