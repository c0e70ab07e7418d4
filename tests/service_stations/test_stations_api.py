import pytest

from requests_app.choices import Category
from service_stations.models import ServiceStation, StationService
from tests.api_support import ROLES, ids, token_client
from tests.factories import AdminFactory, StationFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/stations/"

READ_STATUS = {role: 200 for role in ROLES} | {"anonymous": 401}
WRITE_STATUS = {role: 403 for role in ROLES} | {"anonymous": 401, "admin": 200}
CREATE_STATUS = WRITE_STATUS | {"admin": 201}


def detail(station) -> str:
    return f"{LIST}{station.pk}/"


def new_station(**overrides) -> dict:
    return {
        "code": "xg-new",
        "name": "孝感质量服务站",
        "kind": "station",
        "region_code": "420900",
        "address": "孝感市",
        "services": ["metrology", "inspection"],
        "parent": None,
        "is_active": True,
    } | overrides


@pytest.mark.parametrize("role", ROLES)
def test_every_logged_in_role_lists_the_whole_network(world, role):
    response = world.client(role).get(LIST)
    assert response.status_code == READ_STATUS[role]
    if response.status_code == 200:
        assert set(ids(response)) == {world.station_a.pk, world.station_b.pk}


@pytest.mark.parametrize("role", ROLES)
def test_station_detail_status_per_role(world, role):
    assert world.client(role).get(detail(world.station_a)).status_code == READ_STATUS[role]


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_change_a_station(world, role):
    response = world.client(role).patch(detail(world.station_a), {"name": "改名"}, format="json")
    assert response.status_code == WRITE_STATUS[role]
    world.station_a.refresh_from_db()
    assert (world.station_a.name == "改名") is (role == "admin")


@pytest.mark.parametrize("role", ROLES)
def test_only_administrators_create_a_station(world, role):
    response = world.client(role).post(LIST, new_station(), format="json")
    assert response.status_code == CREATE_STATUS[role]
    assert ServiceStation.objects.filter(code="xg-new").exists() is (role == "admin")


def test_missing_station_is_404_for_a_non_administrator_before_403(world):
    response = world.client("station_staff").patch(f"{LIST}999999/", {}, format="json")
    assert response.status_code == 404


def test_created_station_answers_in_the_contract_shape_with_its_services(world):
    response = world.client("admin").post(
        LIST, new_station(parent=world.station_a.pk), format="json"
    )
    assert response.status_code == 201
    body = response.json()
    assert set(body) >= {
        "id",
        "code",
        "name",
        "kind",
        "region_code",
        "address",
        "services",
        "parent",
        "is_active",
    }
    assert body["services"] == ["metrology", "inspection"]
    assert body["parent"] == world.station_a.pk
    assert set(
        StationService.objects.filter(station_id=body["id"]).values_list("category", flat=True)
    ) == {"metrology", "inspection"}


def test_changing_services_replaces_the_service_rows(world):
    response = world.client("admin").patch(
        detail(world.station_a), {"services": ["brand", "brand", "standards"]}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["services"] == ["standards", "brand"]
    assert set(world.station_a.services.values_list("category", flat=True)) == {
        "standards",
        "brand",
    }


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"code": "not a slug"}, "code"),
        ({"kind": "kiosk"}, "kind"),
        ({"region_code": "4201"}, "region_code"),
        ({"services": ["cooking"]}, "services"),
        ({"parent": 999999}, "parent"),
        ({"name": ""}, "name"),
    ],
)
def test_bad_station_input_is_400_on_the_field_and_creates_nothing(world, payload, field):
    before = (ServiceStation.objects.count(), StationService.objects.count())
    response = world.client("admin").post(LIST, new_station(**payload), format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert (ServiceStation.objects.count(), StationService.objects.count()) == before


def test_duplicate_station_code_is_400_on_code(world):
    response = world.client("admin").post(
        LIST, new_station(code=world.station_a.code), format="json"
    )
    assert response.status_code == 400
    assert "code" in response.json()


def test_a_station_cannot_be_placed_under_its_own_child(world):
    child = StationFactory(parent=world.station_a)
    response = world.client("admin").patch(
        detail(world.station_a), {"parent": child.pk, "name": "改名"}, format="json"
    )
    assert response.status_code == 400
    assert "parent" in response.json()
    world.station_a.refresh_from_db()
    assert world.station_a.parent is None
    assert world.station_a.name != "改名"


def test_stations_filter_by_service_region_and_search(world):
    offering_brand = StationFactory(region_code="420104", services=[Category.BRAND])
    client = world.client("enterprise")
    StationFactory(services=[Category.METROLOGY], region_code="320100")
    assert set(ids(client.get(LIST, {"service": "brand"}))) == {
        world.station_a.pk,
        world.station_b.pk,
        offering_brand.pk,
    }
    assert set(ids(client.get(LIST, {"region": "4201"}))) == {
        world.station_a.pk,
        offering_brand.pk,
    }
    only = StationFactory(services=[Category.OTHER], region_code="110101")
    assert ids(client.get(LIST, {"service": "brand", "region": "11"})) == []
    assert ids(client.get(LIST, {"search": only.name})) == [only.pk]


@pytest.mark.parametrize(
    "query",
    [{"service": "cooking"}, {"kind": "kiosk"}, {"region": "420"}, {"colour": "red"}],
)
def test_unknown_filter_values_and_names_are_400_not_ignored(world, query):
    response = world.client("enterprise").get(LIST, query)
    assert response.status_code == 400
    assert set(query) <= set(response.json())


def test_page_size_is_capped_at_200(world):
    StationFactory.create_batch(201, services=[])
    response = world.client("enterprise").get(LIST, {"page_size": 500})
    assert len(response.json()["results"]) == 200
    assert response.json()["next"]


@pytest.mark.parametrize("rows", [1, 50])
def test_station_list_query_count_does_not_grow_with_rows(db, django_assert_num_queries, rows):
    StationFactory.create_batch(rows)
    client = token_client(AdminFactory())
    # token and user, count, page, services, catalogue services
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.json()["results"]) == rows
