"""Bad bodies on every action: 400 on the field concerned, and nothing changes."""

import pytest

from requests_app.choices import Category, Status
from requests_app.models import TicketDecline
from service_stations.models import Expert
from tests.factories import ExpertFactory, StationFactory
from tests.requests_app.helpers import client_for, ticket_in

pytestmark = pytest.mark.django_db

TOO_LONG = "长" * 2001


def state(ticket):
    ticket.refresh_from_db()
    return (ticket.status, ticket.updated_at, ticket.events.count(), ticket.assigned_expert_id)


def post(world, role, ticket, action, body):
    return client_for(world.user(role)).post(
        f"/api/v1/tickets/{ticket.pk}/{action}/", body, format="json"
    )


@pytest.mark.parametrize(
    ("action", "status", "role", "body", "field"),
    [
        ("triage", Status.SUBMITTED, "station_staff", {"category": "chemistry"}, "category"),
        ("triage", Status.SUBMITTED, "station_staff", {"urgency": "urgent"}, "urgency"),
        ("triage", Status.SUBMITTED, "station_staff", {"note": TOO_LONG}, "note"),
        ("transfer", Status.SUBMITTED, "station_staff", {"reason": "转市级"}, "station"),
        (
            "transfer",
            Status.TRIAGED,
            "station_staff",
            {"station": 999999, "reason": "x"},
            "station",
        ),
        ("transfer", Status.SUBMITTED, "station_manager", {"station": "other"}, "reason"),
        ("assign", Status.TRIAGED, "station_staff", {}, "expert"),
        ("assign", Status.TRIAGED, "station_staff", {"expert": 999999}, "expert"),
        ("assign", Status.ASSIGNED, "station_staff", {"expert": "expert"}, "expert"),
        ("decline", Status.ASSIGNED, "expert", {}, "reason"),
        ("decline", Status.ASSIGNED, "expert", {"reason": "   "}, "reason"),
        ("decline", Status.ASSIGNED, "expert", {"reason": TOO_LONG}, "reason"),
        ("resolve", Status.IN_PROGRESS, "expert", {}, "resolution"),
        ("resolve", Status.IN_PROGRESS, "expert", {"resolution": ""}, "resolution"),
        (
            "resolve",
            Status.IN_PROGRESS,
            "expert",
            {"resolution": "已校准", "losses_avoided": "-1"},
            "losses_avoided",
        ),
        (
            "resolve",
            Status.IN_PROGRESS,
            "expert",
            {"resolution": "已校准", "losses_avoided": "12.345"},
            "losses_avoided",
        ),
        (
            "resolve",
            Status.IN_PROGRESS,
            "expert",
            {"resolution": "已校准", "losses_avoided": "很多"},
            "losses_avoided",
        ),
        ("confirm", Status.RESOLVED, "enterprise", {}, "rating"),
        ("confirm", Status.RESOLVED, "enterprise", {"rating": 0}, "rating"),
        ("confirm", Status.RESOLVED, "enterprise", {"rating": 6}, "rating"),
        ("confirm", Status.RESOLVED, "enterprise", {"rating": 4.5}, "rating"),
        ("confirm", Status.RESOLVED, "enterprise", {"rating": "good"}, "rating"),
        ("confirm", Status.RESOLVED, "enterprise", {"rating": 5, "feedback": TOO_LONG}, "feedback"),
        ("reopen", Status.RESOLVED, "enterprise", {}, "reason"),
        ("reject", Status.SUBMITTED, "station_staff", {"reason": ""}, "reason"),
        ("reject", Status.TRIAGED, "station_manager", {}, "reason"),
        ("cancel", Status.SUBMITTED, "enterprise", {"reason": ["不要了"]}, "reason"),
        ("cancel", Status.ASSIGNED, "enterprise", {"reason": TOO_LONG}, "reason"),
    ],
)
def test_malformed_body_is_400_on_the_field_and_changes_nothing(
    world, action, status, role, body, field
):
    ticket = ticket_in(status, world)
    before = state(ticket)

    response = post(world, role, ticket, action, body)

    assert response.status_code == 400, response.data
    assert field in response.data
    assert state(ticket) == before


