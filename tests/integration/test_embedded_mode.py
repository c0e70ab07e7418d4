"""The embedded mode (SQLite, no Redis) runs its periodic work as ``scripts/serve`` starts it."""

import os
import shlex
import sqlite3
import subprocess
import sys

from django.conf import settings

from bench.processes import Process, wait_until

ROOT = settings.BASE_DIR
OVERDUE_TICKET = """
import datetime
from django.utils import timezone
from tests.factories import TicketFactory
TicketFactory(status="triaged", due_at=timezone.now() - datetime.timedelta(hours=1))
"""

OVERDUE_EVENTS = "SELECT count(*) FROM requests_app_ticketevent WHERE action = 'overdue'"
AS_OF = "SELECT max(as_of) FROM stats_statsstate"


def serve_beat_command(schedule) -> list[str]:
    """Return the beat command line of ``scripts/serve``, with this Python and ``schedule``."""
    lines = (ROOT / "scripts" / "serve").read_text().splitlines()
    line = next(line for line in lines if line.startswith("python -m celery"))
    python, *args = shlex.split(line.removesuffix("&"))
    args[args.index("--schedule") + 1] = str(schedule)
    return [sys.executable, *args]


def embedded_env(database):
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    return {
        **env,
        "DATABASE_URL": f"sqlite:///{database}",
        "OVERDUE_SWEEP_INTERVAL": "1",
        "STATS_SWEEP_SECONDS": "1",
    }


def manage(*args, env):
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def scalar(database, sql):
    with sqlite3.connect(database) as connection:
        return connection.execute(sql).fetchone()[0]


def test_beat_marks_an_overdue_request_and_stamps_the_statistics_without_redis(tmp_path):
    database = tmp_path / "db.sqlite3"
    env = embedded_env(database)
    manage("migrate", "--noinput", "--verbosity", "0", env=env)
    manage("shell", "--command", OVERDUE_TICKET, env=env)
    assert scalar(database, AS_OF) is None
    with Process(serve_beat_command(tmp_path / "beat"), env) as beat:
        wait_until(
            lambda: scalar(database, OVERDUE_EVENTS) == 1 and scalar(database, AS_OF) is not None,
            seconds=60,
            message="beat in the embedded mode marked nothing overdue or left as_of null",
        )
        assert beat.alive()
