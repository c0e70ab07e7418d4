import pytest
from rest_framework.test import APIClient

from bench.processes import wait_until
from notifications.models import EmailStatus, Notification
from nqi_service.celery import app as celery_app
from tests.factories import StationMembershipFactory
from tests.requests_app.helpers import build_world

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]


def test_a_real_worker_boots_on_the_broker_and_knows_the_project(celery_worker_process):
    replies = celery_app.control.ping(timeout=2)
    assert replies, "no worker answered"
    registered = celery_app.control.inspect(timeout=2).registered() or {}
    assert registered, "the worker did not report its tasks"


def test_a_real_worker_emails_the_station_about_a_filing(celery_worker_process):
    world = build_world()
    for n in range(3):
        StationMembershipFactory(station=world.station, user__email=f"staff{n}@example.cn")
    client = APIClient()
    client.force_authenticate(world.owner)
    body = {"title": "电子秤示值偏差", "description": "需要计量校准。", "category": "metrology"}
    response = client.post("/api/v1/tickets/", body, format="json")
    assert response.status_code == 201, response.content
    notices = Notification.objects.filter(ticket_id=response.json()["id"])
    assert notices.count() >= 3

    # the request queued one task; the worker queued an email per notice and sent it
    wait_until(
        lambda: not notices.filter(email_status=EmailStatus.PENDING).exists(),
        seconds=30,
        message="the worker did not email the station",
    )
    addressed = notices.filter(recipient__email__startswith="staff")
    assert set(addressed.values_list("email_status", flat=True)) == {EmailStatus.SENT}
