"""Demo of the service catalogue: each pilot's menu, and diagnoses resolved with reports.

Wuhan's hub and doorstep stations offer the general NQI menu; Liuzhou's
industry centre its river-snail-noodle testing and shelf-life services;
Tieling's platform diagnosis, joint problem-solving (攻关), brand building and
training; Nantong's cooperative sampling and textile testing. Every service
has experts the assignment engine would take (``catalogue.stats``). Two
diagnoses, at Tieling and at the first Wuhan doorstep station, are driven
through the same services as the API and resolved with their reports, one
recommendation of each filed as a follow-up request.
"""

import datetime
import random
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from catalogue.choices import ServiceKind as K
from catalogue.models import DiagnosisReport, Service
from catalogue.services import service_save
from demo.requests import office_moment, station_staff
from enterprises.models import Enterprise
from requests_app import services
from requests_app.assignment import eligible_experts, rank
from requests_app.choices import Category as C
from requests_app.deadlines import add_office_time
from service_stations.models import ServiceStation

WUHAN = "wh-"  # the hub and the 26 doorstep stations, where they offer the element


@dataclass(frozen=True)
class DemoService:
    code: str
    name: str
    element: str
    kind: str
    working_days: int
    fee: Decimal | None
    description: str
    stations: tuple[str, ...]  # station codes, or WUHAN


# fmt: off
SERVICES = (
    # Wuhan: the general NQI menu at every station of the city.
    DemoService("wh-calibration", "计量器具检定校准", C.METROLOGY, K.CALIBRATION, 7, None,
                "电子秤、压力表、流量计等计量器具送检或上门检定校准，出具证书，"
                "按省级收费标准收费。", (WUHAN,)),
    DemoService("wh-standards", "标准查询与制修订辅导", C.STANDARDS, K.STANDARDS_HELP, 5, None,
                "查询适用的国家、行业、地方和团体标准；辅导企业标准自我声明和参与标准制修订。",
                (WUHAN,)),
    DemoService("wh-certification", "认证咨询", C.CERTIFICATION, K.CERTIFICATION_GUIDANCE, 10,
                None, "质量管理体系、CCC 强制性产品认证和绿色产品认证的条件、材料与流程辅导。",
                (WUHAN,)),
    DemoService("wh-testing", "检验检测委托", C.INSPECTION, K.TESTING, 10, None,
                "委托武汉市产品质量监督检验所等机构检验检测，代办送样，解读报告。", (WUHAN,)),
    DemoService("wh-diagnosis", "质量诊断", C.QUALITY_MANAGEMENT, K.DIAGNOSIS, 10,
                Decimal("0.00"), "专家进企业，对质量管理、生产过程和计量检测能力做全面诊断，"
                "出具诊断报告和改进建议（政府购买服务，企业免费）。", (WUHAN,)),
    DemoService("wh-brand", "品牌建设指导", C.BRAND, K.BRAND_BUILDING, 20, None,
                "自主品牌培育、商标和质量承诺的指导。", (WUHAN,)),
    DemoService("wh-policy", "质量政策与能效咨询", C.OTHER, K.CONSULTATION, 5, None,
                "质量强市奖补政策、设备能效提升和其他质量相关事项的咨询。", (WUHAN,)),
    # Liuzhou: the river-snail-noodle industry's testing and shelf-life services.
    DemoService("lz-product-testing", "螺蛳粉产品检验检测", C.INSPECTION, K.TESTING, 7,
                Decimal("800.00"), "预包装螺蛳粉的菌落总数、酸价、过氧化值、添加剂等项目检验，"
                "出具 CMA 报告。", ("lz-luosifen",)),
    DemoService("lz-shelf-life", "螺蛳粉保质期验证试验", C.INSPECTION, K.TESTING, 30,
                Decimal("3500.00"), "加速和常温保质期试验，确定合理保质期和贮存条件。",
                ("lz-luosifen",)),
    DemoService("lz-bloating", "胀袋与杀菌工艺诊断", C.QUALITY_MANAGEMENT, K.DIAGNOSIS, 10, None,
                "针对保质期内胀袋、漏气问题，诊断杀菌工艺和包装密封，出具诊断报告。",
                ("lz-luosifen",)),
    DemoService("lz-standards", "螺蛳粉标准宣贯与执行辅导", C.STANDARDS, K.STANDARDS_HELP, 5,
                None, "地方标准和团体标准的宣贯，企业执行标准的选择与备案。", ("lz-luosifen",)),
    # Tieling: the rubber platform's services (铁橡云台).
    DemoService("tl-diagnosis", "质量诊断", C.QUALITY_MANAGEMENT, K.DIAGNOSIS, 15, None,
                "专家团队进厂，对炼胶、硫化等关键工序和质量管理体系做诊断，出具诊断报告。",
                ("tl-rubber",)),
    DemoService("tl-tackling", "质量攻关", C.QUALITY_MANAGEMENT, K.TACKLING, 60, None,
                "围绕企业共性质量难题组织专家联合攻关，跟踪到问题解决。", ("tl-rubber",)),
    DemoService("tl-brand", "品牌创建", C.BRAND, K.BRAND_BUILDING, 30, None,
                "橡胶制品区域品牌和企业自主品牌的创建辅导。", ("tl-rubber",)),
    DemoService("tl-training", "人才培养", C.QUALITY_MANAGEMENT, K.TRAINING, 20,
                Decimal("600.00"), "质量管理体系内审员、质检员培训，结业发证。", ("tl-rubber",)),
    # Nantong: the home-textile cooperative's sampling and testing.
    DemoService("nt-sampling", "家纺产品抽样检验", C.INSPECTION, K.TESTING, 5, Decimal("0.00"),
                "合作社成员产品定期抽样检验，出具检验结果和整改建议（成员免费）。",
                ("nt-textile",)),
    DemoService("nt-textile-testing", "纺织品甲醛与色牢度检测", C.INSPECTION, K.TESTING, 5,
                Decimal("300.00"), "甲醛含量、pH 值、耐摩擦和耐洗色牢度检测，满足电商平台要求。",
                ("nt-textile",)),
)

