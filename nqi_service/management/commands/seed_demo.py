"""Load a small demonstration network; running it again changes nothing."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from enterprises.choices import EnterpriseKind, MemberRole, SizeClass
from enterprises.models import Enterprise, EnterpriseMembership
from enterprises.validators import credit_code_check_character
from requests_app.choices import Category
from service_stations.choices import StationKind, StationRole
from service_stations.models import (
    Expert,
    ExpertSpecialty,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)

DEMO_PASSWORD = "nqi-demo-2026"

STATIONS = [
    # code, name, kind, region, host, services, parent code
    (
        "wh-hub",
        "武汉市质量基础设施一站式服务中心",
        StationKind.STATION,
        "420100",
        "武汉市市场监督管理局",
        list(Category.values),
        None,
    ),
    (
        "wh-daijiashan",
        "岱家山科创城质量服务站",
        StationKind.STATION,
        "420102",
        "武汉市计量测试检定（研究）所",
        [Category.METROLOGY, Category.STANDARDS, Category.INSPECTION],
        "wh-hub",
    ),
    (
        "nt-textile",
        "南通家纺质量合作社",
        StationKind.COOPERATIVE,
        "320684",
        "南通市纤维检验所",
        [Category.INSPECTION, Category.STANDARDS, Category.BRAND],
        None,
    ),
    (
        "lz-luosifen",
        "柳州螺蛳粉产业质量服务站",
        StationKind.INDUSTRY_CENTER,
        "450202",
        "柳州市食品药品检验所",
        [Category.INSPECTION, Category.QUALITY_MANAGEMENT, Category.STANDARDS],
        None,
    ),
]

EXPERTS = [
    # name, organisation, title, specialties, industry prefixes, station codes, capacity
    (
        "张建国",
        "武汉市计量测试检定（研究）所",
        "高级工程师",
        [Category.METROLOGY, Category.INSPECTION],
        ["C34", "C38"],
        ["wh-daijiashan", "wh-hub"],
        5,
    ),
    (
        "李秀英",
        "湖北省标准化与质量研究院",
        "研究员",
        [Category.STANDARDS, Category.CERTIFICATION],
        [],
        ["wh-hub"],
        4,
    ),
    (
        "陈晓峰",
        "南通市纤维检验所",
        "工程师",
        [Category.INSPECTION, Category.STANDARDS],
        ["C17", "C18"],
        ["nt-textile"],
        6,
    ),
    (
        "韦丽萍",
        "柳州市食品药品检验所",
        "高级工程师",
        [Category.INSPECTION, Category.QUALITY_MANAGEMENT],
        ["C14"],
        ["lz-luosifen"],
        5,
    ),
]

ENTERPRISES = [
    # registrar-and-kind prefix, name, kind, region, industry, size, contact, phone
    (
        "91",
        "武汉精衡仪表有限公司",
        EnterpriseKind.COMPANY,
        "420102",
        "C4014",
        SizeClass.SMALL,
        "王磊",
        "13871234567",
    ),
    (
        "91",
        "武汉楚天机电设备有限公司",
        EnterpriseKind.COMPANY,
        "420104",
        "C34",
        SizeClass.MEDIUM,
        "刘洋",
        "13907112345",
    ),
    (
        "92",
        "海门区锦绣家纺经营部",
        EnterpriseKind.INDIVIDUAL_BUSINESS,
        "320684",
        "C1771",
        SizeClass.MICRO,
        "周梅",
        "13962812345",
    ),
    (
        "91",
        "柳州螺香食品有限公司",
        EnterpriseKind.COMPANY,
        "450202",
        "C1439",
        SizeClass.SMALL,
        "覃海",
        "13977212345",
    ),
]

LOGINS = [
    # username, role, what it is attached to
    ("demo_admin", "admin", None),
    ("demo_enterprise", "enterprise", 0),
    ("demo_staff", StationRole.STAFF, "wh-daijiashan"),
    ("demo_manager", StationRole.MANAGER, "wh-daijiashan"),
    ("demo_expert", "expert", 0),
    ("demo_supervisor", "supervisor", "4201"),
]


def demo_credit_code(prefix: str, region_code: str, serial: int) -> str:
    """Return a valid credit code for the ``serial``-th demo enterprise."""
    body = f"{prefix}{region_code}MA{serial:07d}"
    return body + credit_code_check_character(body)


class Command(BaseCommand):
    help = "Create a small demonstration network and one login per role (idempotent)."

    @transaction.atomic
    def handle(self, *args, **options):
        stations = self.seed_stations()
        experts = self.seed_experts(stations)
        enterprises = self.seed_enterprises()
        self.seed_logins(stations, experts, enterprises)
        self.stdout.write(
            self.style.SUCCESS(f"Demo data ready. Logins (password {DEMO_PASSWORD}):")
        )
        for username, role, _target in LOGINS:
            self.stdout.write(f"  {role:<16} {username}")

    def seed_stations(self) -> dict[str, ServiceStation]:
        stations = {}
        for code, name, kind, region, host, services, parent in STATIONS:
            station, _created = ServiceStation.objects.get_or_create(
                code=code,
                defaults={
                    "name": name,
                    "kind": kind,
                    "region_code": region,
                    "host_organization": host,
                    "parent": stations.get(parent),
                },
            )
            for category in services:
                StationService.objects.get_or_create(station=station, category=category)
            stations[code] = station
        return stations

    def seed_experts(self, stations) -> list[Expert]:
        experts = []
        for name, org, title, specialties, industries, codes, capacity in EXPERTS:
            expert, _created = Expert.objects.get_or_create(
                name=name,
                organization=org,
                defaults={"title": title, "industries": industries, "capacity": capacity},
            )
            expert.stations.add(*(stations[code] for code in codes))
            for category in specialties:
                ExpertSpecialty.objects.get_or_create(expert=expert, category=category)
            experts.append(expert)
        return experts

    def seed_enterprises(self) -> list[Enterprise]:
        enterprises = []
        for serial, (prefix, name, kind, region, industry, size, contact, phone) in enumerate(
            ENTERPRISES, start=1
        ):
            enterprise, _created = Enterprise.objects.get_or_create(
                credit_code=demo_credit_code(prefix, region, serial),
                defaults={
                    "name": name,
                    "kind": kind,
                    "region_code": region,
                    "industry_code": industry,
                    "size": size,
                    "contact_name": contact,
                    "contact_phone": phone,
                },
            )
            enterprises.append(enterprise)
        return enterprises

    def seed_logins(self, stations, experts, enterprises) -> None:
        User = get_user_model()
        for username, role, target in LOGINS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": role == "admin", "is_superuser": role == "admin"},
            )
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            if role == "enterprise":
                EnterpriseMembership.objects.get_or_create(
                    user=user, enterprise=enterprises[target], defaults={"role": MemberRole.OWNER}
                )
            elif role in StationRole.values:
                StationMembership.objects.get_or_create(
                    user=user, station=stations[target], defaults={"role": role}
                )
            elif role == "expert":
                Expert.objects.filter(pk=experts[target].pk, user__isnull=True).update(user=user)
            elif role == "supervisor":
                SupervisorScope.objects.get_or_create(user=user, defaults={"region_prefix": target})
