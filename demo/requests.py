"""Demo requests in every status, each driven through the lifecycle services.

Every change goes through the same services as the API, taken by the firm's
contact, the station's staff or the expert, at past moments in office hours,
so each request's event trail replays to its status and says who did what.
Experts are chosen by the matching engine. Requests about "other" problems are
left ``triaged`` for automatic assignment: the hub's two policy advisers take
one each, the others wait and their managers are alerted.
"""

import datetime
import functools
import random
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from enterprises.models import Enterprise
from requests_app import services
from requests_app.assignment import eligible_experts, rank
from requests_app.choices import Category, Status
from requests_app.deadlines import add_office_time
from requests_app.models import Ticket
from service_stations.choices import StationRole
from service_stations.models import StationMembership

# How many demo requests end in each status.
PLAN = {
    Status.SUBMITTED: 8,
    Status.TRIAGED: 4,
    Status.ASSIGNED: 6,
    Status.IN_PROGRESS: 10,
    Status.AWAITING_INFO: 4,
    Status.RESOLVED: 8,
    Status.CLOSED: 30,
    Status.REJECTED: 4,
    Status.CANCELLED: 4,
}
# The steps after filing that lead to each status.
STEPS = {
    Status.SUBMITTED: (),
    Status.TRIAGED: ("triage",),
    Status.ASSIGNED: ("triage", "assign"),
    Status.IN_PROGRESS: ("triage", "assign", "accept"),
    Status.AWAITING_INFO: ("triage", "assign", "accept", "request_info"),
    Status.RESOLVED: ("triage", "assign", "accept", "resolve"),
    Status.CLOSED: ("triage", "assign", "accept", "resolve", "confirm"),
    Status.REJECTED: ("reject",),
    Status.CANCELLED: ("cancel",),
}
# fmt: off
# What a firm asks, by category, and where its industry (GB/T 4754 code
# prefix) makes a different question the likely one: only makers of
# electrical goods, cars' parts or tyres need CCC, bloated bags are a food
# maker's problem, a geographical indication a food or textile cluster's,
# GMP a drug maker's; a trader (section F) makes nothing and asks about what
# it buys and sells.
PROBLEMS = {
    Category.METROLOGY: {
        "": ("电子秤示值偏差无法校准",
             "生产线上的电子秤示值偏差约 0.5%，本地找不到有资质的校准机构。"),
        "C34": ("压力表和流量计送检周期怎么定",
                "泵阀出厂试验用的压力表、流量计较多，想合理安排检定校准周期。"),
        "C27": ("洁净区压差计和温湿度计校准", "GMP 检查要求洁净区压差计、温湿度计按期校准，本地机构排期太长。"),
        "F": ("进货验收用的台秤需要检定", "仓库进货验收用的台秤和卷尺多年未检定，客户对计量有疑问。"),
    },
    Category.STANDARDS: {
        "": ("出口产品适用标准不清楚", "产品准备出口东盟，不清楚应执行的国家标准和国际标准。"),
        "C14": ("螺蛳粉执行哪个标准", "预包装螺蛳粉想从企业标准改为执行地方标准或团体标准，不清楚差异。"),
        "C33": ("钢结构焊缝执行哪个验收标准", "承接的厂房钢结构项目，业主要求明确焊缝质量验收标准和等级。"),
        "F": ("经销的纺织品标签怎么标", "经销的床品、毛巾要进商超，不清楚使用说明和纤维含量标签应执行的标准。"),
    },
    Category.CERTIFICATION: {
        "": ("申请质量管理体系认证需要哪些准备",
             "准备申请 ISO 9001 质量管理体系认证，不清楚文件和内审要求。"),
        "C38": ("申请 CCC 认证需要哪些材料", "新开发的电器产品需要强制性产品认证，不了解流程。"),
        "C39": ("申请 CCC 认证需要哪些材料", "新开发的电子产品需要强制性产品认证，不了解流程。"),
        "C367": ("汽车零部件 CCC 认证和 IATF 16949", "给主机厂配套的零部件需要认证，不清楚哪些产品在 CCC 目录内。"),
        "C2911": ("轮胎 CCC 证书到期换证", "轮胎产品 CCC 证书即将到期，需要办理换证和工厂检查。"),
        "C14": ("申请 HACCP 体系认证", "预包装食品准备进入商超渠道，需要 HACCP 认证，不清楚前期准备。"),
        "C17": ("床品申请绿色产品认证", "家纺产品想申请绿色产品认证，不清楚检测项目和流程。"),
        "C27": ("药品 GMP 符合性检查准备", "新建的制剂车间准备接受 GMP 符合性检查，想先做一次模拟检查。"),
        "F": ("经销商需要哪些资质和认证", "准备给大型商超供货，对方要求供应商具备质量管理体系认证。"),
    },
    Category.INSPECTION: {
        "": ("产品抽检不合格需要复检", "最近一批产品在市场抽检中不合格，希望找实验室复检并分析原因。"),
        "C17": ("床品甲醛和色牢度检测", "电商平台要求提供甲醛含量和色牢度检测报告，本地送检周期太长。"),
        "C27": ("原料药有关物质检测方法", "原料药有关物质检测结果与委托方不一致，需要第三方实验室比对。"),
        "C33": ("钢结构焊缝无损检测", "钢结构构件出厂前需要焊缝超声波探伤，想找有资质的检测机构。"),
        "F": ("所售纺织品抽检不合格", "经销的一批毛巾在市场抽检中纤维含量不合格，希望复检并追溯供货厂家。"),
    },
    Category.QUALITY_MANAGEMENT: {
        "": ("批次质量波动大", "产品关键尺寸批次之间波动大，需要建立过程控制和质量管理体系。"),
        "C14": ("保质期内产品胀袋", "预包装产品在保质期内出现胀袋，怀疑杀菌工艺有问题。"),
        "C17": ("床品批次色差大", "同一款床品不同批次色差明显，客户投诉增多，需要改进染整过程控制。"),
        "C27": ("偏差和变更管理不规范", "药品生产中的偏差调查和变更控制记录不全，需要完善质量管理体系。"),
        "F": ("供货厂家来货质量不稳定", "经销的纺织品来货质量时好时坏，需要建立进货检验和供应商评价制度。"),
    },
    Category.BRAND: {
        "": ("想打造自主品牌", "一直做贴牌加工，想培育自主品牌，需要品牌建设指导。"),
        "C14": ("想申请地理标志和品牌培育", "希望把本地特色产品做成区域品牌，需要指导。"),
        "C17": ("家纺区域品牌怎么用", "想使用叠石桥家纺区域公用品牌，不清楚授权条件。"),
        "F": ("经销商想做自有品牌", "一直代销厂家产品，想与供货厂家合作推出自有品牌，需要品牌建设指导。"),
    },
    Category.OTHER: {
        "": ("设备能效提升咨询", "想了解设备能效提升的政策和技术服务渠道。"),
    },
}
# fmt: on


