"""Read-your-writes: who wrote a moment ago reads from the primary.

After a POST, PUT, PATCH or DELETE by a signed-in caller, the cache (Redis,
shared by every process) holds a mark for that user for
``REPLICA_READ_YOUR_WRITES_SECONDS``; while it lasts, the caller's reads stay
on the primary, so a request filed is found by the very next GET. A token
younger than the window counts as a write too: the account or login that
made it may not have reached the replicas yet. When the cache cannot be
read, the primary serves.
"""

import datetime
import logging

import redis
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _key(user_id) -> str:
    return f"nqi:replicas:wrote:{user_id}"


def remember_write(user) -> None:
    """Keep ``user``'s reads on the primary for the read-your-writes window."""
    try:
        cache.set(_key(user.pk), 1, timeout=settings.REPLICA_READ_YOUR_WRITES_SECONDS)
    except redis.RedisError as error:  # the write succeeded; a cache that fails must not undo it
        logger.warning("Could not remember a write for read-your-writes: %s", error)


def wrote_recently(request) -> bool:
    """Tell whether the caller of ``request`` wrote within the window (True if unknown)."""
    user = request.user
    if not user.is_authenticated:
        return False
    window = datetime.timedelta(seconds=settings.REPLICA_READ_YOUR_WRITES_SECONDS)
    created = getattr(getattr(request, "auth", None), "created", None)
    if created is not None and timezone.now() - created < window:
        return True
    try:
        return cache.get(_key(user.pk)) is not None
    except redis.RedisError as error:
        logger.warning("Could not read the read-your-writes marks; the primary serves: %s", error)
        return True


def recent_writes_middleware(get_response):
    """Remember the signed-in caller of every unsafe request, while replicas are configured."""

    def middleware(request):
        response = get_response(request)
        if settings.REPLICA_DATABASES and request.method not in SAFE_METHODS:
            user = getattr(request, "user", None)
            if user is not None and user.is_authenticated:
                remember_write(user)
        return response

    return middleware
