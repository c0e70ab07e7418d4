"""Automatic assignment by real worker processes on real Redis and PostgreSQL, with faults."""

import pytest
import redis
from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from rest_framework.test import APIClient

from bench.processes import (
    broker_of_this_process,
    celery_beat,
    celery_worker,
    wait_until,
)
from notifications.models import EmailStatus, Notification
from requests_app.choices import OPEN_ASSIGNMENT_STATUSES, Category, EventAction, Status
from requests_app.models import Ticket, TicketEvent
from requests_app.tasks import assign_ticket
from service_stations.models import Expert
from tests.factories import ExpertFactory, TicketFactory
from tests.requests_app.helpers import build_world, file_ticket

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.slow]

FAST_SWEEP = {"ASSIGNMENT_SWEEP_INTERVAL": "1", "ASSIGNMENT_SWEEP_AFTER": "1"}


def waiting_tickets(count: int, **fields) -> list[Ticket]:
    now = timezone.now()
    return [
        TicketFactory(
            status=Status.TRIAGED,
            category=Category.METROLOGY,
            triaged_at=now,
            waiting_since=now,
            assignment_checked_at=now,
            **fields,
        )
        for _ in range(count)
    ]


def assigned_count(tickets) -> int:
    return Ticket.objects.filter(pk__in=[t.pk for t in tickets], status=Status.ASSIGNED).count()


def assert_consistent(tickets, *, expected_assigned: int):
    """Counters equal real open requests, nobody over capacity, nobody assigned twice."""
    for expert in Expert.objects.annotate(
        real=Count("tickets", filter=Q(tickets__status__in=OPEN_ASSIGNMENT_STATUSES))
    ):
        assert expert.open_assignments == expert.real <= expert.capacity, expert
    per_ticket = (
        TicketEvent.objects.filter(ticket__in=tickets, action=EventAction.ASSIGN)
        .values("ticket")
        .annotate(n=Count("id"))
    )
    assert all(row["n"] == 1 for row in per_ticket)
    assert assigned_count(tickets) == expected_assigned == len(per_ticket)


def queue_empty(url: str) -> bool:
    client = redis.Redis.from_url(url)
    return client.llen("assignment") == 0 and not client.hlen("unacked")


def test_a_real_worker_assigns_a_request_triaged_over_the_api(celery_worker_process):
    world = build_world()
    ticket = file_ticket(world)
    client = APIClient()
    client.force_authenticate(world.staff)
    response = client.post(f"/api/v1/tickets/{ticket.pk}/triage/", {}, format="json")
    assert response.status_code == 200
    wait_until(
        lambda: Ticket.objects.get(pk=ticket.pk).status == Status.ASSIGNED,
        seconds=30,
        message="the worker did not assign the request",
    )
    event = TicketEvent.objects.get(ticket=ticket, action=EventAction.ASSIGN)
    assert event.actor is None and "自动派单" in event.note


def test_two_workers_and_every_task_twice_never_exceed_capacity(transactional_db):
    experts = [ExpertFactory(capacity=5, specialties=[Category.METROLOGY]) for _ in range(10)]
    tickets = waiting_tickets(200)
    for ticket in tickets:
        assign_ticket.delay(ticket.pk)
        assign_ticket.delay(ticket.pk)
    with (
        celery_worker(redis_url=settings.REDIS_URL, name="a"),
        celery_worker(redis_url=settings.REDIS_URL, name="b"),
    ):
        wait_until(
            lambda: assigned_count(tickets) == 50 and queue_empty(settings.REDIS_URL),
            seconds=180,
            message="the workers did not finish",
            interval=0.5,
        )
    assert_consistent(tickets, expected_assigned=min(len(tickets), 5 * len(experts)))


def test_redis_down_filing_triage_and_reads_keep_working_and_lose_nothing(
    transactional_db, private_redis, tmp_path, settings
):
    world = build_world()
    owner, staff = APIClient(), APIClient()
    owner.force_authenticate(world.owner)
    staff.force_authenticate(world.staff)
    settings.REDIS_URL = private_redis.url
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": private_redis.url,
        }
    }
    with broker_of_this_process(private_redis.url):
        private_redis.stop()
        filed = [
            owner.post(
                "/api/v1/tickets/",
                {"title": f"计量问题 {n}", "description": "示值偏差。", "category": "metrology"},
                format="json",
            )
            for n in range(3)
        ]
        assert [r.status_code for r in filed] == [201] * 3, filed[0].content
        tickets = list(Ticket.objects.filter(pk__in=[r.json()["id"] for r in filed]))
        for ticket in tickets:
            response = staff.post(f"/api/v1/tickets/{ticket.pk}/triage/", {}, format="json")
            assert response.status_code == 200, response.content
        assert owner.get(f"/api/v1/tickets/{tickets[0].pk}/").status_code == 200
        listed = staff.get("/api/v1/tickets/?status=triaged")
        assert {row["id"] for row in listed.json()["results"]} == {t.pk for t in tickets}
        assert staff.get(f"/api/v1/tickets/{tickets[0].pk}/events/").status_code == 200
        health = staff.get("/healthz").json()
        assert (health["database"], health["broker"]) == ("ok", "down")
        assert Notification.objects.filter(ticket__in=tickets).exists()
        assert not Notification.objects.exclude(email_status=EmailStatus.PENDING).exists()

        private_redis.start()
        with (
            celery_worker(redis_url=private_redis.url, extra_env=FAST_SWEEP),
            celery_beat(redis_url=private_redis.url, schedule_dir=tmp_path, extra_env=FAST_SWEEP),
        ):
            wait_until(
                lambda: assigned_count(tickets) == len(tickets),
                seconds=60,
                message="the sweeper did not assign the requests once Redis was back",
            )
    assert_consistent(tickets, expected_assigned=len(tickets))
    for ticket in tickets:
        assert list(ticket.events.values_list("action", flat=True)) == ["file", "triage", "assign"]


def test_a_worker_killed_mid_work_assigns_each_request_exactly_once(
    transactional_db, private_redis, tmp_path
):
    for _ in range(6):
        ExpertFactory(capacity=10, specialties=[Category.METROLOGY])
    tickets = waiting_tickets(40)
    fast = {**FAST_SWEEP, "CELERY_VISIBILITY_TIMEOUT": "5"}
    with broker_of_this_process(private_redis.url):
        for ticket in tickets:
            assign_ticket.delay(ticket.pk)
        with celery_worker(redis_url=private_redis.url, name="doomed", extra_env=fast) as doomed:
            wait_until(
                lambda: assigned_count(tickets) >= 3,
                seconds=60,
                message="the first worker assigned nothing",
                interval=0.05,
            )
            doomed.kill()  # SIGKILL to the worker and its pool processes
        assert assigned_count(tickets) < len(tickets), "the kill came too late to test anything"
        with (
            celery_worker(redis_url=private_redis.url, name="heir", extra_env=fast),
            celery_beat(redis_url=private_redis.url, schedule_dir=tmp_path, extra_env=fast),
        ):
            wait_until(
                lambda: assigned_count(tickets) == len(tickets),
                seconds=90,
                message="the requests of the killed worker were not assigned",
            )
    assert_consistent(tickets, expected_assigned=len(tickets))
