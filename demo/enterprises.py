"""Several hundred demo enterprises whose capability profile resembles the
national survey behind the one-stop policy: 43 % without an in-house lab,
19.4 % in standard setting, 11.1 % using test equipment at 60 % or more."""

import random
from dataclasses import dataclass

from demo.people import mobile_number, person_name
from enterprises.choices import INDIVIDUAL_BUSINESS_CODE_PREFIX, EnterpriseKind, SizeClass
from enterprises.credit_codes import CREDIT_CODE_ALPHABET, compose_credit_code

SHARE_WITH_LAB = 0.57
SHARE_IN_STANDARD_SETTING = 0.194
SHARE_HIGH_UTILISATION = 0.111
HIGH_UTILISATION_PERCENT = 60


# name: (region code, industry code, industry chain)
CLUSTERS = {
    "武汉光电子信息产业集群": ("420111", "C39", "光纤光缆—光器件—光通信设备—激光装备"),
    "南通家纺产业集群": ("320612", "C177", "纺纱织造—印染整理—家纺设计—床品、毛巾、窗帘制成品"),
    "柳州螺蛳粉产业集群": ("450204", "C143", "米粉原料—酸笋、腐竹配料—预包装螺蛳粉—电商物流"),
}


@dataclass(frozen=True)
class Group:
    """Enterprises of one region: where they are, what they make, how they are run."""

    city: str
    regions: tuple[str, ...]
    count: int
    industries: dict[str, str]  # GB/T 4754 code -> trade word in the name
    brands: str  # characters combined into brand names
    individual_share: float
    sizes: tuple[str, ...]
    cluster: str | None = None


GROUPS = (
    Group(
        "武汉",
        (
            "420102",
            "420103",
            "420104",
            "420105",
            "420106",
            "420107",
            "420111",
            "420112",
            "420113",
            "420114",
            "420115",
            "420116",
            "420117",
        ),
        260,
        {
            "C3441": "泵业",
            "C3824": "电力电子",
            "C3670": "汽车零部件",
            "C3976": "光电",
            "C2720": "药业",
            "C1431": "食品",
            "C4014": "仪器",
            "C2927": "塑业",
            "C3311": "钢结构",
            "C3831": "线缆",
        },
        "楚天江城汉阳光谷东湖长江黄鹤晴川龟山蛇山珞珈南湖沙湖汤逊知音琴台汉水江汉荆楚鹦鹉",
        0.05,
        (SizeClass.MICRO, SizeClass.SMALL, SizeClass.SMALL, SizeClass.MEDIUM),
        "武汉光电子信息产业集群",
    ),
    Group(
        "南通",
        ("320612", "320614"),
        90,
        {"C1771": "床品", "C1772": "毛巾", "C1773": "窗帘布艺", "C1779": "家纺", "F5131": "纺织品"},
        "锦绣叠石川姜紫琅濠河通吉海门金沙三星志浩绣悦梦棉",
        0.6,
        (SizeClass.MICRO, SizeClass.MICRO, SizeClass.SMALL),
        "南通家纺产业集群",
    ),
    Group(
        "柳州",
        ("450204", "450202", "450206"),
        40,
        {"C1431": "米粉", "C1439": "螺蛳粉", "C1469": "调味品"},
        "螺香柳侯龙城鱼峰马鞍壶城柳江紫荆",
        0.2,
        (SizeClass.MICRO, SizeClass.SMALL, SizeClass.SMALL, SizeClass.MEDIUM),
        "柳州螺蛳粉产业集群",
    ),
    Group(
        "铁岭",
        ("211202", "211221"),
        15,
        {"C2911": "轮胎", "C2913": "橡胶制品", "C2912": "胶管胶带"},
        "银州龙首凡河辽北清河",
        0.0,
        (SizeClass.SMALL, SizeClass.MEDIUM),
    ),
    Group(
        "烟台",
        ("370602", "370613"),
        15,
        {"C4014": "仪器", "C3442": "机械", "C3511": "矿山设备"},
        "芝罘莱山毓璜蓬莱养马",
        0.0,
        (SizeClass.SMALL, SizeClass.MEDIUM, SizeClass.LARGE),
    ),
)


@dataclass(frozen=True)
class DemoEnterprise:
    credit_code: str
    name: str
    kind: str
    region_code: str
    industry_code: str
    size: str
    cluster: str | None
    contact_name: str
    contact_phone: str
    address: str
    has_lab: bool
    in_standard_setting: bool
    equipment_utilisation: int


def demo_credit_code(prefix: str, region_code: str, serial: int) -> str:
    """Return a valid credit code for the ``serial``-th demo enterprise: an
    organisation code of the ``MA`` series that market regulators assign, the
    serial written in six characters of the credit-code alphabet (31⁶ codes, so
    the load generator's millions fit too)."""
    digits = ""
    for _ in range(6):
        serial, digit = divmod(serial, len(CREDIT_CODE_ALPHABET))
        digits = CREDIT_CODE_ALPHABET[digit] + digits
    return compose_credit_code(
        authority_and_type=prefix, region_code=region_code, organisation=f"MA{digits}"
    )


def exact_share(rng: random.Random, count: int, share: float) -> set[int]:
    """Return ``round(count * share)`` distinct indexes below ``count``."""
    return set(rng.sample(range(count), round(count * share)))


def demo_enterprises() -> list[DemoEnterprise]:
    """Return every demo enterprise, the same list on every call."""
    rng = random.Random(2021)
    total = sum(group.count for group in GROUPS)
    with_lab = exact_share(rng, total, SHARE_WITH_LAB)
    in_standards = exact_share(rng, total, SHARE_IN_STANDARD_SETTING)
    high_use = exact_share(rng, total, SHARE_HIGH_UTILISATION)
    result = []
    serial = 0
    for group in GROUPS:
        industries = list(group.industries.items())
        for index in range(group.count):
            serial += 1
            region = group.regions[index % len(group.regions)]
            industry, trade = industries[index % len(industries)]
            brand = (
                group.brands[index % len(group.brands)]
                + group.brands[(index // len(group.brands) + index + 1) % len(group.brands)]
            )
            individual = rng.random() < group.individual_share
            kind = EnterpriseKind.INDIVIDUAL_BUSINESS if individual else EnterpriseKind.COMPANY
            prefix = INDIVIDUAL_BUSINESS_CODE_PREFIX if individual else "91"
            name = f"{group.city}{brand}{trade}" + ("经营部" if individual else "有限公司")
            high = serial - 1 in high_use
            result.append(
                DemoEnterprise(
                    credit_code=demo_credit_code(prefix, region, serial),
                    name=name,
                    kind=kind,
                    region_code=region,
                    industry_code=industry,
                    size=SizeClass.MICRO if individual else rng.choice(group.sizes),
                    cluster=group.cluster,
                    contact_name=person_name(serial),
                    contact_phone=mobile_number(serial),
                    address=f"{group.city}市{brand}路{index + 1}号",
                    has_lab=serial - 1 in with_lab,
                    in_standard_setting=serial - 1 in in_standards,
                    equipment_utilisation=(
                        rng.randint(HIGH_UTILISATION_PERCENT, 95) if high else rng.randint(5, 59)
                    ),
                )
            )
    return result
