"""A web request's statement past DB_STATEMENT_TIMEOUT is cancelled and answered 503."""

import importlib.util
import logging
from pathlib import Path

import pytest
from django.db import connection, connections
from django.db.backends.signals import connection_created

from nqi_service import statement_timeout
from stats import figures
from tests.api_support import token_client
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]

GUNICORN_CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def web_process(settings):
    """Turn the timeout on as gunicorn's workers do, and off again afterwards."""
    settings.DB_STATEMENT_TIMEOUT = 0.2
    spec = importlib.util.spec_from_file_location("gunicorn_conf", GUNICORN_CONF)
    conf = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(conf)
    conf.post_worker_init(worker=None)
    yield
    connection_created.disconnect(dispatch_uid=statement_timeout.TOO_LONG)


def _timeout_of_a_new_connection() -> str:
    fresh = connections.create_connection("default")
    try:
        with fresh.cursor() as cursor:
            cursor.execute("SHOW statement_timeout")
            return cursor.fetchone()[0]
    finally:
        fresh.close()


def test_gunicorn_workers_connections_get_the_timeout(web_process):
    assert _timeout_of_a_new_connection() == "200ms"


def test_other_processes_connections_have_none():
    assert _timeout_of_a_new_connection() == "0"


@pytest.fixture
def slow_overview(monkeypatch):
    """Make the overview run a statement of a second on a connection limited to 0.2 s."""

    def sleepy(selection):
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_sleep(1)")

    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('statement_timeout', '200', false)")
    monkeypatch.setattr(figures, "overview", sleepy)


def test_the_api_answers_503_with_a_clear_message(slow_overview, caplog):
    client = token_client(UserFactory(is_superuser=True))
    with caplog.at_level(logging.WARNING):
        response = client.get("/api/v1/stats/overview/")
    assert response.status_code == 503
    assert response.json() == {
        "detail": "请求耗时过长，已中止；请缩小范围后重试。",
        "code": "statement_timeout",
    }
    assert not [record for record in caplog.records if record.exc_info]  # no traceback


def test_the_dashboard_answers_503_in_chinese(slow_overview, client):
    client.force_login(UserFactory(is_superuser=True))
    response = client.get("/dashboard/")
    assert response.status_code == 503
    assert response.content.decode() == "请求耗时过长，已中止；请缩小范围后重试。"
