"""The load test's world: its data, its processes, and the audit of what the users filed.

Shared by ``bench/load.py`` and ``tests/load/``; Django must be set up first
(the bench database, or the test database). The processes are the deployed
ones: gunicorn (``bench/run.py``'s server), two Celery workers and beat (the
Procfile's commands, through ``bench/processes.py``), on a
redis-server of the load test's own, never the machine's shared one.
"""

import tempfile
import time
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from pathlib import Path

import redis
from django.conf import settings
from django.contrib.auth import get_user_model
from rest_framework.authtoken.models import Token

from bench import loadgen
from bench.load_users import Actors
from bench.processes import (
    START_SECONDS,
    PrivateRedis,
    broker_of_this_process,
    celery_beat,
    celery_worker,
    current_database_url,
    wait_until,
)
from bench.run import free_port, start_server
from bench.scenarios import ensure_rollups
from enterprises.models import Enterprise, EnterpriseMembership
from nqi_service.celery import app as celery_app
from requests_app.choices import EventAction
from requests_app.models import Ticket, TicketEvent
from service_stations.models import ServiceStation, StationMembership, SupervisorScope

HISTORY = 2_000
ENTERPRISES = 100
EXPERTS = 200  # room for every request triaged in a minute; the rest escalate
ENTERPRISE_USERS = 40
SUPERVISORS = 2
WEB_WORKERS = 4
# Beat re-queues a request a worker skipped (its experts locked by the other
# worker) within seconds, not the default two minutes.
FAST_SWEEP = {"ASSIGNMENT_SWEEP_INTERVAL": "2", "ASSIGNMENT_SWEEP_AFTER": "10"}
WORKER_OUTCOMES = {EventAction.ASSIGN, EventAction.ESCALATE}


def seed() -> Actors:
    """Generate a small network with a history, and tokens for the users to simulate.

    Staff: one per station under the hub (the stations requests are routed
    to); enterprise members: the first enterprises, spread over every region.
    """
    loadgen.generate(requests=HISTORY, enterprises=ENTERPRISES, experts=EXPERTS, seed=11)
    ensure_rollups()
    User = get_user_model()

    def token(username: str) -> tuple[str, object]:
        user = User.objects.create(username=username)
        return Token.objects.create(user=user).key, user

    enterprises = []
    for enterprise in Enterprise.objects.order_by("id")[:ENTERPRISE_USERS]:
        key, user = token(f"load_enterprise_{enterprise.pk}")
        EnterpriseMembership.objects.create(user=user, enterprise=enterprise)
        enterprises.append(key)
    staff = []
    for station in ServiceStation.objects.filter(parent__isnull=False).order_by("code"):
        key, user = token(f"load_staff_{station.code}")
        StationMembership.objects.create(user=user, station=station)
        staff.append(key)
    supervisors = []
    for n in range(SUPERVISORS):
        key, user = token(f"load_supervisor_{n}")
        SupervisorScope.objects.create(user=user, region_prefix="4201")
        supervisors.append(key)
    return Actors(enterprises=enterprises, staff=staff, supervisors=supervisors)


@contextmanager
def running_stack(
    *, celery_workers: int = 2, web_instances: int = 1, web_workers: int = WEB_WORKERS
):
    """Start a private Redis, gunicorn, Celery workers and beat; yield (ports, Redis URL).

    ``web_instances`` gunicorn masters of ``web_workers`` workers each listen on
    ports of their own, as on separate hosts (the users share them out). The
    processes use this process's database and FIELD_ENCRYPTION_KEYS.
    """
    keys = ",".join(settings.FIELD_ENCRYPTION_KEYS)
    assert keys, "the load test's processes run without DEBUG and need FIELD_ENCRYPTION_KEYS"
    with ExitStack() as stack:
        broker = PrivateRedis()
        broker.start()
        stack.callback(broker.stop)
        env = {"FIELD_ENCRYPTION_KEYS": keys, **FAST_SWEEP}
        for n in range(celery_workers):
            stack.enter_context(celery_worker(redis_url=broker.url, name=f"load{n}", extra_env=env))
        schedule_dir = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        stack.enter_context(
            celery_beat(redis_url=broker.url, schedule_dir=schedule_dir, extra_env=env)
        )
        ports = [free_port() for _ in range(web_instances)]
        for port in ports:
            server = start_server(
                port,
                web_workers,
                broker.url,
                {
                    **env,
                    "DATABASE_URL": current_database_url(),
                    # Load the application before listening, so no user waits for a worker to boot.
                    "GUNICORN_CMD_ARGS": "--preload",
                },
            )
            stack.callback(server.wait, timeout=30)
            stack.callback(server.terminate)
        with broker_of_this_process(broker.url):
            wait_until(
                lambda: len(celery_app.control.ping(timeout=0.5)) >= celery_workers,
                seconds=START_SECONDS,
                message="the Celery workers did not answer a ping",
            )
        yield ports, broker.url


def queues_empty(redis_url: str) -> bool:
    """Return whether no task waits in the worker's queues and none is being worked on."""
    queues = [queue.name for queue in settings.CELERY_TASK_QUEUES]
    client = redis.Redis.from_url(redis_url)
    return not any(client.llen(queue) for queue in queues) and not client.hlen("unacked")


def trail_gaps(*, filed: list[int], triaged: list[int]) -> dict[int, str]:
    """Return the requests whose trail is incomplete, each with what it lacks.

    A filed request needs its ``file`` event; a triaged one its ``triage``
    event and then the worker's ``assign`` or ``escalate``.
    """
    ids = set(filed) | set(triaged)
    actions = defaultdict(set)
    for ticket_id, action in TicketEvent.objects.filter(ticket__in=ids).values_list(
        "ticket", "action"
    ):
        actions[ticket_id].add(action)
    present = set(Ticket.objects.filter(pk__in=ids).values_list("pk", flat=True))
    filed_ids, triaged_ids, gaps = set(filed), set(triaged), {}
    for ticket_id in sorted(ids):
        have = actions[ticket_id]
        if ticket_id not in present:
            gaps[ticket_id] = "not in the database"
        elif ticket_id in filed_ids and EventAction.FILE not in have:
            gaps[ticket_id] = "no file event"
        elif ticket_id in triaged_ids and EventAction.TRIAGE not in have:
            gaps[ticket_id] = "no triage event"
        elif EventAction.TRIAGE in have and not have & WORKER_OUTCOMES:
            gaps[ticket_id] = "triaged, then neither assigned nor escalated"
    return gaps


def settle(*, filed: list[int], triaged: list[int], redis_url: str, seconds: float):
    """Poll until the queues are empty and no trail has a gap, at most ``seconds``.

    Return the gaps left and the seconds waited.
    """
    started = time.monotonic()
    while True:
        gaps = trail_gaps(filed=filed, triaged=triaged)
        waited = time.monotonic() - started
        if (not gaps and queues_empty(redis_url)) or waited > seconds:
            return gaps, waited
        time.sleep(0.5)
