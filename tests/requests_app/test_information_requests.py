"""Information requests (补正): where they lead, the paused SLA clock, events and notices."""

import datetime
import zoneinfo

import pytest

from notifications.models import Notification
from requests_app import services
from requests_app.choices import Status, Urgency
from tests.factories import TicketFactory
from tests.requests_app.helpers import (
    assert_open_assignments_in_step,
    client_for,
    file_ticket,
    ticket_in,
    walk,
)

pytestmark = pytest.mark.django_db

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
FILED = datetime.datetime(2026, 9, 25, 10, 0, tzinfo=SHANGHAI)  # a Friday; due 10-09 17:30
# 中秋 (Friday 09-25) and the weekend are days off: pauses then cost no office time.
MONDAY = datetime.datetime(2026, 9, 28, 10, 0, tzinfo=SHANGHAI)
HOURS = datetime.timedelta(hours=1)


def in_progress_since_filing(world):
    ticket = walk(file_ticket(world, at=FILED), world, ["triage", "assign", "accept"])
    assert ticket.due_at == datetime.datetime(2026, 10, 9, 17, 30, tzinfo=SHANGHAI)
    return ticket


def test_the_expert_asks_and_the_enterprise_answers_back_to_work(world):
    ticket = in_progress_since_filing(world)

    ticket = services.ticket_request_info(
        ticket=ticket, actor=world.expert.user, question="请提供检定证书。", at=FILED + 24 * HOURS
    )
    assert (ticket.status, ticket.info_requested_from) == (Status.AWAITING_INFO, "in_progress")
    assert_open_assignments_in_step(world.expert)  # a waiting request holds no slot

    ticket = services.ticket_provide_info(
        ticket=ticket, actor=world.owner, answer="证书已上传。", at=FILED + 75 * HOURS
    )

    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert) == (Status.IN_PROGRESS, world.expert)
    assert_open_assignments_in_step(world.expert)
    # Saturday 10:00 to Monday 13:00: only Monday 08:30-13:00 is office time.
    assert ticket.paused_total == 4.5 * HOURS
    # The due date moves later by that much office time: past Friday 10-09's
    # close to Saturday 10-10, a make-up working day (调休).
    assert ticket.due_at == datetime.datetime(2026, 10, 10, 13, 0, tzinfo=SHANGHAI)
    assert (ticket.info_requested_from, ticket.paused_since) == ("", None)
    assert [(e.action, e.from_status, e.to_status, e.note) for e in ticket.events.order_by("id")][
        -2:
    ] == [
        ("request_info", "in_progress", "awaiting_info", "请提供检定证书。"),
        ("provide_info", "awaiting_info", "in_progress", "证书已上传。"),
    ]


def test_two_pauses_add_up(world):
    ticket = in_progress_since_filing(world)
    for start in (1, 24):  # Monday 11:00-13:00 and Tuesday 10:00-12:00
        ticket = services.ticket_request_info(
            ticket=ticket, actor=world.expert.user, question="？", at=MONDAY + start * HOURS
        )
        ticket = services.ticket_provide_info(
            ticket=ticket, actor=world.owner, answer="！", at=MONDAY + (start + 2) * HOURS
        )
    assert ticket.paused_total == 4 * HOURS
    assert ticket.due_at == datetime.datetime(2026, 10, 10, 12, 30, tzinfo=SHANGHAI)


def test_the_station_asks_while_triaged_and_the_answer_returns_to_triage(world):
    ticket = walk(file_ticket(world, at=FILED), world, ["triage"])

    ticket = services.ticket_request_info(
        ticket=ticket, actor=world.staff, question="请说明型号。", at=MONDAY + HOURS
    )
    ticket = services.ticket_provide_info(
        ticket=ticket, actor=world.owner, answer="ACS-30。", at=MONDAY + 3 * HOURS
    )

    assert (ticket.status, ticket.assigned_expert) == (Status.TRIAGED, None)
    assert ticket.due_at == datetime.datetime(2026, 10, 10, 10, 30, tzinfo=SHANGHAI)


def test_triage_recomputing_the_due_date_keeps_the_time_already_paused(world):
    ticket = walk(file_ticket(world, at=FILED, urgency=Urgency.LOW), world, ["triage"])
    ticket = services.ticket_request_info(
        ticket=ticket, actor=world.staff, question="？", at=MONDAY
    )
    ticket = services.ticket_provide_info(
        ticket=ticket, actor=world.owner, answer="！", at=MONDAY + 5 * HOURS
    )
    ticket = services.ticket_transfer(
        ticket=ticket, actor=world.staff, station=world.other_station, reason="属市级中心。"
    )

    ticket = services.ticket_triage(ticket=ticket, actor=world.other_staff, urgency=Urgency.HIGH)

    # High urgency: the close of Tuesday 09-29, two working days after Friday
    # 09-25, plus the five office hours paused: Wednesday 09-30 13:30.
    assert ticket.due_at == datetime.datetime(2026, 9, 30, 13, 30, tzinfo=SHANGHAI)


