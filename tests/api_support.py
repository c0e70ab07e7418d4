"""A small network with one login per role, and API clients that log in by token.

The role names are those of the permission matrices: the enterprise ``E`` and
station ``A`` are the objects under test; ``F`` and ``B`` are foreign to them.
"""

from dataclasses import dataclass, field

import pytest
from django.core.cache import cache
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from enterprises.choices import MemberRole
from requests_app.choices import Status
from requests_app.models import TicketAssignment
from service_stations.choices import StationRole
from tests.factories import (
    AdminFactory,
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    TicketFactory,
    UserFactory,
)

ROLES = [
    "anonymous",
    "enterprise",
    "other_enterprise",
    "station_staff",
    "station_manager",
    "other_staff",
    "expert",
    "supervisor_in",
    "supervisor_out",
    "admin",
]


def token_client(user=None, language: str | None = None) -> APIClient:
    """Return a client that authenticates as ``user`` with its API token."""
    client = APIClient()
    if user is not None:
        token, _created = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    if language:
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    return client


@dataclass
class World:
    station_a: object
    station_b: object
    enterprise_e: object
    enterprise_f: object
    expert_x: object
    expert_y: object
    users: dict = field(default_factory=dict)

    def client(self, role: str) -> APIClient:
        return token_client(self.users.get(role))


def build_world() -> World:
    station_a = StationFactory(region_code="420102")
    station_b = StationFactory(region_code="320684")
    enterprise_e = EnterpriseFactory(region_code="420102")
    enterprise_f = EnterpriseFactory(region_code="320684")
    expert_user = UserFactory()
    expert_x = ExpertFactory(user=expert_user)
    expert_x.stations.add(station_a)
    expert_y = ExpertFactory()
    expert_y.stations.add(station_b)
    assigned = TicketFactory(
        enterprise=enterprise_e,
        station=station_a,
        status=Status.ASSIGNED,
        assigned_expert=expert_x,
    )
    # The hand-over on record, as ``ticket_assign`` writes it: what the expert sees follows it.
    TicketAssignment.objects.create(ticket=assigned, expert=expert_x)
    TicketFactory(enterprise=enterprise_f, station=station_b)
    users = {
        "enterprise": EnterpriseMembershipFactory(
            enterprise=enterprise_e, role=MemberRole.OWNER
        ).user,
        "other_enterprise": EnterpriseMembershipFactory(
            enterprise=enterprise_f, role=MemberRole.OWNER
        ).user,
        "station_staff": StationMembershipFactory(station=station_a).user,
        "station_manager": StationMembershipFactory(
            station=station_a, role=StationRole.MANAGER
        ).user,
        "other_staff": StationMembershipFactory(station=station_b).user,
        "expert": expert_user,
        "supervisor_in": SupervisorScopeFactory(region_prefix="4201").user,
        "supervisor_out": SupervisorScopeFactory(region_prefix="44").user,
        "admin": AdminFactory(),
    }
    return World(station_a, station_b, enterprise_e, enterprise_f, expert_x, expert_y, users)


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(autouse=True)
def _isolated_cache(settings):
    """Give each test an empty local cache, so throttles start from zero."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "api-tests",
        }
    }
    cache.clear()


def ids(response) -> list[int]:
    """Return the ids on a list page."""
    return [row["id"] for row in response.json()["results"]]
