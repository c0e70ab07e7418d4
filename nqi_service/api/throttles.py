"""Throttles that keep counting while the shared cache (Redis) is down.

DRF's throttles count in the default cache. When Redis stops, a throttle that
raised would turn login, registration and filing into 500s; one that let
everything through would open brute force for the outage. These count in this
process's memory meanwhile: each server process enforces the rate on its own
until Redis is back, and the outage shows in ``/healthz``.
"""

import logging

import redis
from django.core.cache.backends.locmem import LocMemCache
from rest_framework import throttling

logger = logging.getLogger(__name__)

fallback_cache = LocMemCache("throttle-fallback", {"OPTIONS": {"MAX_ENTRIES": 10_000}})


class CountedDuringOutage:
    """Mixin for a DRF throttle: fall back to ``fallback_cache`` when the cache fails."""

    def allow_request(self, request, view):
        try:
            return super().allow_request(request, view)
        except redis.RedisError:
            logger.warning("Cache unavailable; %s counts in this process meanwhile.", self.scope)
            self.cache = fallback_cache
            return super().allow_request(request, view)


class ScopedRateThrottle(CountedDuringOutage, throttling.ScopedRateThrottle):
    """The rate of the view's ``throttle_scope`` (registration, login)."""


class UserRateThrottle(CountedDuringOutage, throttling.UserRateThrottle):
    """A per-user rate of the subclass's ``scope``."""
