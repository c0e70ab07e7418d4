"""Two parties acting on one request at the same moment, on PostgreSQL.

Each actor runs in its own thread, with its own connection and transaction.
The overlap is forced, not hoped for: the first actor stops inside its
transaction right after writing its change; the second starts and the test
waits until PostgreSQL reports it blocked on the request's row lock; only
then does the first commit. Afterwards exactly one of them has changed the
request (or both, where the lifecycle allows the second move after the
first), the expert counters equal the real count and there is one event
per effective transition.
"""

import threading

import pytest
from django.db import connection

from bench.processes import wait_until
from requests_app import services
from requests_app.choices import EventAction, Status
from requests_app.services import lifecycle, tickets
from requests_app.tasks import assign_ticket
from service_stations.models import Expert
from tests.requests_app.helpers import (
    assert_open_assignments_in_step,
    build_world,
    client_for,
    ticket_in,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

WAIT_SECONDS = 20


def backends_waiting_for_a_lock() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        return cursor.fetchone()[0]


class Race:
    """Run two actors so that the second meets the first's uncommitted change."""

    def __init__(self, monkeypatch):
        self.inside = threading.Event()
        self.go = threading.Event()
        self.armed = False
        record_event = services.record_event

        def record_then_wait(ticket, **kwargs):
            event = record_event(ticket, **kwargs)
            if self.armed:
                self.armed = False
                self.inside.set()
                assert self.go.wait(WAIT_SECONDS), "the first actor was never let go"
            return event

        monkeypatch.setattr(tickets, "record_event", record_then_wait)
        monkeypatch.setattr(lifecycle, "record_event", record_then_wait)  # transitions

    def run(self, first, second):
        """Return what ``first`` and ``second`` returned (or raised)."""
        outcomes = {}

        def act(name, work):
            try:
                outcomes[name] = work()
            except Exception as error:  # noqa: BLE001 - handed to the test
                outcomes[name] = error
            finally:
                connection.close()

        self.armed = True
        threads = [threading.Thread(target=act, args=("first", first))]
        threads[0].start()
        try:
            assert self.inside.wait(WAIT_SECONDS), "the first actor wrote no change"
            threads.append(threading.Thread(target=act, args=("second", second)))
            threads[1].start()
            wait_until(
                lambda: backends_waiting_for_a_lock() == 1,
                seconds=WAIT_SECONDS,
                message="the second actor never waited for the first one's lock",
                interval=0.02,
            )
        finally:
            self.go.set()
            for thread in threads:
                thread.join(WAIT_SECONDS)
        return outcomes["first"], outcomes.get("second")


@pytest.fixture
def race(monkeypatch):
    return Race(monkeypatch)


@pytest.fixture
def world(monkeypatch):
    """The small network, with automatic assignment left out unless a test calls it."""
    monkeypatch.setattr(tickets, "ticket_request_assignment", lambda **kwargs: None)
    return build_world()


def post(user, ticket, action, body=None):
    return lambda: client_for(user).post(
        f"/api/v1/tickets/{ticket.pk}/{action}/", body or {}, format="json"
    )


def event_counts(ticket) -> dict[str, int]:
    counts = {}
    for action in ticket.events.values_list("action", flat=True):
        counts[action] = counts.get(action, 0) + 1
    return counts


def experts(world) -> list[Expert]:
    return [world.expert, world.second_expert, world.other_expert]


def assert_conflict(response, status):
    assert response.status_code == 409, response.data
    assert (response.data["code"], response.data["status"]) == ("invalid_transition", status)


def test_two_staff_triaging_one_request_one_wins_the_other_gets_409(world, race):
    ticket = ticket_in(Status.SUBMITTED, world)

    first, second = race.run(
        post(world.staff, ticket, "triage"), post(world.manager, ticket, "triage")
    )

    assert first.status_code == 200, first.data
    assert_conflict(second, Status.TRIAGED)
    ticket.refresh_from_db()
    assert ticket.status == Status.TRIAGED
    assert event_counts(ticket) == {EventAction.FILE: 1, EventAction.TRIAGE: 1}


def test_an_expert_accepting_while_staff_reassign_keeps_the_request_staff_get_409(world, race):
    ticket = ticket_in(Status.ASSIGNED, world)  # with world.expert

    first, second = race.run(
        post(world.expert.user, ticket, "accept"),
        post(world.staff, ticket, "assign", {"expert": world.second_expert.pk}),
    )

    assert first.status_code == 200, first.data
    assert_conflict(second, Status.IN_PROGRESS)
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.IN_PROGRESS, world.expert)
    assert_open_assignments_in_step(*experts(world))
    assert world.expert.open_assignments == 1
    assert event_counts(ticket) == {"file": 1, "triage": 1, "assign": 1, "accept": 1}


def test_staff_reassigning_while_the_expert_accepts_leaves_the_expert_403(world, race):
    """The expert's accept, once the request is someone else's, is refused as it would be
    a moment later: not theirs to accept (403), whatever the status."""
    ticket = ticket_in(Status.ASSIGNED, world)  # with world.expert

    first, second = race.run(
        post(world.staff, ticket, "assign", {"expert": world.second_expert.pk}),
        post(world.expert.user, ticket, "accept"),
    )

    assert first.status_code == 200, first.data
    assert second.status_code == 403, second.data
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.ASSIGNED, world.second_expert)
    assert_open_assignments_in_step(*experts(world))
    assert (world.expert.open_assignments, world.second_expert.open_assignments) == (0, 1)
    assert event_counts(ticket) == {"file": 1, "triage": 1, "assign": 2}


def test_an_enterprise_cancelling_while_the_worker_assigns_the_worker_does_nothing(world, race):
    ticket = ticket_in(Status.TRIAGED, world)

    first, second = race.run(post(world.owner, ticket, "cancel"), lambda: assign_ticket(ticket.pk))

    assert first.status_code == 200, first.data
    assert second is None  # the worker's task ran, as a no-op: the request no longer waits
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.CANCELLED, None)
    assert_open_assignments_in_step(*experts(world))
    assert sum(e.open_assignments for e in experts(world)) == 0
    assert event_counts(ticket) == {"file": 1, "triage": 1, "cancel": 1}


def test_the_worker_assigning_while_the_enterprise_cancels_frees_the_expert_again(world, race):
    """Cancelling is allowed from ``assigned`` too: both moves happen, in order."""
    ticket = ticket_in(Status.TRIAGED, world)

    first, second = race.run(lambda: assign_ticket(ticket.pk), post(world.owner, ticket, "cancel"))

    assert first is None  # the task ran without error
    assert second.status_code == 200, second.data
    ticket.refresh_from_db()
    assert (ticket.status, ticket.closed_at is not None) == (Status.CANCELLED, True)
    assert_open_assignments_in_step(*experts(world))
    assert sum(e.open_assignments for e in experts(world)) == 0
    assert event_counts(ticket) == {"file": 1, "triage": 1, "assign": 1, "cancel": 1}
