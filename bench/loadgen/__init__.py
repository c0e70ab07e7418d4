"""Fill PostgreSQL with a realistic network and years of requests, fast.

Requests are written with ``COPY`` in chunks, each with an event trail that
replays to its status, timestamps in order, and experts' ``open_assignments``
equal to their real open requests (never above capacity).
"""

import datetime
import io
import random
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from bench.loadgen.network import CATEGORIES, Network, build_network
from requests_app.choices import Category, EventAction, Status, Urgency
from requests_app.models import Ticket, TicketAssignment, TicketEvent
from service_stations.models import Expert

__all__ = ["Network", "build_network", "copy_chunk", "generate", "next_ids", "render_chunk"]

CHUNK = 50_000
HISTORY_DAYS = 730
URGENCIES = (Urgency.NORMAL,) * 6 + (Urgency.HIGH,) * 2 + (Urgency.LOW,) * 2

# The path through the lifecycle that ends in each status (API.md's table).
_WORKED = (
    (EventAction.TRIAGE, Status.TRIAGED),
    (EventAction.ASSIGN, Status.ASSIGNED),
    (EventAction.ACCEPT, Status.IN_PROGRESS),
    (EventAction.RESOLVE, Status.RESOLVED),
    (EventAction.CONFIRM, Status.CLOSED),
)
PATHS = {
    Status.SUBMITTED: (),
    **{status: _WORKED[: n + 1] for n, (_action, status) in enumerate(_WORKED)},
    Status.AWAITING_INFO: (_WORKED[0], (EventAction.REQUEST_INFO, Status.AWAITING_INFO)),
    Status.REJECTED: ((EventAction.REJECT, Status.REJECTED),),
    Status.CANCELLED: ((EventAction.CANCEL, Status.CANCELLED),),
}
FINISHED = (Status.CLOSED,) * 86 + (Status.REJECTED,) * 5 + (Status.CANCELLED,) * 4
RECENT = (
    (Status.SUBMITTED,) * 2
    + (Status.TRIAGED,) * 2
    + (Status.AWAITING_INFO,) * 1
    + (Status.ASSIGNED,) * 2
    + (Status.IN_PROGRESS,) * 4
    + (Status.RESOLVED,) * 3
    + (Status.CLOSED,) * 6
)
RECENT_DAYS = 30

TICKET_COLUMNS = (
    "id",
    "reference",
    "enterprise_id",
    "filed_by_id",
    "title",
    "description",
    "category",
    "urgency",
    "station_id",
    "status",
    "assigned_expert_id",
    "due_at",
    "created_at",
    "triaged_at",
    "assigned_at",
    "resolved_at",
    "closed_at",
    "resolution",
    "losses_avoided",
    "rating",
    "feedback",
    "updated_at",
)
EVENT_COLUMNS = (
    "id",
    "ticket_id",
    "action",
    "from_status",
    "to_status",
    "actor_id",
    "note",
    "created_at",
)
ASSIGNMENT_COLUMNS = ("ticket_id", "expert_id", "created_at")
NULL = r"\N"


@dataclass
class Report:
    tickets: int = 0
    events: int = 0
    assignments: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        rows = self.tickets + self.events + self.assignments
        return rows / self.seconds if self.seconds else 0.0


@dataclass
class Chunk:
    """Requests, their events and their experts' assignments rendered in COPY text format."""

    tickets: io.StringIO = field(default_factory=io.StringIO)
    events_text: io.StringIO = field(default_factory=io.StringIO)
    assignments_text: io.StringIO = field(default_factory=io.StringIO)
    events: int = 0
    assignments: int = 0


def render_chunk(
    *, count: int, network: Network, rng: random.Random, first_ticket: int, first_event: int
) -> Chunk:
    chunk = Chunk()
    for ticket, event_lines, assignment in ticket_rows(
        count=count,
        network=network,
        rng=rng,
        first_ticket=first_ticket,
        first_event=first_event,
    ):
        chunk.tickets.write(ticket)
        chunk.events_text.writelines(event_lines)
        chunk.events += len(event_lines)
        if assignment:
            chunk.assignments_text.write(assignment)
            chunk.assignments += 1
    return chunk


def copy_chunk(chunk: Chunk, cursor) -> None:
    """COPY a rendered chunk into the request, event and assignment tables.

    ``cursor`` is the driver's own cursor (psycopg 3 or psycopg2), so the copy
    may run in another thread while the next chunk is rendered.
    """
    for model, columns, rows in (
        (Ticket, TICKET_COLUMNS, chunk.tickets),
        (TicketEvent, EVENT_COLUMNS, chunk.events_text),
        (TicketAssignment, ASSIGNMENT_COLUMNS, chunk.assignments_text),
    ):
        sql = f"COPY {model._meta.db_table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT text)"
        _copy_from(cursor, sql, rows)


def _copy_from(cursor, sql: str, rows: io.StringIO) -> None:
    """Run ``COPY … FROM STDIN`` with ``rows`` through whichever driver Django uses."""
    if hasattr(cursor, "copy"):  # psycopg 3
        with cursor.copy(sql) as copy:
            copy.write(rows.getvalue())
    else:  # psycopg2
        rows.seek(0)
        cursor.copy_expert(sql, rows)


def _text(value) -> str:
    if value is None:
        return NULL
    if isinstance(value, datetime.datetime):
        return value.isoformat()
    return str(value).replace("\\", "\\\\").replace("\t", " ").replace("\n", " ")


def _line(values) -> str:
    return "\t".join(_text(v) for v in values) + "\n"


