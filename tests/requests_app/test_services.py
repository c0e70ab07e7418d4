"""The lifecycle services: counters in step, reopen and decline, due dates, the hook."""

import datetime
import threading
from decimal import Decimal
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.utils import timezone

from requests_app import deadlines, services
from requests_app.choices import Status, Urgency
from requests_app.models import TicketAssignment, TicketDecline
from requests_app.services import tickets
from requests_app.services.expert_load import ExpertAtCapacity
from requests_app.transitions import InvalidTransition
from service_stations.models import Expert
from tests.requests_app.helpers import (
    assert_open_assignments_in_step,
    build_world,
    file_ticket,
    ticket_in,
    walk,
)

pytestmark = pytest.mark.django_db

SHANGHAI = datetime.timezone(datetime.timedelta(hours=8))


def test_a_full_lifecycle_keeps_the_expert_counter_in_step(world):
    ticket = file_ticket(world)
    counts = []
    for step in ["triage", "assign", "accept", "resolve", "confirm"]:
        ticket = walk(ticket, world, [step])
        world.expert.refresh_from_db()
        counts.append(world.expert.open_assignments)
    assert counts == [0, 1, 1, 0, 0]
    assert ticket.status == Status.CLOSED
    assert [e.action for e in ticket.events.all()] == [
        "file",
        "triage",
        "assign",
        "accept",
        "resolve",
        "confirm",
    ]


def test_reassigning_moves_the_count_to_the_new_expert(world):
    ticket = ticket_in(Status.ASSIGNED, world)

    services.ticket_assign(ticket=ticket, actor=world.staff, expert=world.second_expert)

    assert_open_assignments_in_step(world.expert, world.second_expert)
    assert world.second_expert.open_assignments == 1
    assert list(
        TicketAssignment.objects.filter(ticket=ticket).values_list("expert", flat=True)
    ) == [
        world.expert.pk,
        world.second_expert.pk,
    ]


@pytest.mark.parametrize("status", [Status.ASSIGNED, Status.TRIAGED, Status.SUBMITTED])
def test_cancel_frees_the_expert_only_when_one_holds_the_request(world, status):
    ticket = ticket_in(status, world)

    services.ticket_cancel(ticket=ticket, actor=world.owner)

    assert_open_assignments_in_step(world.expert)
    assert world.expert.open_assignments == 0


def test_decline_records_the_decline_clears_the_expert_and_asks_for_assignment(
    world, django_capture_on_commit_callbacks
):
    ticket = ticket_in(Status.ASSIGNED, world)
    with (
        mock.patch.object(tickets, "ticket_request_assignment") as hook,
        django_capture_on_commit_callbacks(execute=True),
    ):
        ticket = services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="回避")

    assert ticket.status == Status.TRIAGED
    assert ticket.assigned_expert is None
    assert TicketDecline.objects.get(ticket=ticket).expert == world.expert
    hook.assert_called_once_with(ticket_id=ticket.pk)
    assert_open_assignments_in_step(world.expert)


def test_triage_asks_for_assignment_only_once_committed(world, django_capture_on_commit_callbacks):
    ticket = file_ticket(world)
    with mock.patch.object(tickets, "ticket_request_assignment") as hook:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.ticket_triage(ticket=ticket, actor=world.staff)
        hook.assert_not_called()
        for callback in callbacks:
            callback()
    hook.assert_called_once_with(ticket_id=ticket.pk)


def test_reopen_returns_to_the_same_expert_below_capacity(world):
    ticket = ticket_in(Status.RESOLVED, world)

    ticket = services.ticket_reopen(ticket=ticket, actor=world.owner, reason="又坏了")

    assert ticket.status == Status.IN_PROGRESS
    assert ticket.assigned_expert == world.expert
    assert ticket.resolved_at is None
    assert_open_assignments_in_step(world.expert)


