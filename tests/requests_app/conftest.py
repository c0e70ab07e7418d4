"""Fixtures of the request tests: a small network around one enterprise and station."""

import pytest
from django.core.cache import cache

from requests_app.choices import Category
from service_stations.choices import StationRole
from tests.factories import (
    EnterpriseFactory,
    EnterpriseMembershipFactory,
    ExpertFactory,
    StationFactory,
    StationMembershipFactory,
    SupervisorScopeFactory,
    UserFactory,
)
from tests.requests_app.helpers import World


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
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