def problem(category: str, industry_code: str) -> tuple[str, str]:
    """Return the title and description a firm of ``industry_code`` files in ``category``."""
    questions = PROBLEMS[category]
    prefix = max((p for p in questions if industry_code.startswith(p)), key=len)
    return questions[prefix]


DAY = datetime.timedelta(days=1)
MINUTE = datetime.timedelta(minutes=1)
# Firms the network has served a year or more: requests closed 13 to 24 months ago.
LONG_SERVED = 24


def load_requests() -> int:
    """File the demo requests once, each step taken by the firm, the station's staff
    or the expert in office hours; return how many were filed."""
    if Ticket.objects.exists():
        return 0
    rng = random.Random(2026)
    enterprises = list(Enterprise.objects.order_by("id"))
    # The demo enterprise login sees one request of its own in every status.
    featured = Enterprise.objects.filter(members__username="demo_enterprise").first()
    today = timezone.localdate()
    filed = 0
    for status, count in PLAN.items():
        for index in range(count):
            enterprise = featured if index == 0 and featured else rng.choice(enterprises)
            _drive(enterprise, status, office_moment(today - rng.uniform(20, 80) * DAY, rng), rng)
            filed += 1
    for enterprise in rng.sample(enterprises, LONG_SERVED):
        day = today - rng.uniform(400, 730) * DAY
        _drive(enterprise, Status.CLOSED, office_moment(day, rng), rng)
        filed += 1
    _date_registrations(rng)
    _staff_of.cache_clear()
    return filed


