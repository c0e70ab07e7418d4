import pytest

from nqi_service.celery import app as celery_app

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def test_a_real_worker_boots_on_the_broker_and_knows_the_project(celery_worker_process):
    replies = celery_app.control.ping(timeout=2)
    assert replies, "no worker answered"
    registered = celery_app.control.inspect(timeout=2).registered() or {}
    assert registered, "the worker did not report its tasks"
