"""What bench/run.py measures: data preparation, then each API path against its baseline."""

import random
import time
import urllib.parse

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import connection, transaction
from django.db.models import Count, Exists, OuterRef
from rest_framework.authtoken.models import Token

from bench import loadgen
from bench.client import Client, Probe, Timing, bench_line
from enterprises.models import EnterpriseMembership
from requests_app.models import Ticket
from service_stations.models import ServiceStation, StationMembership

DEEP_PAGE_FRACTION = 0.9
PAGE_SIZE = 50
# Requests lacking roll-ups that are recounted one by one rather than rebuilt.
RECOUNT_AT_MOST = 20_000
RECOUNT_BATCH = 500


def migrate() -> None:
    call_command("migrate", verbosity=0)


def ensure_requests(target: int) -> int:
    """Generate requests until the database holds ``target``; return the count."""
    have = Ticket.objects.count()
    if have < target:
        loadgen.generate(
            requests=target - have, enterprises=max((target - have) // 20, 10), experts=200
        )
    return Ticket.objects.count()


class _Rollback(Exception):
    pass


def _timed_and_rolled_back(work) -> float:
    """Run ``work`` in a transaction that is rolled back; return its milliseconds."""
    elapsed = 0.0
    try:
        with transaction.atomic():
            started = time.perf_counter()
            work()
            elapsed = (time.perf_counter() - started) * 1000
            raise _Rollback
    except _Rollback:
        pass
    return elapsed


def generate_rows(sample: int, n: int) -> str:
    """Our generator for ``sample`` requests against COPY of the same rows, pre-rendered."""

    def ours():
        loadgen.generate(requests=sample, enterprises=10, experts=20, seed=7)

    def baseline():
        network = loadgen.build_network(enterprises=10, experts=20, rng=random.Random(7))
        first_ticket, first_event = loadgen.next_ids()
        chunk = loadgen.render_chunk(
            count=sample,
            network=network,
            rng=random.Random(8),
            first_ticket=first_ticket,
            first_event=first_event,
        )
        started = time.perf_counter()
        with connection.cursor() as cursor:
            loadgen.copy_chunk(chunk, cursor.cursor)
        timings["copy"] = (time.perf_counter() - started) * 1000

    timings = {}
    ours_ms = _timed_and_rolled_back(ours)
    _timed_and_rolled_back(baseline)
    return _single_line("generate_rows", n, ours_ms, timings["copy"])


def _single_line(name: str, n: int, ours_ms: float, baseline_ms: float) -> str:
    return bench_line(name, n, Timing([ours_ms], [0]), Timing([baseline_ms], [0]))


def actors() -> dict:
    """Create the benchmark's users: staff of the busiest station, an enterprise member.

    The staff member keeps the station of the first run: the requests later
    runs file may make another station the busiest, and staff of two stations
    would be measured on a different scope.
    """
    User = get_user_model()
    staff, _created = User.objects.get_or_create(username="bench_staff")
    desk = StationMembership.objects.filter(user=staff).order_by("id").first()
    if desk is None:
        busiest = Ticket.objects.values("station").order_by().annotate(n=Count("id")).order_by("-n")
        desk = StationMembership.objects.create(user=staff, station_id=busiest[0]["station"])
    station = desk.station_id
    member, _created = User.objects.get_or_create(username="bench_enterprise")
    membership = EnterpriseMembership.objects.filter(user=member).first()
    if membership is None:
        enterprise_id = Ticket.objects.values_list("enterprise", flat=True).first()
        membership = EnterpriseMembership.objects.create(user=member, enterprise_id=enterprise_id)
    _staff_every_station(User)
    station_tickets = Ticket.objects.filter(station_id=station)
    return {
        "station": station,
        "station_requests": station_tickets.count(),
        "staff_token": Token.objects.get_or_create(user=staff)[0].key,
        "enterprise": membership.enterprise_id,
        "enterprise_token": Token.objects.get_or_create(user=member)[0].key,
        "ticket": station_tickets.values_list("id", flat=True)[0],
    }


def _staff_every_station(User) -> None:
    """Give every station a member of staff, so a filing tells someone, as a real one does.

    The generated network has no station staff: without them a filing would
    skip its notifications and their email task, which every real filing has.
    """
    desk, _created = User.objects.get_or_create(username="bench_desk")
    StationMembership.objects.bulk_create(
        [StationMembership(user=desk, station=station) for station in ServiceStation.objects.all()],
        ignore_conflicts=True,
    )


def _path(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def deep_page_path(client: Client, token: str, first: str, pages: int) -> str:
    """Follow ``next`` from ``first`` to the page at 90 % depth; return its path."""
    target = max(int(pages * DEEP_PAGE_FRACTION), 1)
    path = first
    for _page in range(target):
        status, _response, data, _elapsed = client.request("GET", path, token=token)
        if status != 200 or not data.get("next"):
            break
        path = _path(data["next"])
    return path


def compared(client: Client, name: str, n: int, ours: Probe, baseline: Probe, repeat: int) -> str:
    """Time ``ours`` and ``baseline`` taking turns; return their BENCH line."""
    return bench_line(name, n, *client.compare(ours, baseline, repeat=repeat))


def http_measurements(client: Client, actors: dict, *, n: int, repeat: int) -> list[str]:
    token = actors["staff_token"]
    first_page = Probe("GET", f"/api/v1/tickets/?page_size={PAGE_SIZE}", token)
    pages = -(-actors["station_requests"] // PAGE_SIZE)
    deep_page = Probe("GET", deep_page_path(client, token, first_page.path, pages), token)
    ticket = actors["ticket"]
    body = {"title": "电子秤示值偏差", "description": "需要计量校准。", "category": "metrology"}
    bare_body = {**body, "enterprise": actors["enterprise"], "station": actors["station"]}
    pairs = [
        (
            "list_first_page",
            first_page,
            Probe("GET", f"/bench/tickets/station/{actors['station']}/"),
        ),
        ("list_deep_page", deep_page, first_page),
        (
            "detail",
            Probe("GET", f"/api/v1/tickets/{ticket}/", token),
            Probe("GET", f"/bench/tickets/{ticket}/"),
        ),
        (
            "file_request",
            Probe("POST", "/api/v1/tickets/", actors["enterprise_token"], body, expect=201),
            Probe("POST", "/bench/tickets/", body=bare_body, expect=201),
        ),
    ]
    lines = [compared(client, name, n, ours, base, repeat) for name, ours, base in pairs]
    return lines + stats_measurements(client, actors, n=n, repeat=repeat)


def ensure_rollups() -> None:
    """Count generated requests (written by COPY, around the services) into the roll-ups.

    A kept database only lacks the requests earlier runs filed (their recount
    was queued to a broker no worker reads, or skipped by the baseline's bare
    inserts): those few are recounted; a fresh one is rebuilt.
    """
    from stats.maintenance import rebuild
    from stats.models import TicketTally
    from stats.rollups import recount

    counted = TicketTally.objects.filter(ticket_id=OuterRef("pk"))
    missing = list(Ticket.objects.filter(~Exists(counted)).values_list("id", flat=True))
    if not missing:
        return
    started = time.perf_counter()
    if len(missing) <= RECOUNT_AT_MOST:
        for start in range(0, len(missing), RECOUNT_BATCH):
            recount(missing[start : start + RECOUNT_BATCH])
        print(f"recounted {len(missing)} requests in {time.perf_counter() - started:.0f} s")
        return
    counted = rebuild()
    print(f"rebuilt roll-ups of {counted} requests in {time.perf_counter() - started:.0f} s")
    # What autovacuum does in time for data this old: index-only scans need the map.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def stats_measurements(client: Client, actors: dict, *, n: int, repeat: int) -> list[str]:
    overview = Probe("GET", "/api/v1/stats/overview/", actors["staff_token"])
    status, *_rest = client.request(overview.method, overview.path, token=overview.token)
    if status != 200:
        return []
    group_by = Probe("GET", "/bench/stats/")
    return [compared(client, "stats_overview", n, overview, group_by, repeat)]
