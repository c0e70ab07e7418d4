"""The catalogue endpoint: everyone logged in reads it; administrators and the managers of
the offering stations write; stations show what they offer."""

import pytest

from catalogue.models import Service
from service_stations.choices import StationRole
from tests.api_support import ROLES, ids, token_client
from tests.catalogue.factories import DiagnosisServiceFactory, ServiceFactory
from tests.factories import AdminFactory, StationFactory, StationMembershipFactory

pytestmark = pytest.mark.django_db

SERVICES = "/api/v1/services/"


def body(*stations, **overrides) -> dict:
    return {
        "code": "wh-calibration",
        "name": "计量器具检定校准",
        "element": "metrology",
        "kind": "calibration",
        "description": "电子秤、压力表等计量器具的检定和校准，出具证书。",
        "working_days": 7,
        "fee": "200.00",
        "stations": [station.pk for station in stations],
    } | overrides


@pytest.mark.parametrize("role", ROLES)
def test_everyone_logged_in_reads_the_catalogue(world, role):
    service = ServiceFactory(stations=[world.station_b])

    response = world.client(role).get(SERVICES)

    assert response.status_code == (401 if role == "anonymous" else 200)
    if role != "anonymous":
        assert ids(response) == [service.pk]
        assert world.client(role).get(f"{SERVICES}{service.pk}/").status_code == 200


def test_a_service_shows_its_element_kind_days_fee_and_stations(world):
    service = ServiceFactory(stations=[world.station_a, world.station_b], fee=None)

    row = world.client("enterprise").get(f"{SERVICES}{service.pk}/").json()

    assert row == {
        "id": service.pk,
        "code": service.code,
        "name": service.name,
        "element": "metrology",
        "element_label": "计量",
        "kind": "calibration",
        "kind_label": "检定校准",
        "description": service.description,
        "working_days": 7,
        "fee": None,
        "stations": sorted([world.station_a.pk, world.station_b.pk]),
    }


def test_filters_by_element_kind_station_region_and_text(world):
    calibration = ServiceFactory(stations=[world.station_a])
    diagnosis = DiagnosisServiceFactory(stations=[world.station_b])
    client = world.client("enterprise")

    def found(**query):
        return ids(client.get(SERVICES, query))

    assert found(element="quality_management") == [diagnosis.pk]
    assert found(kind="calibration,testing") == [calibration.pk]
    assert found(station=world.station_b.pk) == [diagnosis.pk]
    assert found(region="3206") == [diagnosis.pk]
    assert found(search="诊断") == [diagnosis.pk]
    assert client.get(SERVICES, {"kind": "astrology"}).status_code == 400
    assert client.get(SERVICES, {"colour": "red"}).status_code == 400


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("admin", 201),
        ("station_manager", 201),
        ("station_staff", 403),
        ("other_staff", 403),
        ("enterprise", 403),
        ("expert", 403),
        ("supervisor_in", 403),
        ("anonymous", 401),
    ],
)
def test_administrators_and_the_stations_managers_add_services(world, role, expected):
    response = world.client(role).post(SERVICES, body(world.station_a), format="json")

    assert response.status_code == expected, response.json()
    assert Service.objects.filter(code="wh-calibration").exists() is (expected == 201)


def test_a_manager_offers_services_only_at_stations_they_manage(world):
    response = world.client("station_manager").post(
        SERVICES, body(world.station_a, world.station_b), format="json"
    )

    assert response.status_code == 403
    assert not Service.objects.exists()


def test_a_manager_changes_their_stations_service_but_not_a_shared_one(world):
    own = ServiceFactory(stations=[world.station_a])
    shared = ServiceFactory(stations=[world.station_a, world.station_b])
    client = world.client("station_manager")

    changed = client.patch(f"{SERVICES}{own.pk}/", {"working_days": 3}, format="json")
    refused = client.patch(f"{SERVICES}{shared.pk}/", {"working_days": 3}, format="json")
    moved = client.patch(f"{SERVICES}{own.pk}/", {"stations": [world.station_b.pk]}, format="json")
    by_admin = world.client("admin").patch(
        f"{SERVICES}{shared.pk}/", {"fee": "150.00"}, format="json"
    )

    assert (changed.status_code, changed.json()["working_days"]) == (200, 3)
    assert (refused.status_code, moved.status_code) == (403, 403)
    assert (by_admin.status_code, by_admin.json()["fee"]) == (200, "150.00")
    shared.refresh_from_db()
    assert shared.working_days == 7


def test_a_station_must_offer_the_services_element(world):
    testing_only = StationFactory(region_code="420102", services=["inspection"])

    response = world.client("admin").post(
        SERVICES, body(world.station_a, testing_only), format="json"
    )

    assert response.status_code == 400
    assert testing_only.name in response.json()["stations"][0]
    assert not Service.objects.exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("working_days", 0),
        ("working_days", 251),
        ("fee", "-1.00"),
        ("element", "astrology"),
        ("kind", "fortune_telling"),
        ("stations", []),
        ("code", "带 空格"),
    ],
)
def test_bad_fields_are_refused_by_name(world, field, value):
    response = world.client("admin").post(
        SERVICES, body(world.station_a, **{field: value}), format="json"
    )

    assert response.status_code == 400
    assert field in response.json()
    assert not Service.objects.exists()


def test_a_code_is_taken_once(world):
    ServiceFactory(code="wh-calibration", stations=[world.station_a])

    response = world.client("admin").post(SERVICES, body(world.station_a), format="json")

    assert response.status_code == 400
    assert "code" in response.json()


def test_stations_show_the_services_they_offer(world):
    first = ServiceFactory(stations=[world.station_a])
    second = DiagnosisServiceFactory(stations=[world.station_a, world.station_b])

    station = world.client("enterprise").get(f"/api/v1/stations/{world.station_a.pk}/").json()

    assert station["catalogue"] == [first.pk, second.pk]


@pytest.mark.parametrize("rows", [1, 40])
def test_the_catalogue_list_query_count_does_not_grow_with_rows(
    db, django_assert_num_queries, rows
):
    stations = StationFactory.create_batch(2)
    ServiceFactory.create_batch(rows, stations=stations)
    client = token_client(AdminFactory())

    # token and user, count, page, stations of the page
    with django_assert_num_queries(4):
        response = client.get(SERVICES)

    assert len(response.json()["results"]) == rows


def test_a_manager_of_two_stations_offers_a_service_at_both(world):
    StationMembershipFactory(
        user=world.users["station_manager"], station=world.station_b, role=StationRole.MANAGER
    )

    response = world.client("station_manager").post(
        SERVICES, body(world.station_a, world.station_b), format="json"
    )

    assert response.status_code == 201
    assert response.json()["stations"] == sorted([world.station_a.pk, world.station_b.pk])
