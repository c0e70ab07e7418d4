"""Throttles that keep counting while the shared cache (Redis) is down.

DRF's throttles count in the default cache. When Redis stops, a throttle that
raised would turn login, registration and filing into 500s; one that let
everything through would open brute force for the outage. These count in this
process's memory meanwhile: each server process enforces the rate on its own
until Redis is back, and the outage shows in ``/healthz``.
"""

import hashlib
import logging
import unicodedata

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


class LoginFailureThrottle(CountedDuringOutage, throttling.SimpleRateThrottle):
    """Failed logins per target username, from whatever address (``THROTTLE_LOGIN_FAILURES``).

    The per-client login rate does not stop one account being guessed from many
    addresses. Once a username has had the rate's number of failures within its
    window, every login for it is refused (429) before the password is hashed,
    the right password included: checking it would spend the hashing the
    throttle saves and tell a guesser when they hit. Refused attempts are not
    failures, so someone else's guessing locks the real user out for at most
    one window after the last failure counted.
    """

    scope = "login_failures"

    def get_cache_key(self, request, view):
        username = request.data.get("username") if hasattr(request.data, "get") else None
        if not isinstance(username, str) or not username:
            return None
        # Compatibility forms and case are one name here, whatever the login's rules.
        folded = unicodedata.normalize("NFKC", username).casefold()
        digest = hashlib.sha256(folded.encode()).hexdigest()
        return self.cache_format % {"scope": self.scope, "ident": digest}

    def throttle_success(self):
        """Let the attempt through without counting it: only failures count."""
        return True

    def record_failure(self, request, view) -> None:
        """Count a failed login for the request's username."""
        key = self.get_cache_key(request, view)
        if key is None:
            return
        now = self.timer()
        try:
            history = self.cache.get(key, [])
        except redis.RedisError:
            self.cache = fallback_cache
            history = self.cache.get(key, [])
        history = [moment for moment in history if moment > now - self.duration]
        self.cache.set(key, [now, *history], self.duration)
