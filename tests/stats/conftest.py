import random

import pytest
from rest_framework.test import APIClient

from requests_app.stats.maintenance import sweep
from tests.factories import StationMembershipFactory, SupervisorScopeFactory, UserFactory
from tests.stats.data import build_network, random_requests


@pytest.fixture
def network(db):
    return build_network(random.Random(10))


@pytest.fixture
def counted(network):
    """Three hundred random requests, counted into the roll-ups by a sweep."""
    tickets = random_requests(random.Random(11), network, 300)
    sweep()
    return tickets


@pytest.fixture
def admin_user(db):
    return UserFactory(username="stats_admin", is_superuser=True, is_staff=True)


@pytest.fixture
def supervisor(db):
    return SupervisorScopeFactory(user__username="stats_supervisor", region_prefix="4201").user


@pytest.fixture
def staff(network):
    return StationMembershipFactory(user__username="stats_staff", station=network.stations[0]).user


@pytest.fixture
def api():
    def client_for(user=None):
        client = APIClient()
        if user is not None:
            client.force_authenticate(user)
        return client

    return client_for
