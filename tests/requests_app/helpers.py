"""Helpers for request tests: the small network, and walking a request through its lifecycle."""

from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from requests_app import services
from requests_app.choices import Category, Status
from requests_app.models import Ticket
from service_stations.choices import StationRole
from service_stations.models import Expert
from tests.factories import (
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    UserFactory,
)


@dataclass
class World:
    enterprise: object
    owner: object
    station: object
    staff: object
    manager: object
    expert: Expert
    second_expert: Expert
    supervisor: object
    admin: object
    other_station: object
    other_staff: object
    other_enterprise_member: object
    other_expert: Expert
    foreign_supervisor: object

    def user(self, role: str):
        return {
            "enterprise": self.owner,
            "station_staff": self.staff,
            "station_manager": self.manager,
            "expert": self.expert.user,
            "supervisor": self.supervisor,
            "admin": self.admin,
            "other_enterprise": self.other_enterprise_member,
            "other_station_staff": self.other_staff,
            "other_expert": self.other_expert.user,
            "foreign_supervisor": self.foreign_supervisor,
        }[role]


def build_world() -> World:
    enterprise = EnterpriseFactory(region_code="420102")
    station = StationFactory(code="wh-daijiashan", region_code="420102")
    other_station = StationFactory(code="wh-hub", region_code="420100")
    return World(
        enterprise=enterprise,
        owner=EnterpriseMembershipFactory(enterprise=enterprise).user,
        station=station,
        staff=StationMembershipFactory(station=station).user,
        manager=StationMembershipFactory(station=station, role=StationRole.MANAGER).user,
        expert=ExpertFactory(user=UserFactory(), specialties=list(Category.values)),
        second_expert=ExpertFactory(user=UserFactory(), specialties=list(Category.values)),
        supervisor=SupervisorScopeFactory(region_prefix="4201").user,
        admin=UserFactory(is_superuser=True, is_staff=True),
        other_station=other_station,
        other_staff=StationMembershipFactory(station=other_station).user,
        other_enterprise_member=EnterpriseMembershipFactory(
            enterprise=EnterpriseFactory(region_code="420102")
        ).user,
        other_expert=ExpertFactory(user=UserFactory(), specialties=list(Category.values)),
        foreign_supervisor=SupervisorScopeFactory(region_prefix="32").user,
    )


def file_ticket(world: World, **overrides) -> Ticket:
    fields = {
        "enterprise": world.enterprise,
        "filed_by": world.owner,
        "title": "电子秤示值偏差",
        "description": "自有电子秤示值偏差 0.5%，找不到校准机构。",
        "category": Category.METROLOGY,
        "station": world.station,
    }
    return services.ticket_file(**{**fields, **overrides})


# How the system (actor None) brings a request to each status.
PATHS = {
    Status.SUBMITTED: [],
    Status.TRIAGED: ["triage"],
    Status.ASSIGNED: ["triage", "assign"],
    Status.IN_PROGRESS: ["triage", "assign", "accept"],
    Status.AWAITING_INFO: ["triage", "assign", "accept", "request_info"],
    Status.RESOLVED: ["triage", "assign", "accept", "resolve"],
    Status.CLOSED: ["triage", "assign", "accept", "resolve", "confirm"],
    Status.REJECTED: ["reject"],
    Status.CANCELLED: ["cancel"],
}


def walk(ticket: Ticket, world: World, steps: list[str]) -> Ticket:
    kwargs = {
        "triage": {},
        "assign": {"expert": world.expert},
        "accept": {},
        "resolve": {"resolution": "已现场校准并出具报告。"},
        "confirm": {"rating": 5},
        "request_info": {"question": "请补充电子秤型号和最近一次检定证书。"},
        "provide_info": {"answer": "型号 ACS-30，证书见附件。"},
        "reject": {"reason": "不属于质量问题。"},
        "cancel": {},
    }
    for step in steps:
        ticket = getattr(services, f"ticket_{step}")(ticket=ticket, actor=None, **kwargs[step])
    return ticket


def ticket_in(status: str, world: World) -> Ticket:
    """Return a request brought to ``status`` through the services."""
    return walk(file_ticket(world), world, PATHS[status])


def client_for(user) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def assert_open_assignments_in_step(*experts: Expert) -> None:
    """Each expert's counter equals the requests now assigned to or in progress with them."""
    for expert in experts:
        expert.refresh_from_db()
        held = Ticket.objects.filter(
            assigned_expert=expert, status__in=[Status.ASSIGNED, Status.IN_PROGRESS]
        ).count()
        assert expert.open_assignments == held, expert


def token_client(user) -> APIClient:
    """Return a client authenticated by token, as API clients are."""
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def count_queries(client: APIClient, url: str):
    """GET ``url``; return the number of queries it ran and the (200) response."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response
