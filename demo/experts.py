"""Demo experts: each station's team, with specialties its station offers."""

from dataclasses import dataclass

from demo.people import person_name
from requests_app.choices import Category as C


@dataclass(frozen=True)
class Team:
    stations: tuple[str, ...]  # station codes; the first is the expert's home
    size: int
    organizations: tuple[str, ...]
    specialties: tuple[tuple[str, ...], ...]  # cycled over the team
    industries: tuple[tuple[str, ...], ...]  # cycled over the team
    capacities: tuple[int, ...] = (3, 5, 8)


TITLES = ("高级工程师", "工程师", "研究员", "副研究员", "教授级高工")
# Experts are named from this serial on, clear of the firms' contacts before it.
EXPERT_SERIALS = 1000

TEAMS = (
    Team(
        ("wh-hub",),
        6,
        ("湖北省标准化与质量研究院", "武汉市质量发展研究院"),
        ((C.STANDARDS, C.CERTIFICATION), (C.QUALITY_MANAGEMENT, C.BRAND), (C.STANDARDS,)),
        ((), ("C34",), ("C39",)),
    ),
    *(
        Team(
            (f"wh-{index:02d}", "wh-hub"),
            2,
            ("武汉市计量测试检定（研究）所", "武汉市产品质量监督检验所", "武汉理工大学"),
            (
                (C.METROLOGY, C.INSPECTION, C.QUALITY_MANAGEMENT),
                (C.STANDARDS, C.CERTIFICATION, C.INSPECTION),
            ),
            (("C34", "C38"), ("C36", "C39"), ("C27", "C14"), ("C40", "C29")),
        )
        for index in range(1, 27)
    ),
    Team(
        ("nt-textile",),
        8,
        ("南通市纤维检验所", "南通大学纺织服装学院", "江苏省纺织产品质量监督检验中心"),
        ((C.INSPECTION, C.STANDARDS), (C.BRAND, C.INSPECTION), (C.STANDARDS,)),
        (("C177",), ("C17", "F513")),
        (4, 6),
    ),
    # Liuzhou's industry centre: process and shelf-life problems of rice noodles.
    Team(
        ("lz-luosifen",),
        24,
        ("柳州市食品药品检验所", "广西科技大学食品工程系", "柳州螺蛳粉产业研究院"),
        (
            (C.INSPECTION, C.QUALITY_MANAGEMENT),
            (C.QUALITY_MANAGEMENT, C.STANDARDS),
            (C.INSPECTION, C.BRAND),
        ),
        (("C143",), ("C14",), ("C1439", "C1469")),
        (5, 8, 10),
    ),
    Team(
        ("tl-rubber",),
        4,
        ("铁岭市检验检测认证中心", "沈阳化工大学"),
        ((C.QUALITY_MANAGEMENT, C.INSPECTION), (C.BRAND,)),
        (("C291",),),
    ),
    Team(
        ("yt-sharedlab",),
        4,
        ("烟台市计量测试所", "烟台大学"),
        ((C.METROLOGY, C.INSPECTION),),
        (("C40", "C34"),),
    ),
    # The hub's two policy advisers take the "other" questions, one at a time:
    # when both are busy such requests wait, and the managers are told.
    Team(
        ("wh-hub",),
        2,
        ("湖北省质量技术服务中心",),
        ((C.OTHER, C.STANDARDS),),
        ((),),
        (1,),
    ),
)


@dataclass(frozen=True)
class DemoExpert:
    name: str
    organization: str
    title: str
    specialties: tuple[str, ...]
    industries: tuple[str, ...]
    stations: tuple[str, ...]
    capacity: int


def demo_experts() -> list[DemoExpert]:
    """Return every demo expert, the same list on every call; names are distinct."""
    experts = []
    for team in TEAMS:
        for member in range(team.size):
            serial = len(experts)
            experts.append(
                DemoExpert(
                    name=person_name(serial + EXPERT_SERIALS),
                    organization=team.organizations[member % len(team.organizations)],
                    title=TITLES[serial % len(TITLES)],
                    specialties=team.specialties[member % len(team.specialties)],
                    industries=team.industries[member % len(team.industries)],
                    stations=team.stations,
                    capacity=team.capacities[member % len(team.capacities)],
                )
            )
    return experts
