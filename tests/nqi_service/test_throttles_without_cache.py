"""Throttles keep counting, in the process's memory, while the shared cache (Redis) is down.

Nothing answers on the cache's port here, so every shared-cache call fails the
way it does when Redis stops. Login must neither fail with 500 (nobody could log
in during an outage) nor stop counting (brute force would be open meanwhile).
"""

import pytest
from django.core.cache import caches
from django.test import override_settings
from rest_framework.test import APIClient
from rest_framework.throttling import ScopedRateThrottle

from bench.processes import free_port
from nqi_service.api.throttles import fallback_cache

pytestmark = pytest.mark.django_db

TOKEN = "/api/v1/auth/token/"


@pytest.fixture
def cache_down():
    unreachable = f"redis://127.0.0.1:{free_port()}/0"
    backend = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": unreachable}
    with override_settings(CACHES={"default": backend}):
        fallback_cache.clear()
        yield
    caches["default"].close()
    fallback_cache.clear()


def test_login_is_still_throttled_while_the_cache_is_down(cache_down, monkeypatch):
    monkeypatch.setattr(ScopedRateThrottle, "THROTTLE_RATES", {"login": "2/minute"})
    client = APIClient()
    statuses = [
        client.post(TOKEN, {"username": "x", "password": "y"}).status_code for _ in range(3)
    ]
    assert statuses == [400, 400, 429]
