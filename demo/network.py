"""Write the demo network into the database; each step skips what is already there."""

from django.contrib.auth import get_user_model

from accounts.services.back_office import back_office_sync
from demo.enterprises import CLUSTERS, demo_enterprises
from demo.experts import demo_experts
from demo.places import station_rows
from enterprises.choices import MemberRole
from enterprises.models import Enterprise, EnterpriseMembership, IndustryCluster
from service_stations.choices import StationRole
from service_stations.models import (
    Expert,
    ExpertSpecialty,
    ServiceStation,
    StationMembership,
    StationService,
    SupervisorScope,
)

DEMO_PASSWORD = "nqi-demo-2026"

# username, role, what it is attached to
LOGINS = (
    ("demo_admin", "admin", None),
    ("demo_enterprise", "enterprise", "wh-01"),
    ("demo_staff", StationRole.STAFF, "wh-01"),
    ("demo_manager", StationRole.MANAGER, "wh-01"),
    ("demo_coop_manager", StationRole.MANAGER, "nt-textile"),
    ("demo_expert", "expert", "wh-01"),
    ("demo_supervisor", "supervisor", "4201"),
    # Yantai's shared instrument pool: a firm that books, the platform's lab manager.
    ("demo_yt_enterprise", "enterprise", "yt-sharedlab"),
    ("demo_lab_manager", StationRole.MANAGER, "yt-sharedlab"),
)


def load_stations() -> dict[str, ServiceStation]:
    stations = {station.code: station for station in ServiceStation.objects.all()}
    for code, name, kind, region, host, address, services, parent in station_rows():
        if code not in stations:
            stations[code] = ServiceStation.objects.create(
                code=code,
                name=name,
                kind=kind,
                region_code=region,
                host_organization=host,
                address=address,
                parent=stations.get(parent),
            )
        StationService.objects.bulk_create(
            [StationService(station=stations[code], category=c) for c in services],
            ignore_conflicts=True,
        )
    return stations


def load_experts(stations: dict[str, ServiceStation]) -> None:
    existing = set(Expert.objects.values_list("name", "organization"))
    for demo in demo_experts():
        if (demo.name, demo.organization) in existing:
            continue
        expert = Expert.objects.create(
            name=demo.name,
            organization=demo.organization,
            title=demo.title,
            industries=list(demo.industries),
            capacity=demo.capacity,
        )
        expert.stations.set([stations[code] for code in demo.stations])
        ExpertSpecialty.objects.bulk_create(
            [ExpertSpecialty(expert=expert, category=c) for c in demo.specialties]
        )


def load_enterprises() -> None:
    clusters = {}
    for name, (region, industry, chain) in CLUSTERS.items():
        clusters[name], _created = IndustryCluster.objects.get_or_create(
            name=name,
            defaults={"region_code": region, "industry_code": industry, "chain_description": chain},
        )
    existing = set(Enterprise.objects.values_list("credit_code", flat=True))
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                credit_code=demo.credit_code,
                name=demo.name,
                kind=demo.kind,
                region_code=demo.region_code,
                industry_code=demo.industry_code,
                size=demo.size,
                cluster=clusters.get(demo.cluster),
                contact_name=demo.contact_name,
                contact_phone=demo.contact_phone,
                address=demo.address,
                has_lab=demo.has_lab,
                in_standard_setting=demo.in_standard_setting,
                equipment_utilisation=demo.equipment_utilisation,
                is_verified=True,
            )
            for demo in demo_enterprises()
            if demo.credit_code not in existing
        ]
    )


def load_logins(stations: dict[str, ServiceStation]) -> None:
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
            enterprise = Enterprise.objects.filter(
                region_code=stations[target].region_code
            ).order_by("id")[0]
            EnterpriseMembership.objects.get_or_create(
                user=user, enterprise=enterprise, defaults={"role": MemberRole.OWNER}
            )
        elif role in StationRole.values:
            StationMembership.objects.get_or_create(
                user=user, station=stations[target], defaults={"role": role}
            )
            back_office_sync(user)
        elif role == "expert" and not hasattr(user, "expert"):
            expert = Expert.objects.filter(stations=stations[target], user__isnull=True).order_by(
                "id"
            )[0]
            expert.user = user
            expert.save(update_fields=["user"])
        elif role == "supervisor":
            SupervisorScope.objects.get_or_create(user=user, defaults={"region_prefix": target})


def load_actors() -> None:
    """Give every demo firm, station and expert a login, so that each step of a
    request is taken by someone: the firm's contact files and confirms, the
    station's staff triage, the expert accepts and resolves. They have no
    password; the demo logins above are for people trying the demo."""
    firms = list(Enterprise.objects.filter(is_claimed=True, memberships__isnull=True))
    owners = _new_logins([f"demo-firm-{firm.pk}" for firm in firms])
    EnterpriseMembership.objects.bulk_create(
        EnterpriseMembership(user=owner, enterprise=firm, role=MemberRole.OWNER)
        for firm, owner in zip(firms, owners, strict=True)
    )
    stations = list(ServiceStation.objects.exclude(memberships__role=StationRole.STAFF))
    staff = _new_logins([f"demo-station-{station.code}" for station in stations])
    StationMembership.objects.bulk_create(
        StationMembership(user=user, station=station, role=StationRole.STAFF)
        for station, user in zip(stations, staff, strict=True)
    )
    for user in staff:
        back_office_sync(user)
    experts = list(Expert.objects.filter(user__isnull=True))
    for expert, user in zip(
        experts, _new_logins([f"demo-expert-{expert.pk}" for expert in experts]), strict=True
    ):
        expert.user = user
    Expert.objects.bulk_update(experts, ["user"])


def _new_logins(usernames: list[str]) -> list:
    """Create logins without a password; return them in the order of ``usernames``."""
    User = get_user_model()
    users = [User(username=username) for username in usernames]
    for user in users:
        user.set_unusable_password()
    User.objects.bulk_create(users)
    created = User.objects.filter(username__in=usernames).in_bulk(field_name="username")
    return [created[username] for username in usernames]
