"""Codes describing the service network, each with a translated label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StationKind(models.TextChoices):
    STATION = "station", _("Doorstep quality service station")
    COOPERATIVE = "cooperative", _("Quality cooperative")
    INDUSTRY_CENTER = "industry_center", _("Industry service centre")
    PLATFORM = "platform", _("Online platform")


class StationRole(models.TextChoices):
    STAFF = "station_staff", _("Station staff")
    MANAGER = "station_manager", _("Station manager")


class MembershipStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    ACTIVE = "active", _("Active")
    REFUSED = "refused", _("Refused")
    SUSPENDED = "suspended", _("Suspended")
    LEFT = "left", _("Left")


class MembershipAction(models.TextChoices):
    JOIN = "join", _("Asked to join")
    APPROVE = "approve", _("Approved")
    REFUSE = "refuse", _("Refused")
    SUSPEND = "suspend", _("Suspended")
    REINSTATE = "reinstate", _("Reinstated")
    LEAVE = "leave", _("Left")
