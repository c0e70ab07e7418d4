import pytest
from django.core.exceptions import ValidationError

from enterprises.credit_codes import (
    CREDIT_CODE_ALPHABET,
    credit_code_check_character,
    is_valid_credit_code,
)
from enterprises.validators import (
    validate_credit_code,
    validate_industry_code,
    validate_region_code,
    validate_region_prefix,
)

REAL_CODES = [
    "91350100M000100Y43",
    "9144030071526726XG",
    "91110000600037341L",
    "91310115MA1K3BTP2B",
    "92340602MA2PBMEM24",
]


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_are_valid(code):
    assert is_valid_credit_code(code)
    validate_credit_code(code)


@pytest.mark.parametrize(
    "code",
    [
        "91350100M000100Y4Z",  # wrong check character
        "91350100M000100Y4",  # 17 characters
        "91350100M000100Y433",  # 19 characters
        "",
        "91350100m000100Y43",  # lower case is not in the alphabet
    ],
)
def test_malformed_credit_codes_are_invalid(code):
    assert not is_valid_credit_code(code)
    with pytest.raises(ValidationError):
        validate_credit_code(code)


@pytest.mark.parametrize("letter", "IOSVZ")
def test_letters_outside_the_alphabet_are_invalid_whatever_the_check(letter):
    body = f"91310115MA1K3B{letter}P2"
    assert not any(is_valid_credit_code(body + check) for check in CREDIT_CODE_ALPHABET)


def test_check_character_of_a_letter_registrar_code():
    # The registrar may be a letter (e.g. "Y" for others); the check still holds.
    body = "Y1420102MA4K3BTP2"
    assert is_valid_credit_code(body + credit_code_check_character(body))


@pytest.mark.parametrize("code", ["420102", "110000", "320684"])
def test_six_digit_region_codes_are_valid(code):
    validate_region_code(code)


@pytest.mark.parametrize("code", ["4201", "42010", "4201021", "42010a", ""])
def test_other_region_codes_are_invalid(code):
    with pytest.raises(ValidationError):
        validate_region_code(code)


@pytest.mark.parametrize("prefix", ["42", "4201", "420104"])
def test_region_prefixes_of_2_4_6_digits_are_valid(prefix):
    validate_region_prefix(prefix)


@pytest.mark.parametrize("prefix", ["4", "420", "42010", "4201041", "ab"])
def test_other_region_prefixes_are_invalid(prefix):
    with pytest.raises(ValidationError):
        validate_region_prefix(prefix)


@pytest.mark.parametrize("code", ["C", "C17", "C177", "C1771", "A01", "T96"])
def test_industry_codes_are_valid(code):
    validate_industry_code(code)


@pytest.mark.parametrize("code", ["U", "c17", "C1", "C17711", "17", "CC17", ""])
def test_malformed_industry_codes_are_invalid(code):
    with pytest.raises(ValidationError):
        validate_industry_code(code)
