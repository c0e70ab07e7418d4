"""A small Yantai pool: one lab with a 三坐标测量机, its staff, two firms and outsiders."""

from dataclasses import dataclass

from service_stations.choices import StationRole
from tests.factories import (
    AdminFactory,
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
)
from tests.instruments.factories import InstrumentFactory, LabFactory


@dataclass
class Pool:
    lab: object
    instrument: object
    firm: object
    other_firm: object
    users: dict


def build_pool() -> Pool:
    station = StationFactory(code="yt-nqi", name="烟台NQI+服务云平台", region_code="370600")
    lab = LabFactory(station=station, name="烟台精密测量实验室")
    instrument = InstrumentFactory(lab=lab)
    firm = EnterpriseFactory(name="烟台某机械有限公司", region_code="370602")
    other_firm = EnterpriseFactory(name="莱山某汽车零部件公司", region_code="370613")
    users = {
        "firm": EnterpriseMembershipFactory(enterprise=firm, user__username="yt-firm").user,
        "other_firm": EnterpriseMembershipFactory(
            enterprise=other_firm, user__username="yt-other-firm"
        ).user,
        "lab_staff": StationMembershipFactory(station=station, user__username="yt-staff").user,
        "lab_manager": StationMembershipFactory(
            station=station, role=StationRole.MANAGER, user__username="yt-manager"
        ).user,
        "outside_staff": StationMembershipFactory(user__username="wh-staff").user,
        "supervisor": SupervisorScopeFactory(
            region_prefix="3706", user__username="yt-supervisor"
        ).user,
        "outside_supervisor": SupervisorScopeFactory(
            region_prefix="4201", user__username="wh-supervisor"
        ).user,
        "admin": AdminFactory(username="yt-admin"),
    }
    return Pool(lab, instrument, firm, other_firm, users)
