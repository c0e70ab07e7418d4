"""The processes started exactly as the design card and the README write them."""

import sys

import pytest
from django.conf import settings
from rest_framework.test import APIClient

from bench.processes import START_SECONDS, Process, process_env, wait_until
from nqi_service.celery import app as celery_app
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from tests.requests_app.helpers import build_world, file_ticket

pytestmark = [pytest.mark.postgres, pytest.mark.redis]

# DESIGN.md: "celery -A nqi_service worker", no --queues.
PLAIN_WORKER = [sys.executable, "-m", "celery", "-A", "nqi_service", "worker"]


def test_a_worker_started_without_queues_assigns_a_triaged_request(transactional_db):
    world = build_world()
    ticket = file_ticket(world)
    client = APIClient()
    client.force_authenticate(world.staff)
    assert client.post(f"/api/v1/tickets/{ticket.pk}/triage/", {}, format="json").status_code == 200
    with Process(PLAIN_WORKER, process_env(settings.REDIS_URL)) as worker:
        wait_until(
            lambda: worker.alive() and celery_app.control.ping(timeout=0.5),
            seconds=START_SECONDS,
            message="the plain worker did not answer a ping",
        )
        wait_until(
            lambda: Ticket.objects.get(pk=ticket.pk).status == Status.ASSIGNED,
            seconds=60,
            message="a worker started as DESIGN.md says did not assign the request",
        )
    assert TicketEvent.objects.filter(ticket=ticket, action=EventAction.ASSIGN).count() == 1
