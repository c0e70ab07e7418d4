import random

import pytest
from rest_framework.test import APIClient

from stats.maintenance import sweep
from tests.conftest import built_once
from tests.factories import StationMembershipFactory, SupervisorScopeFactory, UserFactory
from tests.stats.data import build_network, random_requests


@pytest.fixture
def network(db):
    return build_network(random.Random(10))


def count_requests(network) -> list:
    """Three hundred random requests, counted into the roll-ups by a sweep."""
    tickets = random_requests(random.Random(11), network, 300)
    sweep()
    return tickets


@pytest.fixture
def counted(network):
    return count_requests(network)


@pytest.fixture(scope="module")
def counted_network_once(django_db_setup, django_db_blocker):
    """The network with its requests counted, built once for a module that only reads them.

    Such a module's ``network`` is a deep copy of it (see ``test_figures.py``),
    as ``setUpTestData`` gives each test its own.
    """

    def build():
        network = build_network(random.Random(10))
        count_requests(network)
        return network

    with built_once(django_db_blocker, build) as built:
        yield built


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
