"""Automatic assignment and the system's periodic work, in-process (eager tasks)."""

import datetime
import threading

import pytest
from django.db import OperationalError, connection, transaction
from django.utils import timezone

from notifications.models import Notification
from nqi_service.celery import app as celery_app
from requests_app import services
from requests_app.choices import EventAction, Status
from requests_app.models import Ticket, TicketEvent
from requests_app.services import auto_assignment
from requests_app.services.auto_assignment import (
    ticket_auto_assign,
    tickets_auto_close,
    tickets_mark_overdue,
    waiting_tickets_to_dispatch,
)
from requests_app.tasks import assign_ticket, sweep_waiting_tickets
from service_stations.models import Expert
from tests.factories import ExpertFactory, StationFactory
from tests.requests_app.helpers import (
    assert_open_assignments_in_step,
    build_world,
    file_ticket,
    ticket_in,
    walk,
)

pytestmark = pytest.mark.django_db


def events(ticket, action):
    return TicketEvent.objects.filter(ticket=ticket, action=action)


def only_expert(world, expert):
    """Leave ``expert`` the only one who may take requests."""
    Expert.objects.exclude(pk=expert.pk).update(is_available=False)


def test_a_waiting_request_goes_to_the_best_expert_with_the_reason(world):
    ticket = ticket_in(Status.TRIAGED, world)
    world.expert.stations.add(world.station)  # the routed station scores highest
    assigned = ticket_auto_assign(ticket_id=ticket.pk)
    assert (assigned.status, assigned.assigned_expert) == (Status.ASSIGNED, world.expert)
    event = events(ticket, EventAction.ASSIGN).get()
    assert event.actor is None
    assert world.expert.name in event.note and "服务站 3/3" in event.note
    assert_open_assignments_in_step(world.expert, world.second_expert)


def test_a_second_run_changes_nothing(world):
    ticket = ticket_in(Status.TRIAGED, world)
    ticket_auto_assign(ticket_id=ticket.pk)
    assert ticket_auto_assign(ticket_id=ticket.pk) is None
    assert events(ticket, EventAction.ASSIGN).count() == 1
    assert sum(Expert.objects.values_list("open_assignments", flat=True)) == 1


def test_triage_dispatches_the_assignment_after_commit(world, django_capture_on_commit_callbacks):
    ticket = ticket_in(Status.SUBMITTED, world)
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_triage(ticket=ticket, actor=world.staff)
    ticket.refresh_from_db()
    assert ticket.status == Status.ASSIGNED


def test_a_declined_request_goes_to_someone_else(world, django_capture_on_commit_callbacks):
    only_expert(world, world.expert)
    Expert.objects.filter(pk=world.second_expert.pk).update(is_available=True)
    ticket = walk(ticket_in(Status.TRIAGED, world), world, ["assign"])
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="出差")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.ASSIGNED, world.second_expert)
    assert_open_assignments_in_step(world.expert, world.second_expert)


def test_nobody_eligible_escalates_once_and_tells_the_managers(world):
    Expert.objects.update(is_available=False)
    ticket = ticket_in(Status.TRIAGED, world)
    assert ticket_auto_assign(ticket_id=ticket.pk) is None
    assert ticket_auto_assign(ticket_id=ticket.pk) is None
    ticket.refresh_from_db()
    assert ticket.status == Status.TRIAGED
    escalation = events(ticket, EventAction.ESCALATE).get()
    assert (escalation.from_status, escalation.to_status) == (Status.TRIAGED, Status.TRIAGED)
    told = Notification.objects.filter(event=escalation).values_list("recipient", flat=True)
    assert list(told) == [world.manager.pk]


def test_a_long_wait_moves_the_request_up_to_the_parent_station(world, settings):
    hub = StationFactory(code="hub", region_code="420100")
    world.station.parent = hub
    world.station.save()
    Expert.objects.update(is_available=False)
    ticket = ticket_in(Status.TRIAGED, world)
    later = timezone.now() + settings.ASSIGNMENT_ESCALATE_AFTER + datetime.timedelta(minutes=1)
    ticket_auto_assign(ticket_id=ticket.pk, now=later)
    ticket.refresh_from_db()
    assert (ticket.station, ticket.status) == (hub, Status.TRIAGED)
    assert hub.name in events(ticket, EventAction.ESCALATE).get().note


