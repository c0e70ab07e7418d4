"""Fixtures of the request tests: a small network around one enterprise and station."""

import copy

import pytest
from django.core.cache import cache

from tests.conftest import built_once
from tests.requests_app.helpers import World, build_world


@pytest.fixture(autouse=True)
def _fresh_throttle_counts():
    """Throttle counts live in the cache, which outlives a test's database."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture(scope="module")
def module_world(django_db_setup, django_db_blocker) -> World:
    """The network built once for a test module, rolled back after it."""
    with built_once(django_db_blocker, build_world) as built:
        yield built


@pytest.fixture
def shared_world(module_world, db) -> World:
    """The module's network, as fresh instances for one test.

    A module whose tests only add to the network (requests, events) uses it as
    its ``world``. Each test gets a deep copy of the instances as built, as
    Django's ``setUpTestData`` gives each test: what one test changes in
    memory, or in its savepoint, never reaches the next.
    """
    return copy.deepcopy(module_world)
