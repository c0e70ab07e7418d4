"""POST /api/v1/tickets/ by station staff: filing for an enterprise of the station's region."""

import pytest

from requests_app.choices import Category, Channel, Status
from requests_app.models import Ticket
from service_stations.choices import StationRole
from service_stations.reach import station_region
from tests.factories import EnterpriseFactory, StationMembershipFactory
from tests.requests_app.helpers import client_for, walk

pytestmark = pytest.mark.django_db

URL = "/api/v1/tickets/"


def body(world, **overrides):
    return {
        "enterprise": world.enterprise.pk,
        "title": "电子秤示值偏差",
        "description": "上门走访时发现出厂检验用电子秤示值偏差 0.5%。",
        "category": Category.METROLOGY,
        "channel": Channel.VISIT,
        **overrides,
    }


@pytest.mark.parametrize(
    ("code", "region"),
    [("420102", "420102"), ("420100", "4201"), ("420000", "42"), ("110000", "11")],
)
def test_a_station_serves_its_code_without_trailing_zero_pairs(code, region):
    assert station_region(code) == region


@pytest.mark.parametrize("role", ["station_staff", "station_manager"])
def test_staff_file_for_an_enterprise_of_their_region(world, role):
    filer = world.staff if role == "station_staff" else world.manager

    response = client_for(filer).post(URL, body(world, channel="phone"), format="json")

    assert response.status_code == 201, response.data
    assert response.data["station"] == world.station.pk  # the caller's only station
    assert response.data["channel"] == "phone"
    assert response.data["channel_label"] == "电话"
    assert response.data["filed_by"] == filer.pk
    ticket = Ticket.objects.get(pk=response.data["id"])
    assert (ticket.enterprise, ticket.filed_by, ticket.channel) == (
        world.enterprise,
        filer,
        Channel.PHONE,
    )
    assert [(e.action, e.actor) for e in ticket.events.all()] == [("file", filer)]


def test_the_enterprise_owns_a_request_staff_filed(world):
    filed = client_for(world.staff).post(URL, body(world), format="json").data
    owner = client_for(world.owner)

    listed = owner.get(URL).data["results"]
    assert [(row["id"], row["channel"], row["filed_by"]) for row in listed] == [
        (filed["id"], "visit", world.staff.pk)
    ]
    ticket = walk(Ticket.objects.get(pk=filed["id"]), world, ["triage", "assign", "accept"])
    walk(ticket, world, ["resolve"])
    response = owner.post(f"{URL}{filed['id']}/confirm/", {"rating": 4}, format="json")
    assert response.status_code == 200, response.data
    assert response.data["status"] == Status.CLOSED


def test_an_enterprise_files_online(world):
    response = client_for(world.owner).post(
        URL, {k: v for k, v in body(world).items() if k != "channel"}, format="json"
    )
    assert response.status_code == 201, response.data
    assert response.data["channel"] == "online"
    assert response.data["filed_by"] == world.owner.pk


def test_an_enterprise_may_not_claim_a_doorstep_channel(world):
    response = client_for(world.owner).post(URL, body(world), format="json")
    assert response.status_code == 400
    assert "channel" in response.data
    assert not Ticket.objects.exists()


def test_a_hub_files_for_the_whole_city(world):
    # The hub 420100 serves 4201…, so an enterprise of 420102 too.
    response = client_for(world.other_staff).post(URL, body(world), format="json")
    assert response.status_code == 201, response.data
    assert response.data["station"] == world.other_station.pk


def test_an_enterprise_outside_the_station_region_is_400_on_enterprise(world):
    outside = EnterpriseFactory(region_code="420111")

    response = client_for(world.staff).post(URL, body(world, enterprise=outside.pk), format="json")

    assert response.status_code == 400
    assert "服务区域" in str(response.data["enterprise"])
    assert not Ticket.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"enterprise": None}, "enterprise"),
        ({"channel": None}, "channel"),
        ({"channel": "online"}, "channel"),
        ({"channel": "fax"}, "channel"),
        ({"enterprise": 999999}, "enterprise"),
    ],
)
def test_staff_filing_needs_an_enterprise_and_a_staff_channel(world, overrides, field):
    sent = {k: v for k, v in body(world, **overrides).items() if v is not None}

    response = client_for(world.staff).post(URL, sent, format="json")

    assert response.status_code == 400
    assert field in response.data
    assert not Ticket.objects.exists()


def test_a_station_not_the_callers_is_400_on_station(world):
    response = client_for(world.other_staff).post(
        URL, body(world, station=world.station.pk), format="json"
    )
    assert response.status_code == 400
    assert "station" in response.data


def test_staff_at_several_stations_name_one(world):
    StationMembershipFactory(user=world.staff, station=world.other_station)
    client = client_for(world.staff)

    missing = client.post(URL, body(world), format="json")
    named = client.post(URL, body(world, station=world.other_station.pk), format="json")

    assert missing.status_code == 400
    assert "station" in missing.data
    assert named.status_code == 201, named.data
    assert named.data["station"] == world.other_station.pk


def test_a_member_of_an_enterprise_at_a_station_files_online_for_their_own(world):
    StationMembershipFactory(user=world.owner, station=world.station, role=StationRole.STAFF)
    online = {k: v for k, v in body(world).items() if k != "channel"}

    response = client_for(world.owner).post(URL, online, format="json")

    assert response.status_code == 201, response.data
    assert response.data["channel"] == "online"
