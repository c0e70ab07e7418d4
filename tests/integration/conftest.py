"""Fixtures of the real-process tests: a private Redis server and a Celery worker.

The processes themselves are started by ``bench.processes`` (shared with the
load test and the benchmarks).
"""

import pytest
from django.conf import settings

from bench.processes import START_SECONDS, PrivateRedis, celery_worker, wait_until
from nqi_service.celery import app as celery_app


@pytest.fixture
def private_redis():
    server = PrivateRedis()
    server.start()
    yield server
    server.stop()


@pytest.fixture
def celery_worker_process(transactional_db):
    """One worker on the suite's Redis, answering pings before the test starts."""
    with celery_worker(redis_url=settings.REDIS_URL) as worker:
        wait_until(
            lambda: worker.alive() and celery_app.control.ping(timeout=0.5),
            seconds=START_SECONDS,
            message="the Celery worker did not answer a ping",
        )
        yield worker
