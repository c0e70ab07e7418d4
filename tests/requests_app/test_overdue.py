"""One meaning of "overdue" (API.md: of the backlog, due_at passed; the due date moves
later by the time spent awaiting information), the same in the list filter, the rows,
the sweep, the statistics and the station workload."""

import datetime

import pytest
from django.utils import timezone

from requests_app import services
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket
from requests_app.services.auto_assignment import tickets_mark_overdue
from stats.maintenance import sweep as stats_sweep
from tests.requests_app.helpers import client_for, ticket_in

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def due(ticket, at):
    Ticket.objects.filter(pk=ticket.pk).update(due_at=at)


@pytest.fixture
def tickets(world):
    """Requests on each side of the line, all at ``world.station``."""
    now = timezone.now()
    late = ticket_in(Status.IN_PROGRESS, world)
    due(late, now - HOUR)
    waiting_since_late = ticket_in(Status.IN_PROGRESS, world)
    due(waiting_since_late, now - 3 * HOUR)
    services.ticket_request_info(
        ticket=waiting_since_late, actor=None, question="请补充型号。", at=now - 2 * HOUR
    )
    # Asked while still in time: its clock stopped before the due date passed.
    waiting_in_time = ticket_in(Status.TRIAGED, world)
    due(waiting_in_time, now - HOUR)
    services.ticket_request_info(
        ticket=waiting_in_time, actor=None, question="请补充型号。", at=now - 2 * HOUR
    )
    in_time = ticket_in(Status.TRIAGED, world)
    due(in_time, now + HOUR)
    resolved_late = ticket_in(Status.RESOLVED, world)
    due(resolved_late, now - HOUR)
    return {
        "overdue": {late.pk, waiting_since_late.pk},
        "not": {waiting_in_time.pk, in_time.pk, resolved_late.pk},
    }


def test_the_list_filter_and_the_rows_agree(world, tickets):
    client = client_for(world.staff)
    overdue = client.get("/api/v1/tickets/", {"overdue": "true"}).json()["results"]
    others = client.get("/api/v1/tickets/", {"overdue": "false"}).json()["results"]
    assert {row["id"] for row in overdue} == tickets["overdue"]
    assert {row["id"] for row in others} == tickets["not"]
    assert all(row["is_overdue"] for row in overdue)
    assert not any(row["is_overdue"] for row in others)


def test_the_station_workload_agrees_with_the_list_filter(world, tickets):
    client = client_for(world.manager)
    workload = client.get(f"/api/v1/stations/{world.station.pk}/workload/").json()
    listed = client.get("/api/v1/tickets/", {"overdue": "true"}).json()["results"]
    assert workload["overdue"] == len(listed) == 2


def test_the_statistics_agree_with_the_list_filter(world, tickets):
    stats_sweep()
    figures = client_for(world.supervisor).get("/api/v1/stats/overview/").json()
    assert figures["overdue"] == 2


def test_the_sweep_marks_exactly_the_overdue(world, tickets):
    assert tickets_mark_overdue() == 2
    marked = set(
        Ticket.objects.filter(events__action=EventAction.OVERDUE).values_list("pk", flat=True)
    )
    assert marked == tickets["overdue"]


def test_the_queryset_and_the_row_say_the_same(world, tickets):
    now = timezone.now()
    overdue = set(Ticket.objects.overdue(now).values_list("pk", flat=True))
    assert overdue == tickets["overdue"]
    assert {t.pk for t in Ticket.objects.all() if t.is_overdue(now)} == overdue