# The diagnoses of the demo: service code, station code, the firm's region prefix,
# the request, the conclusion, findings (area, severity, evidence), recommendations
# (text, category of the follow-up or None when it is not filed).
DIAGNOSES = (
    (
        "tl-diagnosis", "tl-rubber", "2112",
        ("橡胶制品批次性能不稳定", "同一配方不同批次的拉伸强度和硬度差异大，客户投诉增多。"),
        "诊断完成：问题集中在硫化工艺控制和计量器具管理，已提出改进建议。",
        (("硫化工艺控制", "high", "硫化温度记录显示批次间波动达±8℃，超出工艺规程±3℃的要求。"),
         ("计量器具管理", "medium", "门尼粘度计超期未校准，最近一次校准证书已过有效期。"),
         ("原材料检验", "low", "生胶入厂检验只核对合格证，未做门尼粘度抽检。")),
        (("建立硫化工序统计过程控制（SPC），每班记录并分析温度曲线。", C.QUALITY_MANAGEMENT),
         ("门尼粘度计送检校准，建立计量器具台账和周期检定计划。", None)),
    ),
    (
        "wh-diagnosis", "wh-01", "420102",
        ("想做一次全面的质量诊断", "企业准备扩大产能，希望专家全面诊断质量管理和检测能力。"),
        "诊断完成：质量管理体系基本健全，出厂检验和标准执行有待加强。",
        (("出厂检验", "medium", "出厂检验只做外观检查，未按产品标准做型式试验项目。"),
         ("标准执行", "high", "企业执行的产品标准已被新版替代，标签仍标注旧标准号。")),
        (("按新版产品标准修订企业标准并完成自我声明公开。", C.STANDARDS),
         ("委托有资质的机构做一次型式试验。", None)),
    ),
)
# fmt: on
DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)


def load_catalogue() -> int:
    """Add the demo services not there yet; return how many services the catalogue has."""
    existing = set(Service.objects.values_list("code", flat=True))
    for demo in SERVICES:
        if demo.code in existing:
            continue
        service_save(
            code=demo.code,
            name=demo.name,
            element=demo.element,
            kind=demo.kind,
            working_days=demo.working_days,
            stations=_stations(demo),
            description=demo.description,
            fee=demo.fee,
        )
    return Service.objects.count()


def _stations(demo: DemoService) -> list[ServiceStation]:
    offering = ServiceStation.objects.filter(services__category=demo.element)
    if demo.stations == (WUHAN,):
        return list(offering.filter(code__startswith=WUHAN).order_by("code"))
    return list(offering.filter(code__in=demo.stations))


def load_diagnoses() -> None:
    """Drive the demo diagnoses to resolved with their reports, once."""
    if DiagnosisReport.objects.exists():
        return
    now = timezone.now()
    for index, (code, station_code, region, request, conclusion, findings, advice) in enumerate(
        DIAGNOSES
    ):
        station = ServiceStation.objects.get(code=station_code)
        firm = (
            Enterprise.objects.filter(region_code__startswith=region, members__isnull=False)
            .order_by("id")
            .first()
            or Enterprise.objects.filter(region_code__startswith=region).order_by("id").first()
        )
        # Each step taken by the station's staff or the expert, in office hours.
        at = office_moment((now - (12 - index) * DAY).date(), random.Random(index))
        title, description = request
        ticket = services.ticket_file(
            enterprise=firm,
            filed_by=firm.members.first(),
            title=title,
            description=description,
            service=Service.objects.get(code=code),
            station=station,
            at=at,
        )
        at = add_office_time(at, 90 * MINUTE)
        ticket = services.ticket_triage(ticket=ticket, actor=station_staff(station), at=at)
        best = rank(ticket, eligible_experts(ticket))[0]
        at = add_office_time(at, 30 * MINUTE)
        ticket = services.ticket_assign(
            ticket=ticket, actor=None, expert=best.expert, note=best.reason(), at=at
        )
        at = add_office_time(at, 240 * MINUTE)
        ticket = services.ticket_accept(ticket=ticket, actor=best.expert.user, at=at)
        services.ticket_resolve(
            ticket=ticket,
            actor=best.expert.user,
            resolution=conclusion,
            losses_avoided=Decimal("150000.00"),
            report={
                "findings": [
                    {"area": area, "severity": severity, "evidence": evidence}
                    for area, severity, evidence in findings
                ],
                "recommendations": [
                    {"text": text, "file": category is not None, "category": category}
                    for text, category in advice
                ],
            },
            at=add_office_time(at, 4 * 480 * MINUTE),
        )
