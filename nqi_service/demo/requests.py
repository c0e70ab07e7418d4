"""Demo requests in every status, each driven through the lifecycle services.

Every change goes through the same services as the API, at realistic past
times, so each request's event trail replays to its status. Experts are
chosen by the matching engine. Requests about "other" problems wait in
``triaged``: no expert covers that category, so the managers are alerted.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from enterprises.models import Enterprise
from requests_app import services
from requests_app.assignment import eligible_experts, rank
from requests_app.choices import Category, Status
from requests_app.models import Ticket

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
PROBLEMS = {
    Category.METROLOGY: (
        "电子秤示值偏差无法校准",
        "生产线上的电子秤示值偏差约 0.5%，本地找不到有资质的校准机构。",
    ),
    Category.STANDARDS: (
        "出口产品适用标准不清楚",
        "产品准备出口东盟，不清楚应执行的国家标准和国际标准。",
    ),
    Category.CERTIFICATION: (
        "申请 CCC 认证需要哪些材料",
        "新开发的电器产品需要强制性产品认证，不了解流程。",
    ),
    Category.INSPECTION: (
        "产品抽检不合格需要复检",
        "最近一批产品在市场抽检中不合格，希望找实验室复检并分析原因。",
    ),
    Category.QUALITY_MANAGEMENT: (
        "保质期内产品胀袋",
        "预包装产品在保质期内出现胀袋，怀疑杀菌工艺有问题。",
    ),
    Category.BRAND: ("想申请地理标志和品牌培育", "希望把本地特色产品做成区域品牌，需要指导。"),
    Category.OTHER: ("设备能效提升咨询", "想了解设备能效提升的政策和技术服务渠道。"),
}
# fmt: on
DAY = datetime.timedelta(days=1)


def load_requests() -> int:
    """File the demo requests once; return how many were filed."""
    if Ticket.objects.exists():
        return 0
    rng = random.Random(2026)
    enterprises = list(Enterprise.objects.order_by("id"))
    # The demo enterprise login sees one request of its own in every status.
    featured = Enterprise.objects.filter(members__isnull=False).order_by("id").first()
    now = timezone.now()
    filed = 0
    for status, count in PLAN.items():
        for index in range(count):
            enterprise = featured if index == 0 and featured else rng.choice(enterprises)
            _drive(enterprise, status, now - rng.uniform(2, 80) * DAY, rng)
            filed += 1
    return filed


def _drive(enterprise, status, at, rng) -> Ticket:
    categories = [c for c in Category.values if c != Category.OTHER]
    category = Category.OTHER if status == Status.TRIAGED else rng.choice(categories)
    title, description = PROBLEMS[category]
    ticket = services.ticket_file(
        enterprise=enterprise,
        filed_by=enterprise.members.first(),
        title=title,
        description=description,
        category=category,
        urgency=rng.choice(["normal", "normal", "high", "low"]),
        at=at,
    )
    for step in STEPS[status]:
        at += rng.uniform(0.05, 1.5) * DAY
        ticket = _step(ticket, step, at, rng)
    return ticket


def _step(ticket, step, at, rng) -> Ticket:
    common = {"ticket": ticket, "actor": None, "at": at}
    if step == "assign":
        best = rank(ticket, eligible_experts(ticket))[0]
        return services.ticket_assign(**common, expert=best.expert, note=best.reason())
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
        question = "请补充最近三批产品的检测报告和生产工艺记录。"
        return services.ticket_request_info(**common, question=question)
    if step == "cancel":
        return services.ticket_cancel(**common, reason="问题已自行解决。")
    return getattr(services, f"ticket_{step}")(**common)