def _pick_status(rng: random.Random, age_days: float, expert_free: bool) -> str:
    status = rng.choice(RECENT if age_days < RECENT_DAYS else FINISHED)
    if status in (Status.ASSIGNED, Status.IN_PROGRESS) and not expert_free:
        return Status.TRIAGED
    return status


def _free_expert(network: Network, category: str, rng: random.Random) -> int | None:
    candidates = network.experts_by_category[category]
    for _attempt in range(4):
        expert = rng.choice(candidates) if candidates else None
        if expert is not None and network.capacity_left[expert] > 0:
            return expert
    return None


def ticket_rows(
    *, count: int, network: Network, rng: random.Random, first_ticket: int, first_event: int
) -> Iterator[tuple[str, list[str], str]]:
    """Yield (ticket line, event lines, assignment line or "") for ``count`` requests.

    Requests are filed over two years. Event and assignment lines hold only
    codes, ids and timestamps, so they are formatted without escaping.
    """
    now = timezone.now()
    event_id = first_event
    for offset in range(count):
        ticket_id = first_ticket + offset
        age_days = rng.random() ** 1.5 * HISTORY_DAYS
        filed = now - datetime.timedelta(days=age_days, seconds=rng.randrange(3600))
        category = rng.choice(CATEGORIES)
        enterprise_id, _region = rng.choice(network.enterprises)
        station_id = rng.choice(network.stations_by_category[category])
        expert = _free_expert(network, category, rng)
        status = _pick_status(rng, age_days, expert is not None)
        moments = {}
        moment = filed
        events = [(EventAction.FILE, None, Status.SUBMITTED, filed)]
        previous = Status.SUBMITTED
        for action, to_status in PATHS[status]:
            moment += datetime.timedelta(hours=rng.uniform(0.5, 30))
            moment = min(moment, now)
            events.append((action, previous, to_status, moment))
            moments[action] = moment
            previous = to_status
        has_expert = EventAction.ASSIGN in moments
        if has_expert:
            expert = expert or rng.choice(network.experts_by_category[category])
        if status in (Status.ASSIGNED, Status.IN_PROGRESS):
            network.capacity_left[expert] -= 1
            network.opened[expert] = network.opened.get(expert, 0) + 1
        resolved = moments.get(EventAction.RESOLVE)
        closed = (
            moments.get(EventAction.CONFIRM)
            or moments.get(EventAction.REJECT)
            or moments.get(EventAction.CANCEL)
        )
        rated = status == Status.CLOSED
        ticket = _line(
            (
                ticket_id,
                f"G-{ticket_id:09d}",
                enterprise_id,
                None,
                f"{Category(category).label}问题 {ticket_id}",
                "企业在生产过程中遇到的质量问题，需要技术支持。",
                category,
                rng.choice(URGENCIES),
                station_id,
                status,
                expert if has_expert else None,
                filed + datetime.timedelta(days=7),
                filed,
                moments.get(EventAction.TRIAGE),
                moments.get(EventAction.ASSIGN),
                resolved,
                closed,
                "已现场指导并出具整改建议。" if resolved else "",
                f"{rng.randrange(0, 500_000)}.00" if resolved else None,
                rng.choice((2, 3, 4, 5, 5, 5)) if rated else None,
                "",
                moment,
            )
        )
        lines = [
            f"{event_id + n}\t{ticket_id}\t{action}\t{from_status or NULL}\t{to_status}\t"
            f"{NULL}\t\t{at.isoformat()}\n"
            for n, (action, from_status, to_status, at) in enumerate(events)
        ]
        event_id += len(lines)
        assignment = (
            f"{ticket_id}\t{expert}\t{moments[EventAction.ASSIGN].isoformat()}\n"
            if has_expert
            else ""
        )
        yield ticket, lines, assignment


def next_ids() -> tuple[int, int]:
    """Lock the request tables for writing and return the next free ids of both."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE requests_app_ticket, requests_app_ticketevent IN EXCLUSIVE MODE")
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM requests_app_ticket")
        next_ticket = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM requests_app_ticketevent")
        return next_ticket, cursor.fetchone()[0]


def generate(*, requests: int, enterprises: int, experts: int, seed: int = 1) -> Report:
    """Generate ``requests`` requests (and the network they need) in one transaction.

    Chunks are rendered here while the previous one is copied in a thread:
    PostgreSQL ingests on one core while Python renders on the other.
    """
    if connection.vendor != "postgresql":
        raise RuntimeError("generate_load writes with COPY and needs PostgreSQL.")
    rng = random.Random(seed)
    report = Report()
    started = time.perf_counter()
    with (
        transaction.atomic(),
        connection.cursor() as cursor,
        ThreadPoolExecutor(max_workers=1) as copier,
    ):
        network = build_network(enterprises=enterprises, experts=experts, rng=rng)
        next_ticket, next_event = next_ids()
        copying = None
        while report.tickets < requests:
            size = min(CHUNK, requests - report.tickets)
            chunk = render_chunk(
                count=size,
                network=network,
                rng=rng,
                first_ticket=next_ticket,
                first_event=next_event,
            )
            if copying is not None:
                copying.result()
            copying = copier.submit(copy_chunk, chunk, cursor.cursor)
            report.tickets += size
            report.events += chunk.events
            report.assignments += chunk.assignments
            next_ticket += size
            next_event += chunk.events
        if copying is not None:
            copying.result()
        for expert_id, opened in network.opened.items():
            Expert.objects.filter(pk=expert_id).update(
                open_assignments=F("open_assignments") + opened
            )
        for model in (Ticket, TicketEvent):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"(SELECT MAX(id) FROM {table}))"
            )
    report.seconds = time.perf_counter() - started
    return report
