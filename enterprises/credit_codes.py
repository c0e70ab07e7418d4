"""The unified social credit code (统一社会信用代码), GB 32100-2015.

Eighteen characters from a 31-character alphabet (no I, O, S, V, Z):

====== ===============================================================
1      registration authority (登记管理部门代码), e.g. 9 = market regulation
2      organisation type within that authority (机构类别代码), e.g. 1 = enterprise
3–8    administrative division code of the registering office (GB/T 2260)
9–17   the organisation code (主体标识码), GB 11714: eight characters and
       a check character (0–9 or X)
18     check character over the first seventeen
====== ===============================================================
"""

from django.utils.translation import gettext_lazy as _

CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_CODE_LENGTH = 18
_CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(CREDIT_CODE_LENGTH - 1)]

# GB 32100-2015, appendix A: registration authority → its organisation types.
ORGANISATION_TYPES = {
    "1": "1239",  # 机构编制: 机关, 事业单位, 中央编办直接管理机构编制的群众团体, 其他
    "2": "19",  # 外交: 外国常驻新闻机构, 其他
    "3": "123459",  # 司法行政: 律师执业机构, 公证处, 基层法律服务所, 司法鉴定机构, 仲裁委员会, 其他
    "4": "19",  # 文化: 外国在华文化中心, 其他
    "5": "1239",  # 民政: 社会团体, 民办非企业单位, 基金会, 其他
    "6": "129",  # 旅游: 外国, 港澳台地区旅游部门常驻代表机构, 其他
    "7": "129",  # 宗教: 宗教活动场所, 宗教院校, 其他
    "8": "19",  # 工会: 基层工会, 其他
    "9": "123",  # 工商: 企业, 个体工商户, 农民专业合作社
    "A": "19",  # 中央军委改革和编制办公室: 军队事业单位, 其他
    "N": "1239",  # 农业: 组级, 村级, 乡镇级集体经济组织, 其他
    "Y": "1",  # 其他
}

ORGANISATION_CODE = slice(8, 17)
REGION_PART = slice(2, 8)
_ORGANISATION_CODE_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def credit_code_check_character(body: str) -> str:
    """Return the check character for the first 17 characters of a credit code."""
    total = sum(
        CREDIT_CODE_ALPHABET.index(char) * weight
        for char, weight in zip(body, _CREDIT_CODE_WEIGHTS, strict=True)
    )
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def organisation_code_check_character(body: str) -> str:
    """Return the GB 11714 check character for an organisation code's first eight
    characters: digits count as themselves, letters A=10 … Z=35; ``X`` stands for 10."""
    weighted = zip(body, _ORGANISATION_CODE_WEIGHTS, strict=True)
    total = sum(int(char, 36) * weight for char, weight in weighted)
    check = (11 - total % 11) % 11
    return "X" if check == 10 else str(check)


def compose_credit_code(*, authority_and_type: str, region_code: str, organisation: str) -> str:
    """Return the credit code for an eight-character organisation code body,
    with both check characters computed."""
    body = (
        authority_and_type
        + region_code
        + organisation
        + organisation_code_check_character(organisation)
    )
    return body + credit_code_check_character(body)


def is_valid_credit_code(code: str) -> bool:
    """Return whether ``code`` is well formed with a correct 18th check character
    (the check stored codes had to pass; ``credit_code_problems`` checks more)."""
    if len(code) != CREDIT_CODE_LENGTH or any(c not in CREDIT_CODE_ALPHABET for c in code):
        return False
    return credit_code_check_character(code[:-1]) == code[-1]


def credit_code_problems(code: str) -> list[str]:
    """Return what is wrong with ``code``, one translated message each; none when valid."""
    if len(code) != CREDIT_CODE_LENGTH:
        return [
            _("A unified social credit code has 18 characters; this one has %(count)d.")
            % {"count": len(code)}
        ]
    foreign = "".join(sorted({c for c in code if c not in CREDIT_CODE_ALPHABET}))
    if foreign:
        return [
            _(
                "A unified social credit code cannot contain %(characters)s "
                "(the letters I, O, S, V and Z are never used)."
            )
            % {"characters": foreign}
        ]
    problems = []
    authority, kind = code[0], code[1]
    if authority not in ORGANISATION_TYPES:
        problems.append(
            _("The registration authority code (1st character) %(character)s does not exist.")
            % {"character": authority}
        )
    elif kind not in ORGANISATION_TYPES[authority]:
        problems.append(
            _(
                "The organisation type code (2nd character) %(character)s does not exist "
                "for registration authority %(authority)s."
            )
            % {"character": kind, "authority": authority}
        )
    if not code[REGION_PART].isdigit():
        problems.append(
            _("Characters 3 to 8 must be the six-digit division code of the registering office.")
        )
    organisation = code[ORGANISATION_CODE]
    if organisation_code_check_character(organisation[:-1]) != organisation[-1]:
        problems.append(
            _(
                "The organisation code (characters 9 to 17) %(code)s fails its "
                "GB 11714 check character."
            )
            % {"code": organisation}
        )
    if credit_code_check_character(code[:-1]) != code[-1]:
        problems.append(
            _("The check character (18th character) is wrong; check the code for a typing error.")
        )
    return problems