@pytest.mark.parametrize(
    "make_unable", [{"capacity": 0}, {"is_available": False}], ids=["full", "unavailable"]
)
def test_reopen_goes_back_to_triage_when_the_expert_cannot_take_it(
    world, make_unable, django_capture_on_commit_callbacks
):
    ticket = ticket_in(Status.RESOLVED, world)
    Expert.objects.filter(pk=world.expert.pk).update(**make_unable)

    with (
        mock.patch.object(tickets, "ticket_request_assignment") as hook,
        django_capture_on_commit_callbacks(execute=True),
    ):
        ticket = services.ticket_reopen(ticket=ticket, actor=world.owner, reason="又坏了")

    assert ticket.status == Status.TRIAGED
    assert ticket.assigned_expert is None
    assert ticket.events.last().to_status == Status.TRIAGED
    hook.assert_called_once_with(ticket_id=ticket.pk)
    assert_open_assignments_in_step(world.expert)


def test_resolve_stores_resolution_losses_and_time(world):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    at = timezone.now()

    ticket = services.ticket_resolve(
        ticket=ticket,
        actor=world.expert.user,
        resolution="更换传感器",
        losses_avoided=Decimal("35000.00"),
        at=at,
    )

    ticket.refresh_from_db()
    assert (ticket.resolution, ticket.losses_avoided, ticket.resolved_at) == (
        "更换传感器",
        Decimal("35000.00"),
        at,
    )
    assert ticket.events.last().created_at == at


def test_filing_computes_due_at_on_the_working_day_calendar(world):
    filed = datetime.datetime(2026, 9, 25, 10, 0, tzinfo=SHANGHAI)

    ticket = file_ticket(world, urgency=Urgency.NORMAL, at=filed)

    assert ticket.created_at == filed
    assert ticket.due_at == deadlines.due_at(filed, Urgency.NORMAL)
    # National Day holidays push it well past five weekdays (2026-10-02).
    assert ticket.due_at > datetime.datetime(2026, 10, 8, tzinfo=SHANGHAI)


def test_triage_changing_urgency_recomputes_due_at_from_the_filing_time(world):
    filed = datetime.datetime(2026, 9, 25, 10, 0, tzinfo=SHANGHAI)
    ticket = file_ticket(world, urgency=Urgency.LOW, at=filed)

    ticket = services.ticket_triage(
        ticket=ticket,
        actor=world.staff,
        urgency=Urgency.HIGH,
        at=filed + datetime.timedelta(days=3),
    )

    ticket.refresh_from_db()
    assert ticket.urgency == Urgency.HIGH
    assert ticket.due_at == deadlines.due_at(filed, Urgency.HIGH)


def test_triage_keeping_urgency_keeps_due_at(world):
    ticket = file_ticket(world, urgency=Urgency.LOW)
    due = ticket.due_at

    ticket = services.ticket_triage(ticket=ticket, actor=world.staff, urgency=Urgency.LOW)

    assert ticket.due_at == due


def test_a_service_refuses_an_actor_who_is_not_a_party(world):
    ticket = file_ticket(world)
    with pytest.raises(PermissionDenied):
        services.ticket_triage(ticket=ticket, actor=world.owner)
    assert ticket.events.count() == 1


def test_a_service_works_on_the_locked_row_not_a_stale_copy(world):
    stale = file_ticket(world)
    services.ticket_reject(ticket=stale, actor=world.staff, reason="重复提交")

    with pytest.raises(InvalidTransition) as error:
        services.ticket_triage(ticket=stale, actor=world.staff)

    assert error.value.extra == {"status": Status.REJECTED, "allowed": []}


@pytest.mark.postgres
def test_parallel_assignments_never_push_an_expert_past_capacity(transactional_db):
    world = build_world()
    # Committed triage dispatches automatic assignment: keep the expert away
    # until the requests wait, so that the threads race for the last place.
    Expert.objects.filter(pk=world.expert.pk).update(capacity=1, is_available=False)
    tickets = [ticket_in(Status.TRIAGED, world) for _ in range(4)]
    Expert.objects.filter(pk=world.expert.pk).update(is_available=True)
    barrier = threading.Barrier(len(tickets))
    outcomes = []

    def assign(ticket):
        try:
            barrier.wait()
            services.ticket_assign(ticket=ticket, actor=world.staff, expert=world.expert)
            outcomes.append("assigned")
        except ExpertAtCapacity:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=assign, args=(t,)) for t in tickets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(outcomes) == ["assigned", "full", "full", "full"]
    assert_open_assignments_in_step(world.expert)
