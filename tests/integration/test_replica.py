"""Reads from a real streaming standby: routing, read-your-writes, lag and a stopped standby.

The test makes its own primary (initdb) and standby (pg_basebackup -R) in a
temporary folder, on free ports, migrates the primary with the replica
configured, then runs ``tests/integration/replica_driver.py`` against both and
judges what each request did: how many statements ran on the primary and on
the standby, and the status it answered.
"""

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings

from tests.integration.postgres_cluster import Cluster, as_server_user

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

RYW_SECONDS = "5"


@pytest.fixture
def primary_and_standby():
    folder = Path(tempfile.mkdtemp(prefix="nqi-replica-"))
    if as_server_user():
        shutil.chown(folder, "postgres", "postgres")
    primary, standby = Cluster(folder, "primary"), Cluster(folder, "standby")
    try:
        primary.init_primary()
        primary.start()
        primary.createdb("nqi")
        standby.init_standby_of(primary)
        standby.start()
        yield primary, standby
    finally:
        for cluster in (standby, primary):
            if cluster.running():
                with contextlib.suppress(AssertionError):  # remove the folder all the same
                    cluster.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


def app_env(primary: Cluster, standby: Cluster) -> dict:
    inherited = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("DATABASE_", "REDIS_", "REPLICA_", "DJANGO_"))
    }
    stop = [*as_server_user(), str(standby.bin / "pg_ctl"), "-D", str(standby.data)]
    return {
        **inherited,
        "DATABASE_URL": primary.url("nqi"),
        "DATABASE_REPLICA_URLS": standby.url("nqi"),
        "REPLICA_READ_YOUR_WRITES_SECONDS": RYW_SECONDS,
        "REPLICA_STOP_COMMAND": json.dumps([*stop, "-m", "fast", "-w", "stop"]),
    }


def run(env: dict, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-5000:]
    return result.stdout


def test_reads_go_to_the_standby_writers_and_lag_to_the_primary_and_a_stop_is_survived(
    primary_and_standby,
):
    primary, standby = primary_and_standby
    env = app_env(primary, standby)
    run(env, "manage.py", "migrate", "--noinput")  # on the primary; the standby follows
    seen = json.loads(run(env, "-m", "tests.integration.replica_driver").splitlines()[-1])

    # A list is read on the standby; only the token is looked up on the primary.
    assert seen["list"]["status"] == 200 and seen["list"]["replica"] > 0
    assert seen["list"]["primary"] == 1
    assert seen["in_recovery"] == {"primary": False, "replica": True}
    # A filing, and the tasks it runs in-process, touch only the primary.
    assert seen["file"]["status"] == 201 and seen["file"]["replica"] == 0
    assert seen["healthz_up"]["status"] == 200
    assert seen["healthz_up"]["replicas"] == {"replica1": {"status": "ok", "lag_seconds": 0.0}}

    # The standby's replay is paused: the writer finds the new request on the primary,
    # someone else asks the standby, which does not have it yet.
    assert seen["writer_reads"]["status"] == 200 and seen["writer_reads"]["replica"] == 0
    assert seen["other_reads"]["status"] == 404 and seen["other_reads"]["replica"] > 0
    # Past the read-your-writes window the writer is back on the standby.
    assert seen["writer_reads_after_window"]["status"] == 404
    assert seen["writer_reads_after_window"]["replica"] > 0

    # Lagging past REPLICA_MAX_LAG_SECONDS, the standby is passed over.
    assert seen["lagging_reads"]["status"] == 200 and seen["lagging_reads"]["replica"] == 0
    assert seen["healthz_lagging"]["status"] == 200
    assert seen["healthz_lagging"]["replicas"]["replica1"]["status"] == "lagging"
    # Replay resumed and caught up, the standby serves the request.
    assert seen["caught_up_reads"]["status"] == 200 and seen["caught_up_reads"]["replica"] > 0

    # Stopped while this process still held it for up: the primary answers at once.
    assert seen["before_stop"]["status"] == 200 and seen["before_stop"]["replica"] > 0
    # Its read failed on the standby and ran again on the primary (after the token).
    assert seen["standby_stopped"]["status"] == 200 and seen["standby_stopped"]["primary"] >= 2
    for request in ("after_stop", "stats_after_stop"):
        assert seen[request]["status"] == 200 and seen[request]["replica"] == 0, request
    assert seen["healthz_down"] == {
        "status": 200,
        "database": "ok",
        "broker": "ok",
        "calendar": seen["healthz_down"]["calendar"],
        "replicas": {"replica1": {"status": "down", "lag_seconds": None}},
    }
