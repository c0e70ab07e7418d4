"""Codes of the service catalogue, each with a translated human label."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ServiceKind(models.TextChoices):
    """What a catalogue service delivers (API.md "Doorstep and catalogue")."""

    CONSULTATION = "consultation", _("Consultation")
    CALIBRATION = "calibration", _("Calibration and verification")
    TESTING = "testing", _("Testing")
    CERTIFICATION_GUIDANCE = "certification_guidance", _("Certification guidance")
    STANDARDS_HELP = "standards_help", _("Standards help")
    DIAGNOSIS = "diagnosis", _("Quality diagnosis")
    BRAND_BUILDING = "brand_building", _("Brand building")
    TRAINING = "training", _("Training")
    TACKLING = "tackling", _("Joint problem-solving")


class Severity(models.TextChoices):
    """How serious a diagnosis finding is."""

    LOW = "low", pgettext_lazy("severity", "Low")
    MEDIUM = "medium", pgettext_lazy("severity", "Medium")
    HIGH = "high", pgettext_lazy("severity", "High")
