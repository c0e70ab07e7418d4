"""Fixtures of the request tests: a small network around one enterprise and station."""

import pytest
from django.core.cache import cache

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