def test_triage_to_a_category_the_station_does_not_offer_is_400(world):
    world.station.services.filter(category=Category.BRAND).delete()
    ticket = ticket_in(Status.SUBMITTED, world)
    before = state(ticket)

    response = post(world, "station_staff", ticket, "triage", {"category": Category.BRAND})

    assert response.status_code == 400
    assert "category" in response.data
    assert state(ticket) == before


@pytest.mark.parametrize(
    "station_kwargs",
    [{"is_active": False}, {"services": [Category.BRAND]}],
    ids=["inactive", "not-offering-the-category"],
)
def test_transfer_to_a_station_that_cannot_take_it_is_400(world, station_kwargs):
    target = StationFactory(**station_kwargs)
    ticket = ticket_in(Status.TRIAGED, world)
    before = state(ticket)

    response = post(
        world, "station_staff", ticket, "transfer", {"station": target.pk, "reason": "转办"}
    )

    assert response.status_code == 400
    assert "station" in response.data
    assert state(ticket) == before


def test_transfer_to_the_same_station_is_400(world):
    ticket = ticket_in(Status.SUBMITTED, world)
    response = post(
        world, "station_staff", ticket, "transfer", {"station": world.station.pk, "reason": "x"}
    )
    assert response.status_code == 400
    assert "station" in response.data


@pytest.mark.parametrize(
    "make_expert",
    [
        lambda world: ExpertFactory(is_available=False),
        lambda world: ExpertFactory(specialties=[Category.BRAND]),
        lambda world: world.expert,
    ],
    ids=["unavailable", "does-not-cover-the-category", "already-assigned"],
)
def test_assigning_an_ineligible_expert_is_409_with_the_reason(world, make_expert):
    ticket = ticket_in(Status.ASSIGNED, world)
    expert = make_expert(world)
    before = state(ticket)

    response = post(world, "station_staff", ticket, "assign", {"expert": expert.pk})

    assert response.status_code == 409
    assert response.data["code"] == "expert_ineligible"
    assert response.data["reason"]
    assert state(ticket) == before


def test_assigning_an_expert_who_declined_the_request_is_409(world):
    ticket = ticket_in(Status.ASSIGNED, world)
    assert post(world, "expert", ticket, "decline", {"reason": "回避"}).status_code == 200
    assert TicketDecline.objects.filter(ticket=ticket, expert=world.expert).exists()
    before = state(ticket)

    response = post(world, "station_staff", ticket, "assign", {"expert": world.expert.pk})

    assert response.status_code == 409
    assert response.data["code"] == "expert_ineligible"
    assert state(ticket) == before


def test_assigning_an_expert_at_capacity_is_409_and_changes_nothing(world):
    full = ExpertFactory(capacity=0)
    ticket = ticket_in(Status.TRIAGED, world)
    before = state(ticket)

    response = post(world, "station_staff", ticket, "assign", {"expert": full.pk})

    assert response.status_code == 409
    assert response.data["code"] == "expert_at_capacity"
    assert response.data["expert"] == full.pk
    assert state(ticket) == before
    assert Expert.objects.get(pk=full.pk).open_assignments == 0


def test_errors_are_in_chinese_by_default_and_english_on_request(world):
    ticket = ticket_in(Status.SUBMITTED, world)
    client = client_for(world.staff)
    url = f"/api/v1/tickets/{ticket.pk}/transfer/"
    body = {"station": world.station.pk, "reason": "x"}

    chinese = client.post(url, body, format="json")
    english = client.post(url, body, format="json", HTTP_ACCEPT_LANGUAGE="en")

    assert chinese.data["station"] == ["该诉求已在此服务站。"]
    assert english.data["station"] == ["The request is already at this station."]