def test_an_expert_full_by_the_answer_sends_the_request_back_to_triage(world):
    ticket = ticket_in(Status.AWAITING_INFO, world)
    world.expert.capacity = 1
    world.expert.save(update_fields=["capacity"])
    walk(file_ticket(world), world, ["triage", "assign"])  # the expert's one slot

    ticket = services.ticket_provide_info(ticket=ticket, actor=world.owner, answer="已补充。")

    assert (ticket.status, ticket.assigned_expert) == (Status.TRIAGED, None)
    assert ticket.events.last().to_status == Status.TRIAGED
    assert_open_assignments_in_step(world.expert)


def test_a_request_asked_in_time_is_not_overdue_while_it_waits(world):
    ticket = in_progress_since_filing(world)  # due 2026-10-09, long past
    client = client_for(world.staff)
    assert client.get(f"/api/v1/tickets/{ticket.pk}/").data["is_overdue"] is True

    # Asked an hour after filing: the clock stopped well before the due date.
    services.ticket_request_info(
        ticket=ticket, actor=world.expert.user, question="？", at=FILED + HOURS
    )

    assert client.get(f"/api/v1/tickets/{ticket.pk}/").data["is_overdue"] is False
    assert client.get("/api/v1/tickets/?overdue=true").data["results"] == []
    assert [t["id"] for t in client.get("/api/v1/tickets/?overdue=false").data["results"]] == [
        ticket.pk
    ]


def test_a_request_asked_after_its_due_date_stays_overdue_while_it_waits(world):
    ticket = in_progress_since_filing(world)
    services.ticket_request_info(ticket=ticket, actor=world.expert.user, question="？")
    client = client_for(world.staff)
    assert client.get(f"/api/v1/tickets/{ticket.pk}/").data["is_overdue"] is True
    assert [t["id"] for t in client.get("/api/v1/tickets/?overdue=true").data["results"]] == [
        ticket.pk
    ]


def test_the_ticket_shows_the_time_paused(world):
    ticket = in_progress_since_filing(world)
    ticket = services.ticket_request_info(
        ticket=ticket, actor=world.expert.user, question="？", at=MONDAY + HOURS
    )
    data = client_for(world.owner).get(f"/api/v1/tickets/{ticket.pk}/").data
    assert (data["paused_since"], data["paused_seconds"]) == ("2026-09-28T11:00:00+08:00", 0)

    services.ticket_provide_info(
        ticket=ticket, actor=world.owner, answer="！", at=MONDAY + 2 * HOURS
    )

    data = client_for(world.owner).get(f"/api/v1/tickets/{ticket.pk}/").data
    assert (data["paused_since"], data["paused_seconds"]) == (None, 3600)


def test_the_question_reaches_the_enterprise_and_the_answer_the_desk(world):
    ticket = ticket_in(Status.IN_PROGRESS, world)
    Notification.objects.all().delete()
    services.ticket_request_info(ticket=ticket, actor=world.expert.user, question="请提供照片。")
    assert {(n.recipient, n.body) for n in Notification.objects.all()} == {
        (world.owner, "请提供照片。")
    }

    Notification.objects.all().delete()
    services.ticket_provide_info(ticket=ticket, actor=world.owner, answer="照片已上传。")
    assert {n.recipient for n in Notification.objects.all()} == {
        world.expert.user,
        world.staff,
        world.manager,
    }


@pytest.mark.parametrize(
    ("status", "action", "body"),
    [
        (Status.IN_PROGRESS, "request_info", {}),
        (Status.IN_PROGRESS, "request_info", {"question": ""}),
        (Status.IN_PROGRESS, "request_info", {"question": "问" * 2001}),
        (Status.AWAITING_INFO, "provide_info", {}),
        (Status.AWAITING_INFO, "provide_info", {"answer": "  "}),
    ],
)
def test_a_bad_body_is_400_and_changes_nothing(world, status, action, body):
    ticket = ticket_in(status, world)
    actor = world.expert.user if action == "request_info" else world.owner
    before = (ticket.status, ticket.due_at, ticket.events.count())

    response = client_for(actor).post(f"/api/v1/tickets/{ticket.pk}/{action}/", body, format="json")

    assert response.status_code == 400
    assert set(response.data) == {"question" if action == "request_info" else "answer"}
    ticket.refresh_from_db()
    assert (ticket.status, ticket.due_at, ticket.events.count()) == before


def test_a_row_loaded_without_its_pause_is_answered_back_to_triage(world):
    ticket = TicketFactory(
        enterprise=world.enterprise, station=world.station, status=Status.AWAITING_INFO
    )
    due = ticket.due_at

    ticket = services.ticket_provide_info(ticket=ticket, actor=world.owner, answer="已补充。")

    assert (ticket.status, ticket.due_at, ticket.paused_total) == (
        Status.TRIAGED,
        due,
        datetime.timedelta(0),
    )
