"""Manual assignment applies the rules automatic assignment does (API.md "Hardening")."""

import datetime

import pytest
from django.utils import timezone

from requests_app.assignment import eligible_experts
from requests_app.models import TicketDecline
from service_stations.models import Expert, ExpertLeave, ExpertSpecialty
from tests.requests_app.helpers import assert_open_assignments_in_step, client_for, ticket_in

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


def on_leave(world, ticket):
    ExpertLeave.objects.create(
        expert=world.expert, starts_on=TODAY, ends_on=TODAY + datetime.timedelta(days=3)
    )


def qualification_expired(world, ticket):
    ExpertSpecialty.objects.filter(expert=world.expert, category=ticket.category).update(
        valid_until=TODAY - datetime.timedelta(days=1)
    )


def works_for_the_enterprise(world, ticket):
    Expert.objects.filter(pk=world.expert.pk).update(organization=ticket.enterprise.name)


def declined_before(world, ticket):
    TicketDecline.objects.create(ticket=ticket, expert=world.expert, reason="时间冲突")


def unavailable(world, ticket):
    Expert.objects.filter(pk=world.expert.pk).update(is_available=False)


CASES = {
    on_leave: "该专家正在休假。",
    qualification_expired: "该专家没有“计量”的有效资质。",
    works_for_the_enterprise: "该专家就职于提出诉求的企业（利益冲突）。",
    declined_before: "该专家已退回过此诉求。",
    unavailable: "该专家当前不可接单。",
}


@pytest.mark.parametrize("make_ineligible", list(CASES), ids=lambda f: f.__name__)
def test_an_expert_the_engine_would_skip_is_a_409_with_the_reason(world, make_ineligible):
    ticket = ticket_in("triaged", world)
    make_ineligible(world, ticket)
    assert world.expert not in eligible_experts(ticket)

    response = client_for(world.staff).post(
        f"/api/v1/tickets/{ticket.pk}/assign/", {"expert": world.expert.pk}, format="json"
    )

    assert response.status_code == 409
    assert response.json()["code"] == "expert_ineligible"
    assert response.json()["reason"] == CASES[make_ineligible]
    ticket.refresh_from_db()
    assert (ticket.status, ticket.assigned_expert_id) == ("triaged", None)
    assert_open_assignments_in_step(world.expert)


def test_an_expert_at_capacity_is_a_409_expert_at_capacity(world):
    ticket = ticket_in("triaged", world)
    Expert.objects.filter(pk=world.expert.pk).update(capacity=1, open_assignments=1)
    response = client_for(world.staff).post(
        f"/api/v1/tickets/{ticket.pk}/assign/", {"expert": world.expert.pk}, format="json"
    )
    assert response.status_code == 409
    assert response.json()["code"] == "expert_at_capacity"


def test_an_eligible_expert_is_assigned(world):
    ticket = ticket_in("triaged", world)
    response = client_for(world.staff).post(
        f"/api/v1/tickets/{ticket.pk}/assign/", {"expert": world.expert.pk}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["assigned_expert"] == world.expert.pk