def test_a_new_wait_after_a_decline_may_escalate_again(world):
    ticket = walk(ticket_in(Status.TRIAGED, world), world, ["assign"])
    Expert.objects.update(is_available=False)
    ticket_auto_assign(ticket_id=ticket.pk)  # not waiting: nothing happens
    services.ticket_decline(ticket=ticket, actor=world.expert.user, reason="出差")
    ticket_auto_assign(ticket_id=ticket.pk)
    assert events(ticket, EventAction.ESCALATE).count() == 1


class TestSweeper:
    def test_requests_waiting_past_the_threshold_are_dispatched_again(self, world, settings):
        ticket = ticket_in(Status.TRIAGED, world)
        now = timezone.now()
        assert list(waiting_tickets_to_dispatch(now)) == []
        later = now + settings.ASSIGNMENT_SWEEP_AFTER + datetime.timedelta(seconds=1)
        assert list(waiting_tickets_to_dispatch(later)) == [ticket.pk]

    def test_the_sweeper_assigns_once_capacity_frees_up(self, world, settings):
        settings.ASSIGNMENT_SWEEP_AFTER = datetime.timedelta(0)
        Expert.objects.update(is_available=False)
        ticket = ticket_in(Status.TRIAGED, world)
        ticket_auto_assign(ticket_id=ticket.pk)  # nobody: waits
        Expert.objects.filter(pk=world.expert.pk).update(is_available=True)
        assert sweep_waiting_tickets.delay().get() == 1
        ticket.refresh_from_db()
        assert ticket.assigned_expert == world.expert

    def test_requests_that_failed_too_often_are_left_to_the_staff(self, world, settings):
        settings.ASSIGNMENT_SWEEP_AFTER = datetime.timedelta(0)
        ticket = ticket_in(Status.TRIAGED, world)
        Ticket.objects.filter(pk=ticket.pk).update(
            assignment_attempts=settings.ASSIGNMENT_MAX_ATTEMPTS
        )
        assert list(waiting_tickets_to_dispatch(timezone.now())) == []


def test_transient_errors_are_retried_up_to_the_cap_kept_in_the_database(
    world, settings, monkeypatch
):
    ticket = ticket_in(Status.TRIAGED, world)
    calls = []

    def broken(**kwargs):
        calls.append(kwargs)
        raise OperationalError("connection reset")

    monkeypatch.setattr(auto_assignment, "ticket_auto_assign", broken)
    # Eager retries run inside apply() only when errors don't propagate, as in
    # the embedded mode (the autouse fixture restores propagation).
    celery_app.conf.task_eager_propagates = False
    assign_ticket.apply(args=[ticket.pk])
    ticket.refresh_from_db()
    assert ticket.assignment_attempts == settings.ASSIGNMENT_MAX_ATTEMPTS
    assert len(calls) == settings.ASSIGNMENT_MAX_ATTEMPTS
    assert ticket.status == Status.TRIAGED
    assign_ticket.apply(args=[ticket.pk])  # a duplicate of the last delivery
    alert = Notification.objects.get(ticket=ticket, event=None)
    assert alert.recipient == world.manager  # the managers hear it once, the staff don't
    assert ticket.reference in alert.title and "派单" in alert.title


def test_a_clean_check_forgets_earlier_failed_attempts(world):
    Expert.objects.update(is_available=False)  # nobody eligible: the request keeps waiting
    ticket = ticket_in(Status.TRIAGED, world)
    Ticket.objects.filter(pk=ticket.pk).update(assignment_attempts=3)

    assign_ticket.apply(args=[ticket.pk]).get()

    ticket.refresh_from_db()
    assert (ticket.status, ticket.assignment_attempts) == (Status.TRIAGED, 0)


