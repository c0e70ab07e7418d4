"""Simulated users of the load test: threads that file, list, triage and read statistics.

Each user is a thread with an HTTP connection of its own (reopened whenever
the server closes it, as gunicorn's sync workers do), looping until the
deadline: enterprises file a request and list their own; station staff list
their station's submitted requests and triage one; supervisors read the
statistics overview. Between two actions a user thinks a random moment
(``think`` seconds on average). Any answer other than the one the API
promises, or a connection that fails, is an error. Needs no Django: the
caller seeds the users' tokens and audits the database afterwards.
"""

import http.client
import math
import random
import threading
import time
from dataclasses import dataclass, field

from bench.client import Client, Timing

OPERATIONS = ("file", "list", "triage", "stats")
CATEGORIES = ("metrology", "standards", "certification", "inspection", "quality_management")
PAGE = "page_size=20"


@dataclass
class Actors:
    """API tokens of the users to simulate, by role."""

    enterprises: list[str]
    staff: list[str]  # one per station, so no two staff triage the same request
    supervisors: list[str]


@dataclass
class Outcome:
    """What the users did: latencies per operation, errors, the requests they filed and triaged."""

    timings: dict[str, Timing] = field(default_factory=lambda: {op: Timing() for op in OPERATIONS})
    errors: list[str] = field(default_factory=list)
    filed: list[int] = field(default_factory=list)
    triaged: list[int] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def total(self) -> int:
        return sum(len(t.millis) for t in self.timings.values()) + len(self.errors)

    def add(self, other: "Outcome") -> None:
        for op, timing in other.timings.items():
            self.timings[op].millis += timing.millis
        self.errors += other.errors
        self.filed += other.filed
        self.triaged += other.triaged


class Session:
    """One user's connection: sends requests, records their latency or the error."""

    def __init__(self, port: int, token: str, outcome: Outcome, measure_from: float):
        self.port = port
        self.token = token
        self.outcome = outcome
        self.measure_from = measure_from
        self.client = Client("127.0.0.1", port)

    def call(self, op: str, method: str, path: str, *, expect: int = 200, body=None):
        """Return the decoded answer, or None after recording an error."""
        timed = time.monotonic() >= self.measure_from
        try:
            status, _response, data, millis = self.client.request(
                method, path, token=self.token, body=body
            )
        except (OSError, http.client.HTTPException, ValueError) as error:
            self.client = Client("127.0.0.1", self.port)
            self.outcome.errors.append(f"{op} {method} {path}: {error!r}")
            return None
        if status != expect:
            self.outcome.errors.append(f"{op} {method} {path} answered {status}: {data}"[:300])
            return None
        if timed:
            self.outcome.timings[op].millis.append(millis)
        return data


def enterprise_turn(session: Session, rng: random.Random) -> None:
    filed = session.call(
        "file",
        "POST",
        "/api/v1/tickets/",
        expect=201,
        body={
            "title": "电子秤示值偏差",
            "description": "负载测试：需要计量校准。",
            "category": rng.choice(CATEGORIES),
            "urgency": rng.choice(("low", "normal", "high")),
        },
    )
    if filed is not None:
        session.outcome.filed.append(filed["id"])
    session.call("list", "GET", f"/api/v1/tickets/?{PAGE}")


def staff_turn(session: Session, rng: random.Random) -> None:
    page = session.call("list", "GET", f"/api/v1/tickets/?status=submitted&{PAGE}")
    if page and page["results"]:
        ticket_id = rng.choice(page["results"])["id"]
        triaged = session.call(
            "triage", "POST", f"/api/v1/tickets/{ticket_id}/triage/", body={"note": "负载测试受理"}
        )
        if triaged is not None:
            session.outcome.triaged.append(ticket_id)


def supervisor_turn(session: Session, rng: random.Random) -> None:
    session.call("stats", "GET", "/api/v1/stats/overview/")


def roster(actors: Actors, users: int) -> list[tuple]:
    """Return ``users`` (turn, token) pairs: 1 in 10 supervisors, up to 2 in 5 staff, enterprises.

    Staff never outnumber their stations, so two users never race for one request.
    """
    supervisors = max(1, users // 10)
    staff = min(len(actors.staff), users * 2 // 5)
    enterprises = users - supervisors - staff
    if enterprises < 1 or enterprises > len(actors.enterprises):
        raise ValueError(f"{users} users need 1 to {len(actors.enterprises)} enterprise members")
    return (
        [(enterprise_turn, token) for token in actors.enterprises[:enterprises]]
        + [(staff_turn, token) for token in actors.staff[:staff]]
        + [
            (supervisor_turn, actors.supervisors[n % len(actors.supervisors)])
            for n in range(supervisors)
        ]
    )


def run_users(
    *,
    ports: list[int],
    actors: Actors,
    users: int,
    seconds: float,
    warmup: float = 5.0,
    think: float = 0.1,
    seed: int = 1,
) -> Outcome:
    """Run ``users`` simulated users for ``seconds``, shared out over the servers on ``ports``.

    The first ``warmup`` seconds are not timed (each server process loads
    its URLs and views on its first requests); errors and the requests
    filed and triaged count from the start.
    """
    measure_from = time.monotonic() + warmup
    deadline = measure_from + seconds
    outcomes = []

    def user(turn, token, rng, port):
        outcome = Outcome()
        outcomes.append(outcome)
        session = Session(port, token, outcome, measure_from)
        try:
            while time.monotonic() < deadline:
                turn(session, rng)
                time.sleep(rng.uniform(0, 2 * think))
        except Exception as error:  # a user that stops early must fail the run, not shrink it
            outcome.errors.append(f"user stopped: {error!r}")

    threads = [
        threading.Thread(
            target=user,
            args=(turn, token, random.Random(seed * 1000 + n), ports[n % len(ports)]),
        )
        for n, (turn, token) in enumerate(roster(actors, users))
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    merged = Outcome(seconds=time.monotonic() - measure_from)
    for outcome in outcomes:
        merged.add(outcome)
    return merged


def load_lines(outcome: Outcome, *, users: int, lost: int, drain_seconds: float) -> list[str]:
    """Format one LOAD line per operation and the summary line."""
    lines = []
    for op, timing in outcome.timings.items():
        errors = sum(error.startswith(f"{op} ") for error in outcome.errors)
        p50, p95 = (timing.p50, timing.p95) if timing.millis else (math.nan, math.nan)
        lines.append(
            f"LOAD op={op} n={len(timing.millis)} p50_ms={p50:.2f} p95_ms={p95:.2f} errors={errors}"
        )
    lines.append(
        f"LOAD total={outcome.total} users={users} seconds={outcome.seconds:.1f} "
        f"per_second={outcome.total / outcome.seconds:.1f} filed={len(outcome.filed)} "
        f"triaged={len(outcome.triaged)} drain_s={drain_seconds:.1f} "
        f"errors={len(outcome.errors)} lost={lost}"
    )
    return lines
