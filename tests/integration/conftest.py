"""A real Celery worker process against the real broker and the test database."""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.db import connection

from nqi_service.celery import app as celery_app

WORKER_START_SECONDS = 30


def database_url_of_test_database() -> str:
    """Return a DATABASE_URL for the database this test run uses (test_<name>)."""
    db = connection.settings_dict
    credentials = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{credentials}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


@pytest.fixture
def celery_worker_process(transactional_db):
    """Start ``celery -A nqi_service worker`` as a subprocess; yield it; stop it."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_database(),
        "REDIS_URL": settings.REDIS_URL,
    }
    hostname = f"test-{os.getpid()}@%h"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "nqi_service",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--hostname",
            hostname,
        ],
        cwd=settings.BASE_DIR,
        env=env,
    )
    try:
        deadline = time.monotonic() + WORKER_START_SECONDS
        while not celery_app.control.ping(timeout=0.5):
            assert worker.poll() is None, "the Celery worker exited while starting"
            assert time.monotonic() < deadline, "the Celery worker did not answer a ping"
        yield worker
    finally:
        worker.terminate()
        worker.wait(timeout=30)