def test_other_errors_are_not_retried(world, monkeypatch):
    ticket = ticket_in(Status.TRIAGED, world)
    monkeypatch.setattr(
        auto_assignment, "ticket_auto_assign", lambda **kwargs: (_ for _ in ()).throw(KeyError)
    )
    with pytest.raises(KeyError):
        assign_ticket.apply(args=[ticket.pk]).get()
    ticket.refresh_from_db()
    assert ticket.assignment_attempts == 0


class TestPeriodic:
    def test_overdue_requests_get_one_overdue_event(self, world):
        ticket = ticket_in(Status.TRIAGED, world)
        closed = ticket_in(Status.CLOSED, world)
        later = ticket.due_at + datetime.timedelta(minutes=1)
        assert tickets_mark_overdue(later) == 1
        assert tickets_mark_overdue(later) == 0
        overdue = events(ticket, EventAction.OVERDUE).get()
        assert overdue.to_status == Status.TRIAGED
        assert not events(closed, EventAction.OVERDUE).exists()

    def test_a_request_waiting_for_information_is_not_overdue(self, world):
        ticket = ticket_in(Status.AWAITING_INFO, world)
        assert tickets_mark_overdue(ticket.due_at + datetime.timedelta(days=30)) == 0
        assert not events(ticket, EventAction.OVERDUE).exists()

    def test_requests_left_resolved_close_after_the_configured_days(self, world, settings):
        ticket = ticket_in(Status.RESOLVED, world)
        ticket.refresh_from_db()
        assert tickets_auto_close(ticket.resolved_at + datetime.timedelta(days=6)) == 0
        after = ticket.resolved_at + settings.AUTO_CLOSE_AFTER + datetime.timedelta(minutes=1)
        assert tickets_auto_close(after) == 1
        ticket.refresh_from_db()
        assert (ticket.status, ticket.closed_at) == (Status.CLOSED, after)
        event = events(ticket, EventAction.AUTO_CLOSE).get()
        assert (event.from_status, event.to_status, event.actor) == (
            Status.RESOLVED,
            Status.CLOSED,
            None,
        )


@pytest.mark.postgres
def test_an_expert_locked_by_another_worker_is_skipped(transactional_db):
    world = build_world()
    Expert.objects.update(is_available=False)
    ticket = ticket_in(Status.TRIAGED, world)  # waits: nobody available yet
    Expert.objects.filter(pk__in=[world.expert.pk, world.second_expert.pk]).update(
        is_available=True
    )
    best, other = sorted([world.expert, world.second_expert], key=lambda e: e.pk)
    locked, release = threading.Event(), threading.Event()

    def hold_lock():
        with transaction.atomic():
            Expert.objects.select_for_update().get(pk=best.pk)
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    locked.wait(10)
    try:
        assigned = ticket_auto_assign(ticket_id=ticket.pk)
    finally:
        release.set()
        holder.join()
    assert assigned.assigned_expert == other


def test_a_busy_expert_is_passed_over_for_a_free_one(world):
    ExpertFactory(capacity=0, specialties=["metrology"])  # eligible by specialty, never free
    ticket = file_ticket(world)
    services.ticket_triage(ticket=ticket, actor=None)
    assert ticket_auto_assign(ticket_id=ticket.pk).assigned_expert in {
        world.expert,
        world.second_expert,
        world.other_expert,
    }


def test_an_answer_back_to_triage_dispatches_the_assignment(
    world, django_capture_on_commit_callbacks
):
    Expert.objects.update(is_available=False)
    ticket = ticket_in(Status.TRIAGED, world)
    services.ticket_request_info(ticket=ticket, actor=world.staff, question="请补充检测报告。")
    Expert.objects.filter(pk=world.expert.pk).update(is_available=True)
    with django_capture_on_commit_callbacks(execute=True):
        services.ticket_provide_info(ticket=ticket, actor=world.owner, answer="已上传。")
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.ASSIGNED, world.expert)
