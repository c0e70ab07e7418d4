"""The station roster (load, leave, qualifications, rating) and the workload view."""

import datetime

import pytest
from django.utils import timezone

from requests_app.choices import Status
from service_stations.models import ExpertLeave, ExpertSpecialty
from tests.api_support import ROLES, token_client
from tests.factories import ExpertFactory, StationFactory, StationMembershipFactory, TicketFactory

pytestmark = pytest.mark.django_db

# Station A is in 420102; station B elsewhere; supervisor_in watches 4201.
OVERSEE_STATUS = {role: 403 for role in ROLES} | {
    "anonymous": 401,
    "station_staff": 200,
    "station_manager": 200,
    "supervisor_in": 200,
    "admin": 200,
}


@pytest.mark.parametrize("view", ["roster", "workload"])
@pytest.mark.parametrize("role", ROLES)
def test_roster_and_workload_scoping(world, role, view):
    response = world.client(role).get(f"/api/v1/stations/{world.station_a.pk}/{view}/")
    assert response.status_code == OVERSEE_STATUS[role]


def test_a_missing_station_is_404(world):
    assert world.client("station_staff").get("/api/v1/stations/999999/roster/").status_code == 404


def test_roster_shows_load_leave_qualifications_and_rating(world):
    expert = world.expert_x
    today = timezone.localdate()
    ExpertLeave.objects.create(expert=expert, starts_on=today, ends_on=today)
    ExpertSpecialty.objects.filter(expert=expert).update(valid_until=today - datetime.timedelta(1))
    for rating in (4, 5):
        TicketFactory(
            station=world.station_a, status=Status.CLOSED, assigned_expert=expert, rating=rating
        )
    row = (
        world.client("station_manager")
        .get(f"/api/v1/stations/{world.station_a.pk}/roster/")
        .json()["results"][0]
    )
    assert row["id"] == expert.pk
    assert row["on_leave"] is True
    assert row["rating"] == 4.5
    assert row["qualifications"] == [
        {
            "category": "metrology",
            "valid_until": (today - datetime.timedelta(1)).isoformat(),
            "is_valid": False,
        }
    ]
    assert {"open_assignments", "capacity"} <= set(row)


def test_an_expert_without_closed_requests_has_no_rating(world):
    row = (
        world.client("admin")
        .get(f"/api/v1/stations/{world.station_a.pk}/roster/")
        .json()["results"][0]
    )
    assert row["rating"] is None
    assert row["on_leave"] is False


def test_roster_queries_do_not_grow_with_experts(world, django_assert_max_num_queries):
    client = world.client("admin")
    url = f"/api/v1/stations/{world.station_a.pk}/roster/"
    with django_assert_max_num_queries(10) as one:
        client.get(url)
    for _ in range(6):
        ExpertFactory().stations.add(world.station_a)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(client.get(url).json()["results"]) == 7


def test_a_hub_sees_its_childrens_totals_and_a_hub_manager_may_read_a_child(world):
    hub = StationFactory(code="wh-hub", region_code="420100")
    world.station_a.parent = hub
    world.station_a.save()
    past = timezone.now() - datetime.timedelta(days=1)
    TicketFactory(station=world.station_a, status=Status.TRIAGED, due_at=past)
    TicketFactory(station=hub, status=Status.SUBMITTED)
    TicketFactory(station=hub, status=Status.CLOSED)
    hub_manager = StationMembershipFactory(station=hub, role="station_manager").user
    body = token_client(hub_manager).get(f"/api/v1/stations/{hub.pk}/workload/").json()
    assert body["open"] == 1
    assert body["by_status"] == {"submitted": 1}
    [child] = body["children"]
    assert child["station"] == world.station_a.pk
    assert child["by_status"] == {"assigned": 1, "triaged": 1}
    assert child["overdue"] == 1
    assert body["totals"] == {
        "open": 3,
        "overdue": 1,
        "by_status": {"submitted": 1, "assigned": 1, "triaged": 1},
    }
    child_view = token_client(hub_manager).get(f"/api/v1/stations/{world.station_a.pk}/workload/")
    assert child_view.status_code == 200
    assert child_view.json()["experts"][0]["id"] == world.expert_x.pk
