"""The database connection dropped in the middle of a request's transaction.

The test terminates its own backend only (``pg_terminate_backend`` of
``pg_backend_pid()`` from a second connection), after the service has written
rows and before it commits, as a crashed or failed-over server would.
"""

import pytest
from django.db import connection

from notifications.models import Notification
from requests_app import services
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from requests_app.services import lifecycle, tickets
from tests.requests_app.helpers import build_world, client_for, file_ticket

pytestmark = pytest.mark.postgres

TERMINATE_WAIT_MS = 5000


def terminate_this_backend() -> None:
    """End this thread's own PostgreSQL backend from a second connection; wait until gone."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    other = connection.copy()
    try:
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, %s)", [pid, TERMINATE_WAIT_MS])
            assert cursor.fetchone() == (True,)
    finally:
        other.close()


class ConnectionDrop:
    """Once armed, drop the connection when a service next records an event.

    The service has written its rows by then and not committed. ``victims``
    holds the ids of the requests whose transaction lost its connection.
    """

    def __init__(self):
        self.armed = False
        self.victims = []

    def arm(self):
        self.armed = True


@pytest.fixture
def drop(monkeypatch) -> ConnectionDrop:
    fault = ConnectionDrop()
    record_event = services.record_event

    def drop_then_record(ticket, **kwargs):
        if fault.armed:
            fault.armed = False
            fault.victims.append(ticket.pk)
            terminate_this_backend()
        return record_event(ticket, **kwargs)

    monkeypatch.setattr(tickets, "record_event", drop_then_record)
    monkeypatch.setattr(lifecycle, "record_event", drop_then_record)  # transitions
    return fault


def row_counts() -> dict[str, int]:
    return {
        "tickets": Ticket.objects.count(),
        "events": TicketEvent.objects.count(),
        "notifications": Notification.objects.count(),
    }


def failing_client(user):
    client = client_for(user)
    client.raise_request_exception = False  # answer as a server would, not raise
    return client


def assert_database_unavailable(response):
    assert response.status_code == 503, response.content
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "database_unavailable"


def test_filing_answers_503_writes_nothing_and_the_next_filing_succeeds(transactional_db, drop):
    world = build_world()
    client = failing_client(world.owner)
    body = {"title": "电子秤示值偏差", "description": "示值偏差 0.5%。", "category": "metrology"}
    before = row_counts()

    drop.arm()
    assert_database_unavailable(client.post("/api/v1/tickets/", body, format="json"))
    assert len(drop.victims) == 1, "the connection was not dropped mid-transaction"
    assert not Ticket.objects.filter(pk=drop.victims[0]).exists()
    assert row_counts() == before

    response = client.post("/api/v1/tickets/", body, format="json")
    assert response.status_code == 201, response.content
    ticket = Ticket.objects.get(pk=response.json()["id"])
    assert ticket.events.get().action == EventAction.FILE


def test_triage_answers_503_changes_nothing_and_the_next_triage_succeeds(transactional_db, drop):
    world = build_world()
    ticket = file_ticket(world)
    client = failing_client(world.staff)
    before = row_counts()

    drop.arm()
    assert_database_unavailable(client.post(f"/api/v1/tickets/{ticket.pk}/triage/", {}))
    assert drop.victims == [ticket.pk]
    ticket.refresh_from_db()
    assert (ticket.status, ticket.triaged_at) == (Status.SUBMITTED, None)
    assert row_counts() == before

    response = client.post(f"/api/v1/tickets/{ticket.pk}/triage/", {})
    assert response.status_code == 200, response.content
    assert ticket.events.filter(action=EventAction.TRIAGE).count() == 1
