"""Deterministic Chinese names and phone numbers for demo people."""

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃"
GIVEN = (
    "建国",
    "秀英",
    "晓峰",
    "丽萍",
    "海涛",
    "志强",
    "春梅",
    "文静",
    "国华",
    "敏",
    "伟",
    "磊",
    "芳",
    "洋",
    "军",
    "勇",
    "艳",
    "杰",
    "娟",
    "涛",
    "明",
    "超",
    "霞",
    "平",
)


def person_name(serial: int) -> str:
    """Return the ``serial``-th name; distinct for the first 720 serials."""
    return SURNAMES[serial % len(SURNAMES)] + GIVEN[(serial // len(SURNAMES)) % len(GIVEN)]


def mobile_number(serial: int) -> str:
    return f"139{(serial * 7919) % 100_000_000:08d}"
