"""POST /api/v1/tickets/: who may file, for which enterprise, where it goes, when it is due."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from notifications.models import Notification
from requests_app import deadlines
from requests_app.api.permissions import FilingThrottle
from requests_app.choices import Category, Status
from requests_app.models import Ticket
from tests.factories import EnterpriseMembershipFactory, StationFactory
from tests.requests_app.helpers import client_for, token_client

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/"


def body(**overrides):
    return {
        "title": "出口检测报告不被认可",
        "description": "客户要求提供 CNAS 认可实验室出具的检测报告。",
        "category": Category.INSPECTION,
        **overrides,
    }


def test_filing_routes_the_request_and_writes_the_first_event(world):
    response = client_for(world.owner).post(URL, body(urgency="high"), format="json")

    assert response.status_code == 201, response.data
    data = response.data
    assert data["status"] == Status.SUBMITTED
    assert data["enterprise"] == world.enterprise.pk
    assert data["station"] == world.station.pk  # same district as the enterprise
    assert data["assigned_expert"] is None
    assert data["urgency"] == "high"
    assert data["reference"].startswith("WH-DAIJIASHAN-")
    assert data["status_label"] == "已提交"
    ticket = Ticket.objects.get(pk=data["id"])
    assert ticket.filed_by == world.owner
    assert ticket.due_at == deadlines.due_at(ticket.created_at, "high")
    assert [(e.action, e.from_status, e.to_status, e.actor) for e in ticket.events.all()] == [
        ("file", None, Status.SUBMITTED, world.owner)
    ]


def test_filing_at_a_chosen_station(world):
    response = client_for(world.owner).post(
        URL, body(station=world.other_station.pk), format="json"
    )
    assert response.status_code == 201
    assert response.data["station"] == world.other_station.pk


def test_enterprise_may_be_omitted_when_the_user_belongs_to_one(world):
    response = client_for(world.owner).post(URL, body(), format="json")
    assert response.status_code == 201


def test_omitting_the_enterprise_while_belonging_to_several_is_400(world):
    EnterpriseMembershipFactory(user=world.owner)

    response = client_for(world.owner).post(URL, body(), format="json")

    assert response.status_code == 400
    assert "enterprise" in response.data
    assert not Ticket.objects.exists()


def test_naming_one_of_several_enterprises_files_for_it(world):
    second = EnterpriseMembershipFactory(user=world.owner).enterprise

    response = client_for(world.owner).post(URL, body(enterprise=second.pk), format="json")

    assert response.status_code == 201
    assert response.data["enterprise"] == second.pk


@pytest.mark.parametrize("enterprise", ["foreign", 999999], ids=["foreign", "missing"])
def test_filing_for_an_enterprise_the_user_does_not_belong_to_is_400(world, enterprise):
    foreign = world.other_enterprise_member.enterprise_memberships.get().enterprise
    enterprise_id = foreign.pk if enterprise == "foreign" else enterprise

    response = client_for(world.owner).post(URL, body(enterprise=enterprise_id), format="json")

    assert response.status_code == 400
    # The same words whether it exists or not: filing does not reveal other enterprises.
    assert response.data["enterprise"] == ["您不是该企业的成员。"]
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    "station_kwargs",
    [{"is_active": False}, {"services": [Category.BRAND]}],
    ids=["inactive", "not-offering-the-category"],
)
def test_filing_at_a_station_that_cannot_take_it_is_400(world, station_kwargs):
    station = StationFactory(**station_kwargs)

    response = client_for(world.owner).post(URL, body(station=station.pk), format="json")

    assert response.status_code == 400
    assert "station" in response.data
    assert not Ticket.objects.exists()


def test_filing_when_no_station_offers_the_category_is_400(world):
    for station in (world.station, world.other_station):
        station.services.filter(category=Category.BRAND).delete()

    response = client_for(world.owner).post(URL, body(category=Category.BRAND), format="json")

    assert response.status_code == 400
    assert "category" in response.data


@pytest.mark.parametrize(
    ("field", "value"),
    [("title", ""), ("description", ""), ("category", "chemistry"), ("urgency", "asap")],
)
def test_filing_with_a_bad_field_is_400(world, field, value):
    response = client_for(world.owner).post(URL, body(**{field: value}), format="json")
    assert response.status_code == 400
    assert field in response.data


@pytest.mark.parametrize("role", ["expert", "supervisor"])
def test_users_outside_enterprises_and_stations_may_not_file(world, role):
    response = client_for(world.user(role)).post(URL, body(), format="json")
    assert response.status_code == 403
    assert not Ticket.objects.exists()


def test_anonymous_filing_is_401(world):
    response = APIClient().post(URL, body(), format="json")
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Token")


def test_filing_is_throttled_by_the_filing_rate(world, monkeypatch):
    monkeypatch.setitem(FilingThrottle.THROTTLE_RATES, "filing", "2/hour")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world.owner).key}")

    codes = [client.post(URL, body(), format="json").status_code for _ in range(3)]

    assert codes == [201, 201, 429]
    assert client.get(URL).status_code == 200  # reading is not throttled by it


def test_filing_by_token_costs_a_fixed_number_of_queries(world):
    client = token_client(world.owner)
    # The first filing reads the calendar's entered days of the due date's years,
    # which each process then keeps for a minute (workcalendar.days).
    assert client.post(URL, body(), format="json").status_code == 201

    with CaptureQueriesContext(connection) as queries:
        response = client.post(URL, body(), format="json")

    assert response.status_code == 201, response.data
    statements = [q["sql"] for q in queries.captured_queries if "SAVEPOINT" not in q["sql"]]
    # token with caller; the enterprise; the route (one station is closest: no backlog
    # counted); the day's reference counter, created or counted on in one statement; the
    # request; its event; the station's active staff; their notifications
    assert len(statements) == 8, statements


def test_filing_where_nobody_is_to_be_told_queues_no_email_dispatch(
    world, django_capture_on_commit_callbacks
):
    unstaffed = StationFactory(code="wh-unstaffed", region_code="420102")

    with django_capture_on_commit_callbacks() as callbacks:
        response = client_for(world.owner).post(URL, body(station=unstaffed.pk), format="json")

    assert response.status_code == 201, response.data
    assert not Notification.objects.filter(ticket_id=response.data["id"]).exists()
    assert len(callbacks) == 1  # the statistics recount only
