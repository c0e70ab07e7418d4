"""Liveness of the parts the service depends on."""

import redis
from django.conf import settings
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from nqi_service.replicas import health as replica_health
from workcalendar.days import bundled, calendar_status

BROKER_TIMEOUT_SECONDS = 1


def database_status() -> str:
    """Return ``"ok"`` when a trivial query succeeds, otherwise ``"down"``."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return "down"
    return "ok"


def broker_status() -> str:
    """Return ``"ok"`` when the Redis broker answers a ping, otherwise ``"down"``.

    Without ``REDIS_URL`` tasks run in-process, so there is no broker to lose.
    """
    if not settings.REDIS_URL:
        return "ok"
    client = redis.Redis.from_url(
        settings.REDIS_URL,
        socket_connect_timeout=BROKER_TIMEOUT_SECONDS,
        socket_timeout=BROKER_TIMEOUT_SECONDS,
    )
    try:
        client.ping()
    except redis.RedisError:
        return "down"
    finally:
        client.close()
    return "ok"


@require_GET
def healthz(request):
    """Report database, broker and calendar status, and each replica's when there are
    any; 503 when the database is down (a replica down is not: the primary serves)."""
    body = {"database": database_status(), "broker": broker_status()}
    loaded = {} if body["database"] == "ok" else {"loaded": bundled}
    body["calendar"] = calendar_status(timezone.localdate(), **loaded)
    if settings.REPLICA_DATABASES:
        body["replicas"] = replica_health.statuses()
    return JsonResponse(body, status=200 if body["database"] == "ok" else 503)
