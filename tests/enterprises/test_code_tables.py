"""Typed codes are checked against the real tables and the structure of GB 32100."""

import re
from collections import Counter

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from enterprises.codes import industry_table, region_table
from enterprises.credit_codes import (
    compose_credit_code,
    credit_code_check_character,
    organisation_code_check_character,
)
from enterprises.validators import (
    check_credit_code,
    check_industry_code,
    check_region_code,
    check_region_prefix,
)
from tests.enterprises.test_validators import REAL_CODES


def messages(check, value) -> list[str]:
    with translation.override("zh-hans"), pytest.raises(ValidationError) as error:
        check(value)
    return error.value.messages


def with_check_character(body: str) -> str:
    return body + credit_code_check_character(body)


@pytest.mark.parametrize("code", REAL_CODES)
def test_real_credit_codes_with_letters_pass_every_check(code):
    check_credit_code(code)


def test_organisation_code_check_values_letters_from_10_and_may_be_x():
    # M000100Y → 22·3 + 1·5 + 34·2 = 139 ≡ 7 (mod 11) → 11 − 7 = 4
    assert organisation_code_check_character("M000100Y") == "4"
    assert organisation_code_check_character("71526726") == "X"


def test_a_wrong_organisation_check_character_is_named_even_with_a_right_18th():
    forged = with_check_character("91350100M000100Y5")
    assert messages(check_credit_code, forged) == [
        "主体标识码（组织机构代码，第 9 至 17 位）“M000100Y5”的校验码不符合 GB 11714。"
    ]


@pytest.mark.parametrize(
    ("body", "named"),
    [
        ("B1350100M000100Y4", "登记管理部门代码（第 1 位）“B”不存在"),
        ("94350100M000100Y4", "机构类别代码（第 2 位）“4”在登记管理部门“9”下不存在"),
        ("9135A100M000100Y4", "第 3 至 8 位应为登记管理机关的六位行政区划代码"),
    ],
)
def test_authority_type_and_region_part_are_named_when_wrong(body, named):
    assert any(
        named in message for message in messages(check_credit_code, with_check_character(body))
    )


@pytest.mark.parametrize(
    ("code", "named"),
    [
        ("91350100M000100Y44", "校验码（第 18 位）不正确"),
        ("91350100M000100Y4", "应为 18 位，此处为 17 位"),
        ("91350100M0001O0Y43", "不能含有“O”"),
    ],
)
def test_length_alphabet_and_check_character_are_named(code, named):
    assert any(named in message for message in messages(check_credit_code, code))


def test_composed_codes_pass_for_firms_individual_businesses_and_cooperatives():
    for prefix in ("91", "92", "93"):
        check_credit_code(
            compose_credit_code(
                authority_and_type=prefix, region_code="420104", organisation="MA4K3BTP"
            )
        )


ACCEPTED = [
    (check_region_code, "450206"),  # 柳江区, a district since 2016
    (check_region_code, "420104"),  # 硚口区
    (check_region_code, "420100"),  # 武汉市
    (check_region_code, "320612"),  # 南通市通州区
    (check_region_code, "320614"),  # 南通市海门区 (2020)
    (check_region_code, "211221"),  # 铁岭县
    (check_region_code, "370613"),  # 烟台市莱山区
    (check_region_code, "150602"),  # 鄂尔多斯市东胜区
    (check_region_code, "152502"),  # 锡林浩特市
    (check_region_code, "330113"),  # 杭州市临平区 (2021)
    (check_region_code, "450181"),  # 横州市 (2021)
    (check_region_code, "420000"),
    *[(check_region_prefix, p) for p in ("42", "4201", "420104", "4290", "1101", "15")],
    *[
        (check_industry_code, code)
        for code in (
            "C", "C17", "C177", "C1771", "C3741", "A0232", "A0532", "T97", "A05", "C43",
            "C1713", "C14", "A0111", "C3670", "C4030", "S9231", "T9700", "B1200", "L7296",
        )
    ],
]  # fmt: skip
REFUSED = [
    (check_region_code, "999999"),
    (check_region_code, "420199"),
    (check_region_code, "330103"),  # 下城区, merged into 临平区/拱墅区 in 2021
    (check_region_code, "450127"),  # 横县, now 横州市
    (check_region_code, "130171"),  # a development zone: a statistical code, not a division
    (check_region_code, "4201"),
    *[(check_region_prefix, p) for p in ("99", "4299", "999999", "420")],
    *[
        (check_industry_code, code)
        for code in (
            "A34", "A06", "C10", "C44", "Z99", "C17711",
            "C3449", "C3447", "C403x", "C1714", "C179", "C1770", "C2038", "S9234", "A0110",
        )
    ],
]  # fmt: skip


@pytest.mark.parametrize(("check", "value"), ACCEPTED)
def test_codes_in_the_current_tables_are_accepted(check, value):
    check(value)


@pytest.mark.parametrize(("check", "value"), REFUSED)
def test_codes_outside_the_tables_are_refused_in_chinese(check, value):
    assert re.search(r"[\u4e00-\u9fff]", messages(check, value)[0])


def test_every_region_code_below_a_province_has_its_province():
    names = region_table().names
    assert all(f"{code[:2]}0000" in names for code in names)


def test_the_industry_table_has_every_level_of_gb_t_4754_2017_with_its_2019_amendment():
    codes = industry_table()
    by_level = Counter(len(code) for code in codes)
    assert by_level == {1: 20, 3: 97, 4: 473, 5: 1382}
    assert codes["C1713"] == "棉印染精加工"
    assert codes["S923"] == "监察委员会、人民法院和人民检察院"  # the 2019 amendment
    assert all(code[:-1] in codes for code in codes if len(code) == 5)
    assert all(code[:-1] in codes for code in codes if len(code) == 4)
    assert all(code[0] in codes for code in codes if len(code) == 3)
