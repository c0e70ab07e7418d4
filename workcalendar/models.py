"""The official arrangement of years the bundled calendar does not know yet."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", _("day off")
    WORKDAY = "workday", _("working day")


class CalendarDay(models.Model):
    """One date of the State Council's yearly arrangement, as an administrator entered it.

    It wins over the bundled data and the computed statutory days: a bridged
    holiday, or a weekend worked in exchange (调休).
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=16, choices=DayKind.choices)
    name = models.CharField(_("name"), max_length=64, help_text=_("e.g. 春节, 春节调休上班"))

    class Meta:
        ordering = ["date"]
        verbose_name = _("calendar day")
        verbose_name_plural = _("calendar days")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(kind__in=DayKind.values), name="calendar_day_kind_valid"
            )
        ]

    def __str__(self):
        return f"{self.date} {self.get_kind_display()} {self.name}"


class CalendarYear(models.Model):
    """Whether a year's official arrangement has been entered in full."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    arrangement_complete = models.BooleanField(
        _("official arrangement complete"),
        default=False,
        help_text=_("Tick once every holiday and make-up working day of the year is entered."),
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("calendar year")
        verbose_name_plural = _("calendar years")

    def __str__(self):
        return str(self.year)
