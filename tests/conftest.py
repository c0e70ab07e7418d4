"""Shared fixtures and the rule that a needed service is a failure, never a skip."""

import io
from contextlib import contextmanager

import pytest
import redis
from django.conf import settings as django_settings
from django.core.management import call_command
from django.db import connection, transaction
from django.test import TestCase, override_settings
from hypothesis import settings as hypothesis_settings

from nqi_service.celery import app as celery_app
from tests.schema_support import api_schema, conforming  # noqa: F401 -- shared fixtures
from workcalendar.days import forget_entries


def pytest_runtest_setup(item):
    if item.get_closest_marker("postgres") and connection.vendor != "postgresql":
        pytest.fail(f"{item.nodeid} needs PostgreSQL; set DATABASE_URL (see README).")
    if item.get_closest_marker("redis"):
        try:
            redis.Redis.from_url(django_settings.REDIS_URL, socket_connect_timeout=2).ping()
        except (redis.RedisError, ValueError):
            pytest.fail(f"{item.nodeid} needs Redis; set REDIS_URL (see README).")


# No wall-clock limits in tests: Hypothesis's per-example deadline is one, and
# fails on a busy machine.
hypothesis_settings.register_profile("nqi", deadline=None)
hypothesis_settings.load_profile("nqi")

FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_calendar_entries():
    """Read the administrator's calendar entries anew in each test (rolled-back rows linger)."""
    forget_entries()


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS


@pytest.fixture(autouse=True)
def _reads_on_the_primary():
    """Keep reads on the primary when DATABASE_REPLICA_URLS is set where the suite runs.

    A replica alias is then, in tests, a mirror of the test database (``TEST:
    MIRROR``) on a connection of its own, which sees neither a test's
    transaction nor is allowed to tests that don't list it. Tests of the
    replicas configure them themselves.
    """
    if not django_settings.REPLICA_DATABASES:
        yield
        return
    with override_settings(REPLICA_DATABASES={}):
        yield


@contextmanager
def eager_tasks():
    """Run Celery tasks in-process, with their errors raised."""
    previous = celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    try:
        yield
    finally:
        celery_app.conf.task_always_eager, celery_app.conf.task_eager_propagates = previous


@pytest.fixture(autouse=True)
def _eager_tasks(request):
    """Run tasks in-process, unless the test drives a real worker (marker ``redis``)."""
    if request.node.get_closest_marker("redis"):
        yield
        return
    with eager_tasks():
        yield


@contextmanager
def built_once(django_db_blocker, build):
    """Yield what ``build()`` returns, its rows kept for a module or class, then rolled back.

    The rows are built in a transaction (tasks run in-process, as in the
    embedded mode) that stays open for the tests on top; each of them takes
    ``db``, so Django's test case wraps it in a savepoint of its own and what a
    test changes is undone before the next one.
    """
    with django_db_blocker.unblock(), transaction.atomic():
        with override_settings(PASSWORD_HASHERS=FAST_HASHERS), eager_tasks():
            built = build()
        yield built
        transaction.set_rollback(True)


def seed_demo():
    """Run ``seed_demo`` and the work it leaves for after commit (assignment, alerts, recounts)."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo_data(django_db_setup, django_db_blocker):
    """Load ``seed_demo`` once for a test module, rolled back after the module.

    Tests using it also take ``db``.
    """
    with built_once(django_db_blocker, seed_demo):
        yield
