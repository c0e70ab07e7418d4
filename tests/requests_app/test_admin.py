"""The admin changes a request's status only through the lifecycle services."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from requests_app.choices import Status
from requests_app.models import Ticket
from tests.requests_app.helpers import ticket_in

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/requests_app/ticket/"


@pytest.fixture
def admin_client(client, world):
    client.force_login(world.admin)
    return client


def run_action(client, action, tickets, **fields):
    data = {"action": action, ACTION_CHECKBOX_NAME: [t.pk for t in tickets], "apply": "1"}
    return client.post(CHANGELIST, {**data, **fields}, follow=True)


@pytest.mark.parametrize(
    ("action", "status", "fields", "target"),
    [
        ("triage_selected", Status.SUBMITTED, {"urgency": "high"}, Status.TRIAGED),
        ("assign_selected", Status.TRIAGED, "second_expert", Status.ASSIGNED),
        ("reject_selected", Status.TRIAGED, {"reason": "不属于受理范围"}, Status.REJECTED),
        ("cancel_selected", Status.ASSIGNED, {}, Status.CANCELLED),
        ("transfer_selected", Status.SUBMITTED, "other_station", Status.SUBMITTED),
    ],
)
def test_admin_action_moves_the_request_through_the_service(
    admin_client, world, action, status, fields, target
):
    ticket = ticket_in(status, world)
    if fields == "second_expert":
        fields = {"expert": world.second_expert.pk}
    elif fields == "other_station":
        fields = {"station": world.other_station.pk, "reason": "转市级中心"}

    response = run_action(admin_client, action, [ticket], **fields)

    assert response.status_code == 200
    ticket.refresh_from_db()
    assert ticket.status == target
    event = ticket.events.last()
    assert (event.action, event.from_status, event.actor) == (
        action.removesuffix("_selected"),
        status,
        world.admin,
    )


def test_admin_action_asks_for_the_input_first(admin_client, world):
    ticket = ticket_in(Status.SUBMITTED, world)

    response = admin_client.post(
        CHANGELIST, {"action": "reject_selected", ACTION_CHECKBOX_NAME: [ticket.pk]}
    )

    assert response.status_code == 200
    assert "admin/requests_app/ticket/transition.html" in [t.name for t in response.templates]
    ticket.refresh_from_db()
    assert ticket.status == Status.SUBMITTED


def test_admin_action_reports_requests_it_could_not_move(admin_client, world):
    closed = ticket_in(Status.CLOSED, world)
    submitted = ticket_in(Status.SUBMITTED, world)

    response = run_action(admin_client, "triage_selected", [closed, submitted])

    rendered = response.content.decode()
    assert closed.reference in rendered
    assert Ticket.objects.get(pk=closed.pk).status == Status.CLOSED
    assert Ticket.objects.get(pk=submitted.pk).status == Status.TRIAGED


def test_status_cannot_be_edited_in_the_change_form(admin_client, world):
    ticket = ticket_in(Status.SUBMITTED, world)

    admin_client.post(
        f"{CHANGELIST}{ticket.pk}/change/",
        {"status": Status.CLOSED, "title": "改过的标题", "events-TOTAL_FORMS": "0"},
    )

    ticket.refresh_from_db()
    assert (ticket.status, ticket.title) == (Status.SUBMITTED, "电子秤示值偏差")
    assert ticket.events.count() == 1
