"""Enterprises that file quality problems, their clusters and their users."""

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from enterprises.choices import (
    FARMERS_COOPERATIVE_CODE_PREFIX,
    INDIVIDUAL_BUSINESS_CODE_PREFIX,
    AccessChannel,
    EnterpriseEventAction,
    EnterpriseKind,
    MemberRole,
    PersonalField,
    SizeClass,
)
from enterprises.validators import (
    validate_credit_code,
    validate_industry_code,
    validate_phone,
    validate_region_code,
)
from nqi_service.encryption import EncryptedCharField
from nqi_service.models import AppendOnlyModel, AuditEvent, action_is_known


class IndustryCluster(models.Model):
    """A regional industry cluster (产业集群), e.g. Nantong home textiles."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    industry_code = models.CharField(
        _("industry code"), max_length=5, blank=True, validators=[validate_industry_code]
    )
    chain_description = models.TextField(_("industry chain"), blank=True)

    class Meta:
        verbose_name = _("industry cluster")
        verbose_name_plural = _("industry clusters")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Enterprise(models.Model):
    """A small or private enterprise (or individual business) served by the network."""

    name = models.CharField(_("name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    kind = models.CharField(
        _("kind"), max_length=24, choices=EnterpriseKind.choices, default=EnterpriseKind.COMPANY
    )
    region_code = models.CharField(
        _("region code"), max_length=6, validators=[validate_region_code]
    )
    industry_code = models.CharField(
        _("industry code"), max_length=5, blank=True, validators=[validate_industry_code]
    )
    size = models.CharField(
        _("size class"), max_length=8, choices=SizeClass.choices, default=SizeClass.SMALL
    )
    cluster = models.ForeignKey(
        IndustryCluster,
        verbose_name=_("industry cluster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enterprises",
    )
    contact_name = models.CharField(_("contact person"), max_length=50)
    # Personal data (PIPL): stored encrypted, read as plain text.
    contact_phone = EncryptedCharField(
        _("contact phone"), validators=[MaxLengthValidator(20), validate_phone]
    )
    address = models.CharField(_("address"), max_length=255, blank=True)
    has_lab = models.BooleanField(_("has an in-house lab"), default=False)
    in_standard_setting = models.BooleanField(_("took part in standard setting"), default=False)
    equipment_utilisation = models.PositiveSmallIntegerField(
        _("equipment utilisation (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
    )
    is_verified = models.BooleanField(_("verified"), default=False)
    # False while a firm a station recorded has no login yet (claimed with a claim code).
    is_claimed = models.BooleanField(_("claimed"), default=True, db_default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        through="EnterpriseMembership",
        related_name="enterprises",
        verbose_name=_("members"),
    )

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["id"]
        indexes = [models.Index(fields=["region_code"], name="enterprise_region_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(equipment_utilisation__isnull=True) | Q(equipment_utilisation__lte=100),
                name="enterprise_utilisation_percent",
            ),
            models.CheckConstraint(
                condition=~Q(kind=EnterpriseKind.INDIVIDUAL_BUSINESS)
                | Q(credit_code__startswith=INDIVIDUAL_BUSINESS_CODE_PREFIX),
                name="enterprise_individual_business_code",
                violation_error_message=_(
                    "An individual business has a credit code starting with 92."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(kind=EnterpriseKind.FARMERS_COOPERATIVE)
                | Q(credit_code__startswith=FARMERS_COOPERATIVE_CODE_PREFIX),
                name="enterprise_farmers_cooperative_code",
                violation_error_message=_(
                    "A farmers' cooperative has a credit code starting with 93."
                ),
            ),
        ]

    def __str__(self):
        return self.name


class EnterpriseMembership(models.Model):
    """A user's membership of an enterprise, as its owner or as a colleague."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="enterprise_memberships",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(
        _("role"), max_length=8, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    created_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("enterprise membership")
        verbose_name_plural = _("enterprise memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "enterprise"], name="enterprise_membership_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class EnterpriseEvent(AuditEvent):
    """One entry of an enterprise's audit trail: registration, verification,
    profile changes and members joining or leaving. Written once, never changed."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.PROTECT, related_name="events"
    )
    action = models.CharField(_("action"), max_length=16, choices=EnterpriseEventAction.choices)

    class Meta:
        verbose_name = _("enterprise event")
        verbose_name_plural = _("enterprise events")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["enterprise", "created_at", "id"], name="enterprise_event_idx")
        ]
        constraints = [action_is_known(EnterpriseEventAction, name="enterprise_event_action_known")]

    def __str__(self):
        return f"{self.enterprise_id} {self.action}"


CLAIM_CODE_MAX_FAILURES = 5


class ClaimCode(models.Model):
    """A one-time code that hands a firm a station recorded over to its first login.

    Only a keyed hash of the code is stored. A code is open until it is used,
    voided (reissued, or after ``MAX_FAILURES`` wrong tries) or expired; an
    enterprise has at most one open code (a partial unique index).
    """

    MAX_FAILURES = CLAIM_CODE_MAX_FAILURES

    enterprise = models.ForeignKey(
        Enterprise, verbose_name=_("enterprise"), on_delete=models.CASCADE, related_name="+"
    )
    code_hash = models.CharField(_("code hash"), max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("issued at"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires at"))
    failures = models.PositiveSmallIntegerField(_("wrong tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)
    voided_at = models.DateTimeField(_("voided at"), null=True, blank=True)

    class Meta:
        verbose_name = _("claim code")
        verbose_name_plural = _("claim codes")
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(used_at__isnull=True, voided_at__isnull=True),
                name="claim_code_one_open_per_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(failures__lte=CLAIM_CODE_MAX_FAILURES),
                name="claim_code_at_most_five_failures",
            ),
        ]

    def __str__(self):
        return f"{self.enterprise_id} @ {self.created_at:%Y-%m-%d}"


class ContactAccess(AppendOnlyModel):
    """One look at an enterprise's personal data in clear by someone outside it.

    Written by ``enterprises.services.personal_data.contact_reveal``, never changed; the
    enterprise reads its rows in its data export (PIPL). The viewer's username
    and role are copied, so the record still says who looked after the login
    is gone or its roles changed.
    """

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="contact_accesses",
    )
    field = models.CharField(_("field"), max_length=24, choices=PersonalField.choices)
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("viewer"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    viewer_username = models.CharField(_("viewer's username"), max_length=150)
    viewer_role = models.CharField(_("viewer's role"), max_length=16)
    channel = models.CharField(_("channel"), max_length=8, choices=AccessChannel.choices)
    request_id = models.CharField(_("request id"), max_length=64, blank=True)
    created_at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact access")
        verbose_name_plural = _("contact accesses")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["enterprise", "created_at"], name="contact_access_enterprise_idx")
        ]

    def __str__(self):
        return f"{self.viewer_username} → {self.enterprise_id} {self.field}"


class CapabilityRecord(AppendOnlyModel):
    """The enterprise's capability profile as of a date, kept once written.

    The three figures of the 2021 survey of SMEs: standard setting, an
    in-house lab, equipment used 60 % of the time or more. The record with the
    latest ``as_of`` is the enterprise's profile now (its own fields); the
    earliest is where the network found it.
    """

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name=_("enterprise"),
        on_delete=models.CASCADE,
        related_name="capability_records",
    )
    as_of = models.DateField(_("as of"))
    in_standard_setting = models.BooleanField(_("took part in standard setting"))
    has_lab = models.BooleanField(_("has an in-house lab"))
    equipment_utilisation = models.PositiveSmallIntegerField(
        _("equipment utilisation (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    # What a history shows of each record, on the API and in the admin.
    SHOWN = (
        "as_of",
        "in_standard_setting",
        "has_lab",
        "equipment_utilisation",
        "recorded_by",
        "recorded_at",
    )

    class Meta:
        verbose_name = _("capability record")
        verbose_name_plural = _("capability records")
        ordering = ["-as_of", "-id"]
        indexes = [
            models.Index(fields=["enterprise", "as_of", "id"], name="capability_enterprise_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(equipment_utilisation__isnull=True) | Q(equipment_utilisation__lte=100),
                name="capability_utilisation_percent",
            )
        ]

    def __str__(self):
        return f"{self.enterprise_id} @ {self.as_of}"
