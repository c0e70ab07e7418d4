"""Real processes for fault tests, the load test and benchmarks.

Celery workers and beat run the commands the Procfile documents, against the
database Django is connected to. Nothing here stops the machine's shared
services: a test or benchmark that needs to break its broker starts a
``redis-server`` of its own on a free port and stops or kills that one.
"""

import os
import shlex
import shutil
import signal
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import quote

import redis
from django.db import connection

from bench.run import free_port
from nqi_service.celery import app as celery_app

START_SECONDS = 30
ROOT = Path(__file__).resolve().parent.parent


def procfile_command(process: str) -> list[str]:
    """Return the Procfile's command for ``process``, run with this Python."""
    lines = (ROOT / "Procfile").read_text().splitlines()
    command = dict(line.split(": ", 1) for line in lines if line.strip())[process]
    program, *args = shlex.split(command)
    return [sys.executable, "-m", program, *args]


def current_database_url() -> str:
    """Return a DATABASE_URL for the database Django is connected to (in tests: test_<name>)."""
    db = connection.settings_dict
    credentials = quote(db["USER"], safe="")
    if db["PASSWORD"]:
        credentials += ":" + quote(db["PASSWORD"], safe="")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def wait_until(condition, *, seconds: float, message: str, interval: float = 0.2):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, message
        time.sleep(interval)


class PrivateRedis:
    """A redis-server of the test's own, which the test may stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        binary = shutil.which("redis-server")
        assert binary, "redis-server is not installed"
        self.process = subprocess.Popen(
            [
                binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_until(self.answers, seconds=START_SECONDS, message="private redis did not start")

    def answers(self) -> bool:
        try:
            return redis.Redis(port=self.port, socket_connect_timeout=0.5).ping()
        except redis.RedisError:
            return False

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)


@contextmanager
def broker_of_this_process(url: str):
    """Make this test process publish tasks to ``url`` (Celery caches its producers)."""
    previous = celery_app.conf.broker_url

    def switch(to):
        # Kombu keeps pools per broker URL; dropping the app's references makes
        # it pick the pool of the new URL (closing them would poison kombu's registry).
        celery_app.conf.broker_url = to
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    switch(url)
    try:
        yield
    finally:
        switch(previous)


class Process:
    """A background process in its own session, so all its children can be killed."""

    def __init__(self, args, env):
        self.popen = subprocess.Popen(args, cwd=ROOT, env=env, start_new_session=True)

    def alive(self) -> bool:
        return self.popen.poll() is None

    def kill(self):
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGKILL)
            self.popen.wait(timeout=30)

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        self.stop()

    def stop(self):
        if self.alive():
            os.killpg(self.popen.pid, signal.SIGTERM)
            try:
                self.popen.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


def process_env(redis_url: str, extra_env=None) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": current_database_url(),
        "REDIS_URL": redis_url,
        **(extra_env or {}),
    }


@contextmanager
def celery_worker(*, redis_url: str, name: str = "w", concurrency: int = 1, extra_env=None):
    """Run the Procfile's worker against ``redis_url`` and Django's current database."""
    args = [
        *procfile_command("worker"),
        "--loglevel",
        "WARNING",
        "--concurrency",
        str(concurrency),
        "--hostname",
        f"{name}-{os.getpid()}@%h",
        "--without-mingle",
        "--without-gossip",
    ]
    with Process(args, process_env(redis_url, extra_env)) as worker:
        yield worker


@contextmanager
def celery_beat(*, redis_url: str, schedule_dir: Path, extra_env=None):
    """Run the Procfile's beat against ``redis_url``, its schedule file in ``schedule_dir``."""
    command = procfile_command("beat")
    if "--schedule" in command:  # the Procfile's schedule file is replaced by the test's
        at = command.index("--schedule")
        del command[at : at + 2]
    args = [
        *command,
        "--schedule",
        str(schedule_dir / "beat-schedule"),
        "--loglevel",
        "WARNING",
    ]
    with Process(args, process_env(redis_url, extra_env)) as beat:
        yield beat
