"""Roll-up tables of the progress statistics, and the per-request key they were built from.

Every roll-up row is a sum over the ``TicketTally`` rows (what each request last
contributed), changed in the same transaction as those tallies, so the roll-ups
never disagree with the tallies; the tallies are brought back to the raw rows by
``stats.rollups``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from requests_app.choices import Category, Channel, Status


class Grain(models.TextChoices):
    """How much time one roll-up row covers."""

    DAY = "d", _("Day")
    MONTH = "m", _("Month")
    ALL = "a", _("All time")


def _station():
    return models.BigIntegerField(_("station"))


def _region():
    return models.CharField(_("region code"), max_length=6)


def _category():
    return models.CharField(_("category"), max_length=24, choices=Category.choices)


def _channel():
    return models.CharField(
        _("channel"),
        max_length=8,
        choices=Channel.choices,
        default=Channel.ONLINE,
        db_default=Channel.ONLINE,
    )


def _count(label):
    # Not a PositiveIntegerField: PostgreSQL checks the row an upsert proposes
    # (a negative delta) before it finds the conflicting row it then updates.
    return models.IntegerField(label, default=0)


class TicketTally(models.Model):
    """What one request last contributed to the roll-ups: its counted key and measures."""

    ticket_id = models.BigIntegerField(_("request"), primary_key=True)
    enterprise_id = models.BigIntegerField(_("enterprise"))
    region = _region()
    has_lab = models.BooleanField(_("has an in-house lab"))
    in_standard_setting = models.BooleanField(_("took part in standard setting"))
    high_utilisation = models.BooleanField(_("equipment utilisation at least 60 %"))
    station_id = _station()
    category = _category()
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    channel = _channel()
    day = models.DateField(_("filing date"))
    month = models.DateField(_("filing month"))
    resolve_hours = models.IntegerField(_("whole hours to resolve"), null=True)
    losses = models.DecimalField(_("losses avoided (yuan)"), max_digits=14, decimal_places=2)
    rating_sum = models.PositiveSmallIntegerField(_("rating"))
    rated = models.PositiveSmallIntegerField(_("rated"))
    low_rated = models.PositiveSmallIntegerField(_("rated 2 or lower"))
    on_time = models.PositiveSmallIntegerField(_("resolved on time"))
    assigned = models.PositiveSmallIntegerField(_("assigned"))
    assign_seconds = models.BigIntegerField(_("seconds to first assignment"))
    reopened = models.PositiveSmallIntegerField(_("reopened"))

    class Meta:
        verbose_name = _("statistics tally of a request")
        verbose_name_plural = _("statistics tallies of requests")

    def __str__(self):
        return f"{self.ticket_id} {self.status} {self.day}"


class StatsCell(models.Model):
    """Requests filed in one period at one station, category, region, status and channel."""

    grain = models.CharField(_("grain"), max_length=1, choices=Grain.choices)
    period = models.DateField(_("period"))
    station_id = _station()
    category = _category()
    region = _region()
    status = models.CharField(_("status"), max_length=16, choices=Status.choices)
    channel = _channel()
    received = _count(_("received"))
    losses = models.DecimalField(
        _("losses avoided (yuan)"), max_digits=18, decimal_places=2, default=0
    )
    rating_sum = _count(_("sum of ratings"))
    rated = _count(_("rated"))
    low_rated = _count(_("rated 2 or lower"))
    on_time = _count(_("resolved on time"))
    assigned = _count(_("assigned"))
    assign_seconds = models.BigIntegerField(_("seconds to first assignment"), default=0)
    reopened = _count(_("reopened"))

    class Meta:
        verbose_name = _("statistics cell")
        verbose_name_plural = _("statistics cells")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "station_id", "category", "region", "status", "channel"],
                name="stats_cell_channel_key",
            )
        ]

    def __str__(self):
        return f"{self.grain}{self.period} {self.station_id} {self.category} {self.status}"


class ResolveHours(models.Model):
    """A histogram bucket: resolved requests that took ``hours`` whole hours."""

    grain = models.CharField(_("grain"), max_length=1, choices=Grain.choices)
    period = models.DateField(_("period"))
    station_id = _station()
    category = _category()
    region = _region()
    hours = models.IntegerField(_("whole hours to resolve"))
    resolved = _count(_("resolved"))

    class Meta:
        verbose_name = _("resolution time bucket")
        verbose_name_plural = _("resolution time buckets")
        constraints = [
            models.UniqueConstraint(
                fields=["grain", "period", "station_id", "category", "region", "hours"],
                name="stats_hours_key",
            )
        ]

    def __str__(self):
        return f"{self.grain}{self.period} {self.station_id} {self.category} {self.hours}h"


class EnterpriseDay(models.Model):
    """Requests one enterprise filed on one day at one station in one category."""

    day = models.DateField(_("filing date"))
    station_id = _station()
    category = _category()
    region = _region()
    enterprise_id = models.BigIntegerField(_("enterprise"))
    has_lab = models.BooleanField(_("has an in-house lab"))
    in_standard_setting = models.BooleanField(_("took part in standard setting"))
    high_utilisation = models.BooleanField(_("equipment utilisation at least 60 %"))
    requests = _count(_("requests"))

    class Meta:
        verbose_name = _("enterprise day")
        verbose_name_plural = _("enterprise days")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "day",
                    "station_id",
                    "category",
                    "region",
                    "enterprise_id",
                    "has_lab",
                    "in_standard_setting",
                    "high_utilisation",
                ],
                name="stats_enterprise_day_key",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.station_id} {self.category} {self.enterprise_id}"


class EnterpriseReach(models.Model):
    """Requests one enterprise ever filed at one station (station 0: at any station)."""

    station_id = _station()
    region = _region()
    enterprise_id = models.BigIntegerField(_("enterprise"))
    has_lab = models.BooleanField(_("has an in-house lab"))
    in_standard_setting = models.BooleanField(_("took part in standard setting"))
    high_utilisation = models.BooleanField(_("equipment utilisation at least 60 %"))
    requests = _count(_("requests"))

    class Meta:
        verbose_name = _("enterprise reach")
        verbose_name_plural = _("enterprise reaches")
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "station_id",
                    "region",
                    "enterprise_id",
                    "has_lab",
                    "in_standard_setting",
                    "high_utilisation",
                ],
                name="stats_enterprise_reach_key",
            )
        ]

    def __str__(self):
        return f"{self.station_id} {self.enterprise_id}"


class ReachCell(models.Model):
    """Distinct enterprises of one region ever served at one station (0: at any)."""

    station_id = _station()
    region = _region()
    enterprises = _count(_("enterprises"))
    with_lab = _count(_("with an in-house lab"))
    in_standard_setting = _count(_("in standard setting"))
    high_utilisation = _count(_("equipment utilisation at least 60 %"))

    class Meta:
        verbose_name = _("enterprises served")
        verbose_name_plural = _("enterprises served")
        constraints = [
            models.UniqueConstraint(fields=["station_id", "region"], name="stats_reach_cell_key")
        ]

    def __str__(self):
        return f"{self.station_id} {self.region}: {self.enterprises}"


class StatsState(models.Model):
    """The one row saying how far the roll-ups have read the event log, and when."""

    event_watermark = models.BigIntegerField(_("last event counted"), default=0)
    as_of = models.DateTimeField(_("roll-ups as of"), null=True)

    class Meta:
        verbose_name = _("statistics state")
        verbose_name_plural = _("statistics state")

    def __str__(self):
        return f"{self.event_watermark} @ {self.as_of}"


class Reconciliation(models.Model):
    """One run of the nightly rebuild from raw rows, and the drift it corrected."""

    started_at = models.DateTimeField(_("started at"))
    finished_at = models.DateTimeField(_("finished at"))
    tickets_checked = models.PositiveIntegerField(_("requests checked"))
    tickets_corrected = models.PositiveIntegerField(_("requests corrected"))
    corrected_ids = models.JSONField(_("some corrected requests"), default=list)

    class Meta:
        verbose_name = _("statistics reconciliation")
        verbose_name_plural = _("statistics reconciliations")
        ordering = ["-started_at"]

    def __str__(self):
        return f"{self.started_at}: {self.tickets_corrected}/{self.tickets_checked}"
