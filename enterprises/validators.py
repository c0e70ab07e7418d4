"""Validators for Chinese registration codes.

- Unified social credit code (统一社会信用代码), GB 32100-2015: 18 characters from
  a 31-character alphabet; the 18th is a check character over the first 17.
- Administrative division code, GB/T 2260: six digits.
- Industry code, GB/T 4754-2017: a section letter A–T, optionally followed by
  the 2-digit division, 3-digit group or 4-digit class.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_LENGTH = 18
_CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(CREDIT_CODE_LENGTH - 1)]

REGION_CODE_RE = re.compile(r"^\d{6}$")
REGION_PREFIX_RE = re.compile(r"^(\d{2}|\d{4}|\d{6})$")
INDUSTRY_CODE_RE = re.compile(r"^[A-T](\d{2}|\d{3}|\d{4})?$")
PHONE_RE = re.compile(r"^\+?[0-9][0-9 -]{5,18}[0-9]$")


def credit_code_check_character(body: str) -> str:
    """Return the check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(body, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def is_valid_credit_code(code: str) -> bool:
    """Return whether ``code`` is a well-formed credit code with a correct check character."""
    if len(code) != CREDIT_CODE_LENGTH or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return False
    return credit_code_check_character(code[:-1]) == code[-1]


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
