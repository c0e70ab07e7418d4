#!/usr/bin/env python
"""Assignment throughput: real Celery workers assign waiting requests, against raw SQL.

    python bench/assignment.py [--requests 10000] [--experts 200] [--workers 2]

Ours: two worker processes (the Procfile's command) take one task per request
from Redis and run the matching engine and the assign service. Baseline: one
process assigning the same kind of request with three raw SQL statements in a
transaction (pick the least-loaded expert, count it, update the request).
Prints a BENCH line (per-request milliseconds) and the invariant check.
"""

import argparse
import os
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.run import bench_database_url, prepare_database, setup_django  # noqa: E402

BASELINE_SAMPLE = 1_000
WAIT_SECONDS = 1_800

PICK_SQL = """
    SELECT e.id FROM service_stations_expert e
    JOIN service_stations_expertspecialty s ON s.expert_id = e.id AND s.category = 'metrology'
    WHERE e.is_available AND e.open_assignments < e.capacity
    ORDER BY e.open_assignments::float / e.capacity, e.id
    LIMIT 1 FOR UPDATE OF e SKIP LOCKED
"""


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=10_000)
    parser.add_argument("--experts", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    return parser.parse_args()


def build(requests: int, experts: int):
    """Create ``experts`` metrology experts with room for every request, and the requests."""
    from django.utils import timezone

    from demo.enterprises import demo_credit_code
    from enterprises.models import Enterprise
    from requests_app.choices import Status
    from requests_app.models import Ticket
    from service_stations.models import Expert, ExpertSpecialty, ServiceStation

    capacity = -(-requests // experts)
    created = Expert.objects.bulk_create(
        [Expert(name=f"专家{n}", capacity=capacity) for n in range(experts)]
    )
    ExpertSpecialty.objects.bulk_create(
        [ExpertSpecialty(expert=e, category="metrology") for e in created]
    )
    enterprise = Enterprise.objects.create(
        name="计量企业",
        credit_code=demo_credit_code("91", "420102", 1),
        region_code="420102",
        contact_name="王磊",
        contact_phone="13800001234",
    )
    station = ServiceStation.objects.create(code="bench", name="测试站", region_code="420102")
    now = timezone.now()
    Ticket.objects.bulk_create(
        [
            Ticket(
                reference=f"A-{n:07d}",
                enterprise=enterprise,
                station=station,
                title="电子秤校准",
                description="需要计量校准。",
                category="metrology",
                status=Status.TRIAGED,
                due_at=now,
                triaged_at=now,
                waiting_since=now,
                assignment_checked_at=now,
            )
            for n in range(requests)
        ],
        batch_size=5_000,
    )
    return list(Ticket.objects.order_by("id").values_list("id", flat=True))


def baseline_ms(ticket_ids: list[int]) -> float:
    """Milliseconds per request for raw-SQL assignment, rolled back afterwards."""
    from django.db import connection, transaction

    class Rollback(Exception):
        pass

    started = time.perf_counter()
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                for ticket_id in ticket_ids:
                    with transaction.atomic():
                        cursor.execute(PICK_SQL)
                        (expert_id,) = cursor.fetchone()
                        cursor.execute(
                            "UPDATE service_stations_expert SET open_assignments = "
                            "open_assignments + 1 WHERE id = %s",
                            [expert_id],
                        )
                        cursor.execute(
                            "UPDATE requests_app_ticket SET status = 'assigned', "
                            "assigned_expert_id = %s WHERE id = %s AND status = 'triaged'",
                            [expert_id, ticket_id],
                        )
            elapsed = time.perf_counter() - started
            raise Rollback
    except Rollback:
        pass
    return elapsed * 1000 / len(ticket_ids)


def invariant_line() -> str:
    from django.db.models import Count, Q

    from requests_app.choices import OPEN_ASSIGNMENT_STATUSES, EventAction
    from requests_app.models import TicketEvent
    from service_stations.models import Expert

    experts = Expert.objects.annotate(
        real=Count("tickets", filter=Q(tickets__status__in=OPEN_ASSIGNMENT_STATUSES))
    )
    over = sum(e.open_assignments > e.capacity for e in experts)
    out_of_step = sum(e.open_assignments != e.real for e in experts)
    twice = (
        TicketEvent.objects.filter(action=EventAction.ASSIGN)
        .values("ticket")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .count()
    )
    return (
        f"INVARIANT over_capacity={over} counters_out_of_step={out_of_step} assigned_twice={twice}"
    )


def main() -> None:
    args = parse_args()
    url = bench_database_url(None, "assign")
    prepare_database(url, fresh=True)
    redis_url = os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/14")
    setup_django(url, redis_url=redis_url)

    from django.core.management import call_command

    from bench.client import Timing, bench_line
    from nqi_service.celery import app as celery_app
    from requests_app.models import Ticket
    from requests_app.tasks import assign_ticket

    call_command("migrate", verbosity=0)
    ticket_ids = build(args.requests, args.experts)
    base = baseline_ms(ticket_ids[:BASELINE_SAMPLE])

    from bench.processes import celery_worker

    celery_app.control.purge()
    with ExitStack() as workers:
        for n in range(args.workers):
            workers.enter_context(celery_worker(redis_url=redis_url, name=f"bench{n}"))
        while len(celery_app.control.ping(timeout=0.5)) < args.workers:
            time.sleep(0.2)
        started = time.perf_counter()
        for ticket_id in ticket_ids:
            assign_ticket.delay(ticket_id)
        deadline = time.monotonic() + WAIT_SECONDS
        while Ticket.objects.filter(status="triaged").exists():
            if time.monotonic() > deadline:
                sys.exit("assignment did not finish in time")
            time.sleep(0.2)
        elapsed = time.perf_counter() - started
    ours = elapsed * 1000 / len(ticket_ids)
    print(
        bench_line("assign_throughput", len(ticket_ids), Timing([ours], [0]), Timing([base], [0]))
    )
    print(f"RATE assign_throughput requests_per_second={len(ticket_ids) / elapsed:.0f}")
    print(invariant_line())


if __name__ == "__main__":
    main()
