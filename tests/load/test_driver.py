"""The load test's own parts: who the users are, what counts as lost, what a LOAD line says."""

import re

import pytest

from bench.load_stack import trail_gaps
from bench.load_users import Actors, Outcome, enterprise_turn, load_lines, roster, staff_turn
from tests.factories import TicketFactory
from tests.requests_app.helpers import build_world, file_ticket, walk

LINE = re.compile(r"^LOAD op=(file|list|triage|stats) n=\d+ p50_ms=\S+ p95_ms=\S+ errors=\d+$")
SUMMARY = re.compile(
    r"^LOAD total=\d+ users=\d+ seconds=[\d.]+ per_second=[\d.]+ filed=\d+ triaged=\d+ "
    r"drain_s=[\d.]+ errors=(?P<errors>\d+) lost=(?P<lost>\d+)$"
)


@pytest.mark.django_db
def test_a_filed_request_needs_only_its_file_event():
    ticket = file_ticket(build_world())
    assert trail_gaps(filed=[ticket.pk], triaged=[]) == {}


@pytest.mark.django_db
def test_a_triaged_request_is_lost_until_the_worker_assigns_it():
    world = build_world()
    ticket = walk(file_ticket(world), world, ["triage"])
    assert trail_gaps(filed=[ticket.pk], triaged=[ticket.pk]) == {
        ticket.pk: "triaged, then neither assigned nor escalated"
    }
    walk(ticket, world, ["assign"])
    assert trail_gaps(filed=[ticket.pk], triaged=[ticket.pk]) == {}


@pytest.mark.django_db
def test_a_request_missing_from_the_database_or_without_its_file_event_is_lost():
    silent = TicketFactory()  # a row written around the services: no event
    assert trail_gaps(filed=[silent.pk, silent.pk + 1000], triaged=[]) == {
        silent.pk: "no file event",
        silent.pk + 1000: "not in the database",
    }


def test_the_roster_mixes_the_roles_and_gives_each_station_one_staff_user():
    actors = Actors(
        enterprises=[f"e{n}" for n in range(40)],
        staff=[f"s{n}" for n in range(8)],
        supervisors=["v0", "v1"],
    )
    for users, staff in ((20, 8), (30, 8), (10, 4)):
        turns = [turn for turn, _token in roster(actors, users)]
        tokens = [token for _turn, token in roster(actors, users)]
        assert len(turns) == users
        assert turns.count(staff_turn) == staff == len({t for t in tokens if t.startswith("s")})
        assert turns.count(enterprise_turn) == users - staff - max(1, users // 10)


def test_load_lines_give_each_operation_and_a_summary_with_errors_and_lost():
    outcome = Outcome(seconds=2.0, errors=["file POST /api/v1/tickets/ answered 500: None"])
    outcome.timings["list"].millis = [10.0, 20.0, 30.0]
    *ops, summary = load_lines(outcome, users=20, lost=2, drain_seconds=1.5)
    assert all(LINE.match(line) for line in ops), ops
    assert "LOAD op=list n=3 p50_ms=20.00 p95_ms=30.00 errors=0" in ops
    assert "LOAD op=file n=0 p50_ms=nan p95_ms=nan errors=1" in ops
    match = SUMMARY.match(summary)
    assert match and (match["errors"], match["lost"]) == ("1", "2"), summary
