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
from dataclasses import dataclass, field

from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone

from enterprises.models import Enterprise
from nqi_service.demo.enterprises import demo_credit_code
from nqi_service.demo.people import mobile_number, person_name
from requests_app.choices import Category, EventAction, Status, Urgency
from requests_app.models import Ticket, TicketEvent
from service_stations.models import Expert, ExpertSpecialty, ServiceStation, StationService

CHUNK = 50_000
HISTORY_DAYS = 730
REGIONS = ("420102", "420103", "420104", "420105", "420106", "420107", "420111", "420112")
INDUSTRIES = ("C3441", "C3824", "C3670", "C1431", "C1771", "C2911", "C4014")
CATEGORIES = tuple(Category.values)
URGENCIES = (Urgency.NORMAL,) * 6 + (Urgency.HIGH,) * 2 + (Urgency.LOW,) * 2

# The path through the lifecycle that ends in each status (API.md's table).
PATHS = {
    Status.SUBMITTED: (),
    Status.TRIAGED: ((EventAction.TRIAGE, Status.TRIAGED),),
    Status.ASSIGNED: ((EventAction.TRIAGE, Status.TRIAGED), (EventAction.ASSIGN, Status.ASSIGNED)),
    Status.AWAITING_INFO: (
        (EventAction.TRIAGE, Status.TRIAGED),
        (EventAction.REQUEST_INFO, Status.AWAITING_INFO),
    ),
    Status.IN_PROGRESS: (
        (EventAction.TRIAGE, Status.TRIAGED),
        (EventAction.ASSIGN, Status.ASSIGNED),
        (EventAction.ACCEPT, Status.IN_PROGRESS),
    ),
    Status.RESOLVED: (
        (EventAction.TRIAGE, Status.TRIAGED),
        (EventAction.ASSIGN, Status.ASSIGNED),
        (EventAction.ACCEPT, Status.IN_PROGRESS),
        (EventAction.RESOLVE, Status.RESOLVED),
    ),
    Status.CLOSED: (
        (EventAction.TRIAGE, Status.TRIAGED),
        (EventAction.ASSIGN, Status.ASSIGNED),
        (EventAction.ACCEPT, Status.IN_PROGRESS),
        (EventAction.RESOLVE, Status.RESOLVED),
        (EventAction.CONFIRM, Status.CLOSED),
    ),
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


@dataclass
class Network:
    enterprises: list[tuple[int, str]]  # (id, region code)
    stations_by_category: dict[str, list[int]]
    experts_by_category: dict[str, list[int]]
    capacity_left: dict[int, int] = field(default_factory=dict)
    opened: dict[int, int] = field(default_factory=dict)


@dataclass
class Report:
    tickets: int = 0
    events: int = 0
    seconds: float = 0.0

    @property
    def rows_per_second(self) -> float:
        return (self.tickets + self.events) / self.seconds if self.seconds else 0.0


def build_network(*, enterprises: int, experts: int, rng: random.Random) -> Network:
    """Create stations, experts and enterprises (bulk) and return their ids."""
    hub, _created = ServiceStation.objects.get_or_create(
        code="gen-hub", defaults={"name": "负载测试中心站", "region_code": "420100"}
    )
    stations = [hub]
    for index, region in enumerate(REGIONS):
        station, _created = ServiceStation.objects.get_or_create(
            code=f"gen-{index:02d}",
            defaults={"name": f"负载测试服务站{index}", "region_code": region, "parent": hub},
        )
        stations.append(station)
    StationService.objects.bulk_create(
        [StationService(station=s, category=c) for s in stations for c in CATEGORIES],
        ignore_conflicts=True,
    )
    first = Expert.objects.count()
    created = Expert.objects.bulk_create(
        [
            Expert(
                name=person_name(first + n),
                organization=f"负载测试专家单位{(first + n) % 40}",
                industries=[rng.choice(INDUSTRIES)[:3]],
                capacity=rng.choice((3, 5, 8)),
            )
            for n in range(experts)
        ]
    )
    Expert.stations.through.objects.bulk_create(
        [
            Expert.stations.through(expert_id=e.id, servicestation_id=rng.choice(stations).id)
            for e in created
        ]
    )
    ExpertSpecialty.objects.bulk_create(
        [
            ExpertSpecialty(expert=e, category=c)
            for n, e in enumerate(created)
            # Every category gets experts; each expert has one more at random.
            for c in {CATEGORIES[n % len(CATEGORIES)], rng.choice(CATEGORIES)}
        ]
    )
    serial = Enterprise.objects.count() + 1_000_000
    Enterprise.objects.bulk_create(
        [
            Enterprise(
                credit_code=demo_credit_code("91", rng.choice(REGIONS), serial + n),
                name=f"负载测试企业{serial + n}",
                region_code=REGIONS[n % len(REGIONS)],
                industry_code=rng.choice(INDUSTRIES),
                contact_name=person_name(n),
                contact_phone=mobile_number(n),
                has_lab=rng.random() < 0.57,
                is_verified=True,
            )
            for n in range(enterprises)
        ],
        batch_size=5_000,
    )
    network = Network(
        enterprises=list(Enterprise.objects.values_list("id", "region_code")),
        stations_by_category={c: [s.id for s in stations] for c in CATEGORIES},
        experts_by_category={c: [] for c in CATEGORIES},
    )
    for expert_id, category in ExpertSpecialty.objects.filter(
        expert__is_available=True
    ).values_list("expert_id", "category"):
        network.experts_by_category[category].append(expert_id)
    for expert_id, capacity, open_now in Expert.objects.values_list(
        "id", "capacity", "open_assignments"
    ):
        network.capacity_left[expert_id] = capacity - open_now
    return network


@dataclass
class Chunk:
    """Requests and their events rendered in COPY text format."""

    tickets: io.StringIO
    events_text: io.StringIO
    events: int


def render_chunk(
    *, count: int, network: Network, rng: random.Random, first_ticket: int, first_event: int
) -> Chunk:
    chunk = Chunk(io.StringIO(), io.StringIO(), 0)
    for ticket, event_lines in ticket_rows(
        count=count,
        network=network,
        rng=rng,
        first_ticket=first_ticket,
        first_event=first_event,
    ):
        chunk.tickets.write(ticket)
        chunk.events_text.write(event_lines)
        chunk.events += event_lines.count("\n")
    return chunk


def copy_chunk(chunk: Chunk) -> None:
    """COPY a rendered chunk into the request and event tables."""
    with connection.cursor() as cursor:
        for table, columns, rows in (
            (Ticket._meta.db_table, TICKET_COLUMNS, chunk.tickets),
            (TicketEvent._meta.db_table, EVENT_COLUMNS, chunk.events_text),
        ):
            rows.seek(0)
            cursor.cursor.copy_expert(
                f"COPY {table} ({', '.join(columns)}) FROM STDIN WITH (FORMAT text)", rows
            )


def _text(value) -> str:
    if value is None:
        return r"\N"
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
) -> Iterator[tuple[str, str]]:
    """Yield (ticket line, event lines) for ``count`` requests filed over two years."""
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
                (expert or rng.choice(network.experts_by_category[category]))
                if has_expert
                else None,
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
        lines = []
        for action, from_status, to_status, at in events:
            lines.append(_line((event_id, ticket_id, action, from_status, to_status, None, "", at)))
            event_id += 1
        yield ticket, "".join(lines)


