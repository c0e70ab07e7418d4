"""Every (status, action, role): the allowed moves succeed with one event, the rest
answer 404, 403 or 409 in API.md's order and change nothing."""

import copy

import pytest

from requests_app.choices import Status
from requests_app.models import Ticket
from requests_app.transitions import TRANSITIONS, Party
from tests.conftest import built_once
from tests.requests_app.helpers import (
    assert_open_assignments_in_step,
    build_world,
    client_for,
    ticket_in,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def network_and_requests(django_db_setup, django_db_blocker):
    """The network and a request brought to each status, built once for the module."""

    def build():
        world = build_world()
        return world, {status: ticket_in(status, world) for status in Status.values}

    with built_once(django_db_blocker, build) as built:
        yield built


@pytest.fixture
def copied(network_and_requests, db):
    """Fresh instances of the module's rows for one case, as ``setUpTestData`` gives them.

    A case changes its request in its own savepoint, rolled back after it.
    """
    return copy.deepcopy(network_and_requests)


@pytest.fixture
def world(copied):
    return copied[0]


@pytest.fixture
def requests_by_status(copied):
    return copied[1]


ROLE_PARTY = {
    "enterprise": Party.ENTERPRISE,
    "station_staff": Party.STATION,
    "station_manager": Party.STATION,
    "expert": Party.EXPERT,
    "supervisor": None,
    "admin": Party.ADMIN,
}
# The expert of the fixtures is assigned on the way to these statuses only.
STATUSES_SEEN_BY_EXPERT = {
    Status.ASSIGNED,
    Status.IN_PROGRESS,
    Status.AWAITING_INFO,
    Status.RESOLVED,
    Status.CLOSED,
}
BAD_ACTORS = ["other_enterprise", "other_station_staff", "other_expert", "foreign_supervisor"]


def valid_body(action, world):
    return {
        "triage": {"urgency": "high", "note": "属实，予以受理。"},
        "transfer": {"station": world.other_station.pk, "reason": "属市级中心业务范围。"},
        "assign": {"expert": world.second_expert.pk},
        "accept": {},
        "decline": {"reason": "本周出差。"},
        "resolve": {"resolution": "已现场校准。", "losses_avoided": "1200.50"},
        "confirm": {"rating": 5, "feedback": "很及时。"},
        "reopen": {"reason": "偏差再次出现。"},
        "request_info": {"question": "请补充最近一次检定证书。"},
        "provide_info": {"answer": "证书编号 JD-2026-001。"},
        "reject": {"reason": "不属于质量问题。"},
        "cancel": {"reason": "已自行解决。"},
    }[action]


def expected_outcome(status, action, role):
    transition = TRANSITIONS[action]
    if role == "expert" and status not in STATUSES_SEEN_BY_EXPERT:
        return 404
    if ROLE_PARTY[role] not in transition.parties_from(status):
        return 403
    if status not in transition.sources:
        return 409
    return 200


def snapshot(ticket, world):
    ticket.refresh_from_db()
    experts = [world.expert, world.second_expert]
    for expert in experts:
        expert.refresh_from_db()
    return (
        ticket.status,
        ticket.updated_at,
        ticket.events.count(),
        [e.open_assignments for e in experts],
    )


MATRIX = [
    (status, action, role)
    for status in Status.values
    for action in TRANSITIONS
    for role in ROLE_PARTY
]


@pytest.mark.parametrize(("status", "action", "role"), MATRIX)
def test_action_by_role_from_status_follows_the_transition_table(
    world, requests_by_status, status, action, role
):
    ticket = requests_by_status[status]
    user = world.user(role)
    before = snapshot(ticket, world)

    response = client_for(user).post(
        f"/api/v1/tickets/{ticket.pk}/{action}/", valid_body(action, world), format="json"
    )

    expected = expected_outcome(status, action, role)
    assert response.status_code == expected, response.data
    if expected != 200:
        assert snapshot(ticket, world) == before
        return
    target = TRANSITIONS[action].targets[0]
    assert response.data["status"] == target
    new_events = list(Ticket.objects.get(pk=ticket.pk).events.all()[before[2] :])
    assert [(e.action, e.from_status, e.to_status, e.actor) for e in new_events] == [
        (action, status, target, user)
    ]
    assert_open_assignments_in_step(world.expert, world.second_expert)


@pytest.mark.parametrize("status", Status.values)
def test_impossible_action_answers_409_listing_what_the_status_allows(
    world, requests_by_status, status
):
    ticket = requests_by_status[status]
    # An action the admin may take, impossible from here.
    action = next(a for a in ["cancel", "assign", "triage"] if status not in TRANSITIONS[a].sources)

    response = client_for(world.admin).post(f"/api/v1/tickets/{ticket.pk}/{action}/", {})

    assert response.status_code == 409
    assert response.data["code"] == "invalid_transition"
    assert response.data["status"] == status
    assert response.data["allowed"] == [
        name for name, t in TRANSITIONS.items() if status in t.sources
    ]
    assert response.data["detail"]


@pytest.mark.parametrize(
    ("status", "allowed"),
    [
        (Status.SUBMITTED, ["triage", "transfer", "reject", "cancel"]),
        (Status.IN_PROGRESS, ["resolve", "request_info"]),
        (Status.AWAITING_INFO, ["provide_info"]),
        (Status.RESOLVED, ["confirm", "reopen"]),
        (Status.CLOSED, []),
    ],
)
def test_409_lists_the_actions_of_the_contract(world, requests_by_status, status, allowed):
    ticket = requests_by_status[status]

    response = client_for(world.admin).post(f"/api/v1/tickets/{ticket.pk}/assign/", {})

    assert response.status_code == 409
    assert response.data["allowed"] == allowed


@pytest.mark.parametrize("action", list(TRANSITIONS))
@pytest.mark.parametrize("bad_actor", BAD_ACTORS)
def test_action_on_a_request_out_of_scope_is_404_and_changes_nothing(
    world, requests_by_status, action, bad_actor
):
    ticket = requests_by_status[Status.IN_PROGRESS]
    before = snapshot(ticket, world)

    response = client_for(world.user(bad_actor)).post(
        f"/api/v1/tickets/{ticket.pk}/{action}/", valid_body(action, world), format="json"
    )

    assert response.status_code == 404
    assert snapshot(ticket, world) == before


@pytest.mark.parametrize("action", list(TRANSITIONS))
def test_anonymous_action_is_401_with_token_challenge(requests_by_status, action):
    ticket = requests_by_status[Status.SUBMITTED]

    response = client_for(None).post(f"/api/v1/tickets/{ticket.pk}/{action}/", {})

    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")
    assert ticket.events.count() == 1


def test_body_is_checked_after_the_status(world, requests_by_status):
    ticket = requests_by_status[Status.CLOSED]
    response = client_for(world.owner).post(f"/api/v1/tickets/{ticket.pk}/reopen/", {})
    assert response.status_code == 409


def test_unknown_action_is_404(world, requests_by_status):
    ticket = requests_by_status[Status.SUBMITTED]
    response = client_for(world.admin).post(f"/api/v1/tickets/{ticket.pk}/approve/", {})
    assert response.status_code == 404


def test_the_schema_documents_one_endpoint_per_action_with_its_body(client):
    schema = client.get("/api/schema/?format=json").json()
    for name in TRANSITIONS:
        operation = schema["paths"][f"/api/v1/tickets/{{id}}/{name}/"]["post"]
        assert operation["responses"]["200"], name
    reject = schema["paths"]["/api/v1/tickets/{id}/reject/"]["post"]["requestBody"]
    assert reject["content"]["application/json"]["schema"]["$ref"].endswith("ReasonBodyRequest")
