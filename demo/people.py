"""Deterministic Chinese names and phone numbers for demo people.

A name is a surname and a two-character given name. Successive serials step
through both with strides prime to their sizes, so neighbours share neither,
every given name occurs once in any 648 successive serials, and full names are
distinct for far more.
"""

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐韦覃许邓冯曹彭曾肖田董袁潘蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏付方白邹孟熊秦邱江尹薛段雷侯龙史陶黎"
    "贺顾毛郝龚邵万钱严武戴莫孔向汤"
)
GIVEN_FIRST = "建秀晓丽海志春文国玉俊雪红明德家永佳思欣立宏婷子"
GIVEN_SECOND = "英峰萍涛强梅静华敏伟磊芳洋军勇艳杰娟超霞平辉琳波斌鹏宇"
GIVEN_NAMES = len(GIVEN_FIRST) * len(GIVEN_SECOND)


def person_name(serial: int) -> str:
    """Return the ``serial``-th name."""
    given = (serial * 7) % GIVEN_NAMES
    return (
        SURNAMES[(serial * 13) % len(SURNAMES)]
        + GIVEN_FIRST[given // len(GIVEN_SECOND)]
        + GIVEN_SECOND[given % len(GIVEN_SECOND)]
    )


def mobile_number(serial: int) -> str:
    return f"139{(serial * 7919) % 100_000_000:08d}"
