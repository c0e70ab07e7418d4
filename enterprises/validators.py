"""Validators for Chinese registration codes.

Two kinds. The ``validate_*`` validators of the model fields check the form a
stored code must have, and never change:

- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
  a 31-character alphabet; the 18th is a check character over the first 17.
- Administrative division code, GB/T 2260: six digits.
- Industry code, GB/T 4754-2017: a section letter A–T, optionally followed by
  the 2-digit division, 3-digit group or 4-digit class.

The ``check_*`` validators are for what a user types, run when a code is entered
or changed (``enterprises.api.fields``, the admin forms): the credit code's
authority, type and organisation code too, and region and industry codes
against the reference tables (``enterprises.codes``). A code stored once stays
valid when a later table drops it.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from enterprises.codes import industry_table, region_table
from enterprises.credit_codes import credit_code_problems, is_valid_credit_code

REGION_CODE_RE = re.compile(r"^\d{6}$")
REGION_PREFIX_RE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")
INDUSTRY_CODE_RE = re.compile(r"^[A-T](\d{2}|\d{3}|\d{4})?$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def validate_credit_code(value: str) -> None:
    if not is_valid_credit_code(value):
        raise ValidationError(
            _("Enter a valid 18-character unified social credit code."),
            code="invalid_credit_code",
        )


def validate_region_code(value: str) -> None:
    if not REGION_CODE_RE.match(value):
        raise ValidationError(
            _("Enter a six-digit administrative division code."), code="invalid_region_code"
        )


def validate_region_prefix(value: str) -> None:
    if not REGION_PREFIX_RE.match(value):
        raise ValidationError(
            _("Enter a region code prefix of 2, 4 or 6 digits."), code="invalid_region_prefix"
        )


def validate_industry_code(value: str) -> None:
    if not INDUSTRY_CODE_RE.match(value):
        raise ValidationError(
            _("Enter an industry code: a letter A–T, optionally followed by 2, 3 or 4 digits."),
            code="invalid_industry_code",
        )


def validate_industry_code_list(value) -> None:
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Enter a list of industry codes."), code="invalid_industry_list")
    for code in value:
        validate_industry_code(code)


def validate_phone(value: str) -> None:
    if not PHONE_RE.match(value):
        raise ValidationError(
            _("Enter a phone number: digits, optionally with spaces, hyphens or a leading +."),
            code="invalid_phone",
        )


def check_credit_code(value: str) -> None:
    """Refuse a typed credit code, naming each part that is wrong."""
    problems = credit_code_problems(value)
    if problems:
        raise ValidationError(problems, code="invalid_credit_code")


def _refuse_unless(known: bool, value: str, message, code: str) -> None:
    if not known:
        raise ValidationError(message, code=code, params={"code": value})


def check_region_code(value: str) -> None:
    """Refuse a typed six-digit code that is not a division of the current table."""
    validate_region_code(value)
    _refuse_unless(
        value in region_table(),
        value,
        _("Region code %(code)s is not in the GB/T 2260 administrative division table."),
        "unknown_region_code",
    )


def check_region_prefix(value: str) -> None:
    """Refuse a typed 2-, 4- or 6-digit prefix that names no division of the table."""
    validate_region_prefix(value)
    _refuse_unless(
        region_table().has_prefix(value),
        value,
        _("Region code prefix %(code)s names no division of the GB/T 2260 table."),
        "unknown_region_prefix",
    )


def check_industry_code(value: str) -> None:
    """Refuse a typed industry code that is not a section, division, group or class
    of the current GB/T 4754 table."""
    validate_industry_code(value)
    _refuse_unless(
        value in industry_table(),
        value,
        _("Industry code %(code)s is not in GB/T 4754-2017."),
        "unknown_industry_code",
    )
