"""The production profile: Django's deployment checks, the secret key rule, request ids."""

import io
import json
import logging
import os
import secrets
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.conf import settings
from pythonjsonlogger.json import JsonFormatter

from nqi_service.request_id import RequestIdFilter

PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "nqi.example.cn",
    "FIELD_ENCRYPTION_KEYS": Fernet.generate_key().decode(),
}


def manage(*args, env):
    inherited = {
        k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DB_CONN_MAX_AGE"
    }
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**inherited, **env},
        capture_output=True,
        text=True,
    )


def test_deployment_checks_pass_without_warnings_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("variable", ["SECRET_KEY", "FIELD_ENCRYPTION_KEYS"])
def test_production_refuses_to_start_without_its_keys(variable):
    result = manage("check", env={k: v for k, v in PRODUCTION.items() if k != variable})
    assert result.returncode != 0
    assert f"{variable} must be set" in result.stderr


@pytest.mark.parametrize(
    ("database_url", "kept_seconds"),
    [("postgres://nqi@db.example.cn:5432/nqi", "60"), ("sqlite:///embedded.sqlite3", "0")],
)
def test_a_database_server_connection_is_kept_between_requests(database_url, kept_seconds):
    print_age = (
        "from django.conf import settings; print(settings.DATABASES['default']['CONN_MAX_AGE'])"
    )
    result = manage("shell", "-c", print_age, env={"DATABASE_URL": database_url})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-1] == kept_seconds


@pytest.mark.django_db
def test_every_response_carries_its_own_request_id(client):
    first = client.get("/healthz")["X-Request-ID"]
    second = client.get("/healthz")["X-Request-ID"]
    assert first and second and first != second


@pytest.mark.django_db
def test_a_proxy_request_id_is_kept_and_a_malformed_one_replaced(client):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="abc-123")["X-Request-ID"] == "abc-123"
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID="bad id")["X-Request-ID"]
    assert replaced != "bad id" and len(replaced) == 32


@pytest.mark.django_db
def test_json_log_lines_carry_the_request_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter(settings.LOGGING["formatters"]["json"]["fmt"]))
    logger = logging.getLogger("django.request")  # logs every 404 as a warning
    logger.addHandler(handler)
    try:
        response = client.get("/no-such-page", HTTP_X_REQUEST_ID="trace-42")
    finally:
        logger.removeHandler(handler)
    assert response.status_code == 404
    line = json.loads(stream.getvalue().splitlines()[0])
    assert line["request_id"] == "trace-42"
    assert line["levelname"] == "WARNING"


def test_every_queue_a_task_is_routed_to_is_declared_for_a_plain_worker():
    declared = {queue.name for queue in settings.CELERY_TASK_QUEUES}
    routed = {route["queue"] for route in settings.CELERY_TASK_ROUTES.values()}
    assert routed | {settings.CELERY_TASK_DEFAULT_QUEUE} <= declared


def test_the_procfile_and_compose_start_workers_that_consume_every_queue():
    root = settings.BASE_DIR
    for name in ["Procfile", "docker-compose.yml"]:
        text = (root / name).read_text()
        assert "celery -A nqi_service worker" in text
        assert "--queues" not in text and " -Q " not in text, name


def test_a_worker_finds_every_scheduled_and_routed_task_by_autodiscovery():
    assert not hasattr(settings, "CELERY_IMPORTS")
    worker = subprocess.run(
        [
            sys.executable,
            "-c",
            "from nqi_service.celery import app; app.loader.import_default_modules(); "
            "print(' '.join(app.tasks))",
        ],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    found = set(worker.stdout.split())
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert scheduled <= found
    for route in settings.CELERY_TASK_ROUTES:
        assert any(name == route or name.startswith(route.rstrip("*")) for name in found), route
