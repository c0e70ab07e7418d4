"""Doorstep demo data: firms without a login and visits with findings at two of
Wuhan's stations in 江岸区 (岱家山 and 谌家矶).

Each station's staff record them through the services, as the API does, in
office hours; firms are skipped when already recorded, so loading twice
changes nothing.
"""

import datetime

from django.utils import timezone

from enterprises.choices import EnterpriseKind
from enterprises.credit_codes import compose_credit_code
from enterprises.models import Enterprise
from enterprises.services.claims import enterprise_record
from requests_app.choices import Category
from requests_app.deadlines import add_office_time
from service_stations.choices import StationRole
from service_stations.models import ServiceStation
from visits.services import visit_record

# station, name, kind, code prefix, organisation code, contact,
# findings (category, description, file)
FIRMS = (
    (
        "wh-01",
        "江岸区建华五金经营部",
        EnterpriseKind.INDIVIDUAL_BUSINESS,
        "92",
        "60418823",
        "王建华",
        (
            (Category.METROLOGY, "店内计价台秤超期未检定，顾客对称重有疑问。", True),
            (Category.STANDARDS, "所售水暖配件不清楚应执行的产品标准。", True),
        ),
    ),
    (
        "wh-01",
        "江岸区二七路老李热干面馆",
        EnterpriseKind.INDIVIDUAL_BUSINESS,
        "92",
        "60427154",
        "李春梅",
        ((Category.QUALITY_MANAGEMENT, "食材进货查验记录不全。", False),),
    ),
    (
        "wh-02",
        "武汉市江岸区谌家矶蔬菜种植专业合作社",
        EnterpriseKind.FARMERS_COOPERATIVE,
        "93",
        "60439871",
        "陈国富",
        ((Category.INSPECTION, "蔬菜农药残留自检缺少快检设备和方法。", True),),
    ),
)


def load_visits() -> int:
    """Record the doorstep firms and their visits not yet there; return how many visits."""
    recorded = 0
    for days_ago, (code, name, kind, prefix, organisation, contact, findings) in enumerate(
        FIRMS, 1
    ):
        station = ServiceStation.objects.get(code=code)
        staff = station.memberships.filter(role=StationRole.STAFF).order_by("id").first().user
        credit_code = compose_credit_code(
            authority_and_type=prefix, region_code=station.region_code, organisation=organisation
        )
        if Enterprise.objects.filter(credit_code=credit_code).exists():
            continue
        firm, _issued = enterprise_record(
            actor=staff,
            name=name,
            credit_code=credit_code,
            region_code=station.region_code,
            kind=kind,
            contact_name=contact,
            contact_phone=f"139{days_ago:04d}{8000 + days_ago}",
            address=f"武汉市江岸区{name[3:7]}",
        )
        day = timezone.localdate() - datetime.timedelta(days=days_ago * 3)
        midnight = datetime.datetime.combine(day, datetime.time(), timezone.get_current_timezone())
        visited_at = add_office_time(midnight, datetime.timedelta(hours=1, minutes=30))
        # Recorded at the doorstep, during the visit.
        Enterprise.objects.filter(pk=firm.pk).update(created_at=visited_at)
        visit_record(
            actor=staff,
            enterprise=firm,
            visited_at=visited_at,
            # Recorded back at the station, the findings filed, the same working day.
            at=add_office_time(visited_at, datetime.timedelta(hours=2)),
            staff=[staff],
            experts=[],
            summary=f"上门走访{name}，了解经营情况和质量需求。",
            internal_note="首次走访，负责人尚未注册平台账号。",
            findings=[
                {"category": category, "description": text, "file": file}
                for category, text, file in findings
            ],
        )
        recorded += 1
    return recorded
