"""Codes describing enterprises, each with a translated label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SizeClass(models.TextChoices):
    MICRO = "micro", _("Micro")
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class EnterpriseKind(models.TextChoices):
    COMPANY = "company", _("Company")
    INDIVIDUAL_BUSINESS = "individual_business", _("Individual business")
    FARMERS_COOPERATIVE = "farmers_cooperative", _("Farmers' cooperative")


class MemberRole(models.TextChoices):
    OWNER = "owner", _("Owner")
    MEMBER = "member", _("Member")


# Credit codes of individual businesses (个体工商户) start with this
# registrar-and-kind prefix (GB 32100-2015: registrar 9 = market regulation,
# kind 2 = individual business, kind 3 = farmers' cooperative).
INDIVIDUAL_BUSINESS_CODE_PREFIX = "92"
FARMERS_COOPERATIVE_CODE_PREFIX = "93"
CODE_PREFIX_OF_KIND = {
    EnterpriseKind.INDIVIDUAL_BUSINESS: INDIVIDUAL_BUSINESS_CODE_PREFIX,
    EnterpriseKind.FARMERS_COOPERATIVE: FARMERS_COOPERATIVE_CODE_PREFIX,
}


def kind_of_credit_code(code: str) -> str:
    """Return the kind of enterprise a credit code's registrar and kind characters say."""
    for kind, prefix in CODE_PREFIX_OF_KIND.items():
        if code.startswith(prefix):
            return kind
    return EnterpriseKind.COMPANY


class EnterpriseEventAction(models.TextChoices):
    """What an entry of an enterprise's audit trail records."""

    REGISTER = "register", _("Registered")
    UPDATE = "update", _("Profile updated")
    VERIFY = "verify", _("Verified")
    ADD_MEMBER = "add_member", _("Member added")
    REMOVE_MEMBER = "remove_member", _("Member removed")
    RECORD = "record", _("Recorded by a service station")
    CLAIM_CODE = "claim_code", _("Claim code issued")
    CLAIM = "claim", _("Claimed")


class PersonalField(models.TextChoices):
    """Personal data (PIPL) shown masked unless someone entitled asks to see it."""

    CONTACT_PHONE = "contact_phone", _("Contact phone")


class AccessChannel(models.TextChoices):
    API = "api", _("API")
    ADMIN = "admin", _("Admin site")
