"""Shared fixtures and the rule that a needed service is a failure, never a skip."""

import pytest
import redis
from django.conf import settings as django_settings
from django.db import connection

from nqi_service.celery import app as celery_app


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail(f"{item.nodeid} needs PostgreSQL; set DATABASE_URL (see README).")
    if item.get_closest_marker("redis"):
        try:
            redis.Redis.from_url(django_settings.REDIS_URL, socket_connect_timeout=2).ping()
        except (redis.RedisError, ValueError):
            pytest.fail(f"{item.nodeid} needs Redis; set REDIS_URL (see README).")


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _eager_tasks(request):
    """Run tasks in-process, unless the test drives a real worker (marker ``redis``)."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous
