"""Drive the application against a real primary and standby; print what each request did.

    DATABASE_URL=<primary> DATABASE_REPLICA_URLS=<standby> \\
    REPLICA_STOP_COMMAND='["pg_ctl", ...]' python -m tests.integration.replica_driver

Run by ``tests/integration/test_replica.py`` (which starts the servers and
judges the output) in a process of its own, because the replica is a
database alias that only the environment creates. Requests go through
Django's test client, the whole middleware and view stack. For each one it
records the status and how many statements ran on the primary and on the
replica (the replica's health check apart); the output is one JSON object.
"""

import json
import os
import subprocess
import sys
import time
from contextlib import ExitStack

REPLICA = "replica1"
REPLAY_SECONDS = 120


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nqi_service.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.db import connections
    from django.test.utils import override_settings, setup_test_environment
    from rest_framework.authtoken.models import Token
    from rest_framework.test import APIClient

    from nqi_service.replicas.health import LAG_SQL
    from tests.requests_app.helpers import build_world

    setup_test_environment()
    primary, replica = connections["default"], connections[REPLICA]

    def scalar(connection, sql, params=()):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]

    def wait_replayed() -> None:
        """Wait until the standby has replayed all the primary has written so far."""
        target = scalar(primary, "SELECT pg_current_wal_lsn()::text")
        deadline = time.monotonic() + REPLAY_SECONDS
        while not scalar(replica, "SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [target]):
            assert time.monotonic() < deadline, "the standby did not replay the primary's WAL"
            time.sleep(0.1)

    def client(user) -> APIClient:
        # A token made a day ago: one just made would keep its user on the primary.
        token = Token.objects.create(user=user)
        Token.objects.filter(pk=token.pk).update(created=token.created.replace(year=2020))
        api = APIClient()
        api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return api

    def observe(api, method: str, path: str, **kwargs) -> dict:
        counts = {"primary": 0, "replica": 0}

        def counter(name):
            def wrapper(execute, sql, params, many, context):
                if sql != LAG_SQL:
                    counts[name] += 1
                return execute(sql, params, many, context)

            return wrapper

        with ExitStack() as stack:
            stack.enter_context(primary.execute_wrapper(counter("primary")))
            stack.enter_context(replica.execute_wrapper(counter("replica")))
            response = getattr(api, method)(path, **kwargs)
        return {"status": response.status_code, **counts}

    def healthz() -> dict:
        response = APIClient().get("/healthz")
        return {"status": response.status_code, **response.json()}

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        world = build_world()
    owner, staff, supervisor = (client(u) for u in (world.owner, world.staff, world.supervisor))
    filing = {"title": "电子秤示值偏差", "description": "需要计量校准。", "category": "metrology"}
    out = {}
    wait_replayed()

    # Routing: a list lands on the standby, a filing on the primary.
    out["list"] = observe(staff, "get", "/api/v1/tickets/")
    out["in_recovery"] = {
        "primary": scalar(primary, "SELECT pg_is_in_recovery()"),
        "replica": scalar(replica, "SELECT pg_is_in_recovery()"),
    }
    out["file"] = observe(owner, "post", "/api/v1/tickets/", data=filing, format="json")
    out["healthz_up"] = healthz()

    # Read-your-writes, the standby's replay paused so that it misses the new request.
    with override_settings(REPLICA_MAX_LAG_SECONDS=3600):
        wait_replayed()
        scalar(replica, "SELECT pg_wal_replay_pause()")
        filed = owner.post("/api/v1/tickets/", data=filing, format="json")
        detail = f"/api/v1/tickets/{filed.data['id']}/"
        out["writer_reads"] = observe(owner, "get", detail)
        out["other_reads"] = observe(staff, "get", detail)
        time.sleep(settings.REPLICA_READ_YOUR_WRITES_SECONDS + 0.5)
        out["writer_reads_after_window"] = observe(owner, "get", detail)

    # Lag: still paused, the standby is now further behind than the bound allows.
    with override_settings(REPLICA_MAX_LAG_SECONDS=1, REPLICA_CHECK_SECONDS=0):
        out["lagging_reads"] = observe(staff, "get", detail)
        out["healthz_lagging"] = healthz()

    # Caught up again, the standby serves the request it missed.
    scalar(replica, "SELECT pg_wal_replay_resume()")
    wait_replayed()
    with override_settings(REPLICA_CHECK_SECONDS=0):
        out["caught_up_reads"] = observe(staff, "get", detail)

    # The standby stops while this process still holds it for up: the read is
    # served by the primary, and the standby is passed over afterwards.
    with override_settings(REPLICA_CHECK_SECONDS=3600):
        out["before_stop"] = observe(staff, "get", detail)
        subprocess.run(json.loads(os.environ["REPLICA_STOP_COMMAND"]), check=True)
        out["standby_stopped"] = observe(staff, "get", detail)
        out["after_stop"] = observe(staff, "get", "/api/v1/tickets/")
        out["stats_after_stop"] = observe(supervisor, "get", "/api/v1/stats/overview/")
    out["healthz_down"] = healthz()
    print(json.dumps(out))


if __name__ == "__main__":
    sys.exit(main())