def office_moment(day: datetime.date, rng) -> datetime.datetime:
    """Return a moment in office hours on ``day``, or on the next working day."""
    midnight = datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())
    return add_office_time(midnight, rng.uniform(10, 480) * MINUTE)


def _date_registrations(rng) -> None:
    """Date each firm's registration before its first request (or within two years)."""
    now = timezone.now()
    firsts = dict(
        Ticket.objects.values("enterprise")
        .annotate(first=Min("created_at"))
        .values_list("enterprise", "first")
    )
    firms = list(Enterprise.objects.order_by("id"))
    for firm in firms:
        first = firsts.get(firm.pk)
        if first is not None:
            firm.created_at = first - rng.uniform(3, 90) * DAY
        else:
            firm.created_at = now - rng.uniform(0, 730) * DAY
    Enterprise.objects.bulk_update(firms, ["created_at"])


def _drive(enterprise, status, at, rng) -> Ticket:
    categories = [c for c in Category.values if c != Category.OTHER]
    category = Category.OTHER if status == Status.TRIAGED else rng.choice(categories)
    title, description = problem(category, enterprise.industry_code)
    member = enterprise.members.order_by("id").first()
    ticket = services.ticket_file(
        enterprise=enterprise,
        filed_by=member,
        title=title,
        description=description,
        category=category,
        urgency=rng.choice(["normal", "normal", "high", "low"]),
        at=at,
    )
    for step in STEPS[status]:
        at = add_office_time(at, rng.uniform(20, 600) * MINUTE)
        ticket = _step(ticket, step, at, rng, member)
    return ticket


@functools.cache
def _staff_of(station_id: int):
    """Return the station's first staff member: who triages, assigns and rejects."""
    membership = StationMembership.objects.filter(station_id=station_id, role=StationRole.STAFF)
    return membership.select_related("user").order_by("id").first().user


def station_staff(station):
    """Return the member of ``station``'s staff who takes its steps in the demo."""
    return _staff_of(station.pk)


def _step(ticket, step, at, rng, member) -> Ticket:
    expert = ticket.assigned_expert
    actor = {
        "triage": station_staff(ticket.station),
        "reject": station_staff(ticket.station),
        "accept": expert and expert.user,
        "resolve": expert and expert.user,
        "request_info": expert and expert.user,
        "confirm": member,
        "cancel": member,
    }.get(step)
    common = {"ticket": ticket, "actor": actor, "at": at}
    if step == "assign":
        best = rank(ticket, eligible_experts(ticket))[0]
        # Most are matched by the engine (no actor, its reason noted); some by the staff.
        by_staff = rng.random() < 0.3
        return services.ticket_assign(
            ticket=ticket,
            actor=station_staff(ticket.station) if by_staff else None,
            expert=best.expert,
            note="" if by_staff else best.reason(),
            at=at,
        )
    if step == "resolve":
        return services.ticket_resolve(
            **common,
            resolution="专家现场诊断，给出整改方案并跟踪验证，问题已解决。",
            losses_avoided=Decimal(rng.randrange(5_000, 800_000)),
        )
    if step == "confirm":
        return services.ticket_confirm(**common, rating=rng.choice([3, 4, 5, 5, 5]))
    if step == "reject":
        return services.ticket_reject(
            **common, reason="不属于质量基础设施服务范围，建议咨询商务部门。"
        )
    if step == "request_info":
        question = "请补充最近三批产品的检测报告和相关记录。"
        return services.ticket_request_info(**common, question=question)
    if step == "cancel":
        return services.ticket_cancel(**common, reason="问题已自行解决。")
    return getattr(services, f"ticket_{step}")(**common)