def next_ids() -> tuple[int, int]:
    """Lock the request tables for writing and return the next free ids of both."""
    with connection.cursor() as cursor:
        cursor.execute("LOCK TABLE requests_app_ticket, requests_app_ticketevent IN EXCLUSIVE MODE")
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM requests_app_ticket")
        next_ticket = cursor.fetchone()[0]
        cursor.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM requests_app_ticketevent")
        return next_ticket, cursor.fetchone()[0]


def generate(*, requests: int, enterprises: int, experts: int, seed: int = 1) -> Report:
    """Generate ``requests`` requests (and the network they need) in one transaction."""
    if connection.vendor != "postgresql":
        raise RuntimeError("generate_load writes with COPY and needs PostgreSQL.")
    rng = random.Random(seed)
    report = Report()
    started = time.perf_counter()
    with transaction.atomic():
        network = build_network(enterprises=enterprises, experts=experts, rng=rng)
        next_ticket, next_event = next_ids()
        remaining = requests
        while remaining:
            size = min(CHUNK, remaining)
            chunk = render_chunk(
                count=size,
                network=network,
                rng=rng,
                first_ticket=next_ticket,
                first_event=next_event,
            )
            copy_chunk(chunk)
            report.tickets += size
            report.events += chunk.events
            next_ticket += size
            next_event += chunk.events
            remaining -= size
        for expert_id, opened in network.opened.items():
            Expert.objects.filter(pk=expert_id).update(
                open_assignments=F("open_assignments") + opened
            )
        with connection.cursor() as cursor:
            for model in (Ticket, TicketEvent):
                table = model._meta.db_table
                cursor.execute(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT MAX(id) FROM {table}))"
                )
    report.seconds = time.perf_counter() - started
    return report
